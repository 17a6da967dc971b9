import { gsmSeptets } from './gsm-alphabet';
import { SEGMENT_LIMITS, analyzeText, splitSegments } from './segments';
import { seededRandom as prng } from '../../../../test/support/seeded-random';

function septets(text: string): number {
  let n = 0;
  for (const c of text) n += gsmSeptets(c) ?? Number.NaN;
  return n;
}

function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

describe('analyzeText', () => {
  it('bills an empty text as one GSM-7 segment of length 0', () => {
    expect(analyzeText('')).toEqual({ text: '', encoding: 'GSM-7', length: 0, segments: 1 });
    expect(splitSegments('')).toEqual(['']);
  });

  it.each([
    [1, 1],
    [160, 1],
    [161, 2],
    [306, 2],
    [307, 3],
    [459, 3],
    [460, 4],
  ])('GSM-7: %i plain characters take %i segments', (n, segments) => {
    const result = analyzeText('a'.repeat(n));
    expect(result).toMatchObject({ encoding: 'GSM-7', length: n, segments });
  });

  it('counts extension characters as two septets', () => {
    expect(analyzeText('{€}')).toMatchObject({ encoding: 'GSM-7', length: 6, segments: 1 });
    expect(analyzeText('€'.repeat(80))).toMatchObject({ length: 160, segments: 1 });
    expect(analyzeText('€'.repeat(81))).toMatchObject({ length: 162, segments: 2 });
  });

  it.each([
    [1, 1],
    [70, 1],
    [71, 2],
    [134, 2],
    [135, 3],
  ])('UCS-2: %i Vietnamese characters take %i segments', (n, segments) => {
    expect(analyzeText('ệ'.repeat(n))).toMatchObject({ encoding: 'UCS-2', length: n, segments });
  });

  it('switches the whole message to UCS-2 for one non-GSM character', () => {
    const result = analyzeText(`${'a'.repeat(100)}ạ`);
    expect(result).toMatchObject({ encoding: 'UCS-2', length: 101, segments: 2 });
  });

  it('counts a surrogate pair as two UCS-2 code units', () => {
    expect(analyzeText('😀')).toMatchObject({ encoding: 'UCS-2', length: 2, segments: 1 });
    expect(analyzeText('😀'.repeat(35))).toMatchObject({ length: 70, segments: 1 });
    expect(analyzeText('😀'.repeat(36))).toMatchObject({ length: 72, segments: 2 });
  });

  it('normalises to NFC before choosing the encoding', () => {
    const nfd = 'Cafe\u0301';
    expect(analyzeText(nfd)).toEqual({ text: 'Café', encoding: 'GSM-7', length: 4, segments: 1 });
    const vietnameseNfd = 'Số'.normalize('NFD');
    expect(analyzeText(vietnameseNfd)).toMatchObject({ text: 'Số', encoding: 'UCS-2', length: 2 });
  });
});

describe('splitSegments', () => {
  it('returns the whole text as one part when it fits a single SMS', () => {
    expect(splitSegments('Xin chao')).toEqual(['Xin chao']);
    const exactly160 = 'b'.repeat(158) + '€';
    expect(splitSegments(exactly160)).toEqual([exactly160]);
  });

  it('packs GSM-7 parts of 153 septets', () => {
    const parts = splitSegments('x'.repeat(400));
    expect(parts.map((p) => p.length)).toEqual([153, 153, 94]);
  });

  it('never splits an extension character from its escape', () => {
    // 'aa' + 80 € = 162 septets: the first part gets 'aa' + 75 € (152 septets), not half of the 76th €.
    const text = 'aa' + '€'.repeat(80);
    const parts = splitSegments(text);
    expect(parts).toEqual(['aa' + '€'.repeat(75), '€'.repeat(5)]);
    expect(parts.map(septets)).toEqual([152, 10]);
  });

  it('never splits a surrogate pair', () => {
    // 1 + 35 × 2 = 71 units: the first part holds 'ạ' + 33 emoji (67 units); a 34th would need 69.
    const text = 'ạ' + '😀'.repeat(35);
    const parts = splitSegments(text);
    expect(parts).toEqual(['ạ' + '😀'.repeat(33), '😀'.repeat(2)]);
    expect(parts.some(hasLoneSurrogate)).toBe(false);
  });

  it('keeps the invariants on random mixed texts', () => {
    const random = prng(20210930);
    const alphabet = ['a', 'Z', ' ', '9', '€', '{', '\\', 'ệ', 'đ', '😀', '𝔸', '\n', 'à'];
    for (let run = 0; run < 300; run++) {
      const length = Math.floor(random() * 400);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const analysis = analyzeText(text);
      const parts = splitSegments(text);
      const limits = SEGMENT_LIMITS[analysis.encoding];
      expect(parts.join('')).toBe(analysis.text);
      expect(parts).toHaveLength(analysis.segments);
      expect(parts.some(hasLoneSurrogate)).toBe(false);
      const cost = (p: string) => (analysis.encoding === 'GSM-7' ? septets(p) : p.length);
      if (parts.length === 1) {
        expect(cost(parts[0])).toBeLessThanOrEqual(limits.single);
      } else {
        expect(analysis.length).toBeGreaterThan(limits.single);
        for (const part of parts) expect(cost(part)).toBeLessThanOrEqual(limits.multipart);
        // Greedy packing: no part could have taken the next part's first character.
        for (let i = 0; i < parts.length - 1; i++) {
          const next = [...parts[i + 1]][0];
          expect(cost(parts[i]) + cost(next)).toBeGreaterThan(limits.multipart);
        }
      }
    }
  });
});
