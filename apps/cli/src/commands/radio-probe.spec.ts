import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInMemory } from '../run-cli-in-memory';

describe('loa radio probe', () => {
  let dir: string;
  let tone: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loa-cli-probe-'));
    tone = join(dir, 'tone.wav');
    // sox (Debian package sox, installed by .ci/run): a 6-second tone.
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', tone, 'synth', '6', 'sine', '440']);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the format and duration of a recording', async () => {
    const r = await runCliInMemory(['radio', 'probe', tone]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('audio/wav (pcm, 16000 Hz, 1 kênh / channel(s))');
    expect(r.stdout).toContain('(6.00 s)');
  });

  it('says whether it fits a slot read several times, and exits 1 when it does not', async () => {
    const fits = await runCliInMemory(['radio', 'probe', tone, '--slot-seconds', '12', '--repeat', '2']);
    expect(fits.code).toBe(0);
    expect(fits.stdout).toContain('Vừa khung');
    const long = await runCliInMemory(['radio', 'probe', tone, '--slot-seconds', '11', '--repeat', '2', '--json']);
    expect(long.code).toBe(1);
    expect(JSON.parse(long.stdout)).toMatchObject({ format: 'wav', fits: false });
  });

  it('refuses what is not audio, and a missing file, with a message', async () => {
    const text = join(dir, 'letter.mp3');
    writeFileSync(text, 'Kính gửi: Các sở, ban, ngành tỉnh');
    const r = await runCliInMemory(['radio', 'probe', text]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('The file is not MP3, WAV or Ogg audio');
    const missing = await runCliInMemory(['radio', 'probe', join(dir, 'none.mp3')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no such file');
    const usage = await runCliInMemory(['radio', 'probe']);
    expect(usage.code).toBe(2);
  });
});
