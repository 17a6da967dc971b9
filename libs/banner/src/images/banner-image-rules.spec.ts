import { bannerImageVerdict } from './banner-image-rules';

describe('banner image rules', () => {
  it('finds the standard size by proportions, at once or twice its pixels', () => {
    expect(bannerImageVerdict('png', 300, 250)).toMatchObject({
      ok: true,
      size: { name: '300x250' },
      width: 300,
      height: 250,
    });
    expect(bannerImageVerdict('jpeg', 1456, 180)).toMatchObject({
      ok: true,
      size: { name: '728x90' },
      width: 1456,
      height: 180,
    });
    expect(bannerImageVerdict('webp', 3000, 2500)).toMatchObject({
      ok: true,
      size: { name: '300x250' },
      width: 600,
      height: 500,
    });
    expect(bannerImageVerdict('png', 640, 100)).toMatchObject({
      ok: true,
      size: { name: '320x50' },
      width: 640,
      height: 100,
    });
    // 1.5 % off 320×100: cropped to fit.
    expect(bannerImageVerdict('png', 325, 100)).toMatchObject({
      ok: true,
      size: { name: '320x100' },
      width: 320,
      height: 100,
    });
  });

  it('refuses other formats, animations, other proportions and images too small, saying why', () => {
    expect(bannerImageVerdict('gif', 300, 250)).toEqual({
      ok: false,
      reason: expect.stringContaining('PNG, JPEG hoặc WebP'),
    });
    expect(bannerImageVerdict('svg', 300, 250).ok).toBe(false);
    expect(bannerImageVerdict(undefined, 300, 250).ok).toBe(false);
    expect(bannerImageVerdict('webp', 300, 250, 12)).toEqual({
      ok: false,
      reason: expect.stringContaining('ảnh động'),
    });
    expect(bannerImageVerdict('png', 500, 500)).toEqual({ ok: false, reason: expect.stringContaining('500×500') });
    expect(bannerImageVerdict('png', 150, 125)).toEqual({
      ok: false,
      reason: expect.stringContaining('ít nhất 300 px'),
    });
  });
});
