import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TtsUnavailableError, synthesize } from './text-to-speech';

const HAS_ESPEAK = spawnSync('espeak-ng', ['--version']).status === 0;
const HAS_LAME = spawnSync('lame', ['--version']).status === 0;
const TOOLS = { espeakBin: 'espeak-ng', lameBin: 'lame', soxiBin: 'soxi', rate: 140 };

describe('synthesize (espeak-ng → lame)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loa-tts-spec-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says plainly that espeak-ng is missing, and writes nothing', async () => {
    const target = join(dir, 'a');
    await expect(
      synthesize('Kính thưa bà con', 'vi', target, { ...TOOLS, espeakBin: '/nonexistent/espeak-ng' }),
    ).rejects.toBeInstanceOf(TtsUnavailableError);
    expect(existsSync(`${target}.mp3`)).toBe(false);
  });

  (HAS_ESPEAK ? it : it.skip)('speaks Vietnamese with a regional voice, measuring the duration', async () => {
    const target = join(dir, 'campaign', 'dtt-mytu');
    const file = await synthesize(
      'Kính thưa bà con nhân dân! Đài Truyền thanh huyện Mỹ Tú xin thông tin đến bà con.',
      'vi-vn-x-south',
      target,
      TOOLS,
    );
    expect(file.path).toBe(`${target}.${HAS_LAME ? 'mp3' : 'wav'}`);
    expect(file.mimeType).toBe(HAS_LAME ? 'audio/mpeg' : 'audio/wav');
    expect(file.durationSeconds).toBeGreaterThan(2);
    expect(file.durationSeconds).toBeLessThan(30);
    const bytes = readFileSync(file.path);
    expect(bytes.length).toBe(file.bytes);
    expect(file.sha1).toMatch(/^[0-9a-f]{40}$/);
  });

  (HAS_ESPEAK ? it : it.skip)('keeps WAV when lame is missing (still audio, just larger)', async () => {
    const file = await synthesize('Xin cảm ơn bà con.', 'vi', join(dir, 'b'), {
      ...TOOLS,
      lameBin: '/nonexistent/lame',
      soxiBin: '/nonexistent/soxi',
    });
    expect(file.mimeType).toBe('audio/wav');
    expect(file.path.endsWith('.wav')).toBe(true);
    expect(file.durationSeconds).toBeGreaterThan(0.5);
  });
});
