import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../../../../test/support/seeded-random';
import { AudioProbe, AudioProbeError, AudioProbeFailure, probeAudio } from './audio-probe';

/**
 * Real files made by the tools CI installs (espeak-ng, lame, sox, opusenc), measured against `soxi -D`. A missing tool
 * fails the suite in beforeAll, naming the Debian package: these tests are never skipped.
 */

const SPEECH = 'Kính thưa bà con nhân dân! Đài Truyền thanh xã xin thông báo lịch tiêm chủng tuần này.';
const SHORT_SPEECH = 'Xin cảm ơn bà con.';

let dir: string;
const files: Record<string, Buffer> = {};
const soxiSeconds: Record<string, number> = {};

function path(name: string): string {
  return join(dir, name);
}

function run(bin: string, args: string[]): Buffer {
  return execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function requireTool(bin: string, args: string[], debianPackage: string): void {
  const result = spawnSync(bin, args, { stdio: 'ignore' });
  if (result.error) throw new Error(`${bin} is missing: install the Debian package "${debianPackage}"`);
}

/** Runs a tool that needs an optional sox format library; a failure names the package that provides it. */
function runNeeding(debianPackage: string, bin: string, args: string[]): void {
  try {
    run(bin, args);
  } catch (e) {
    throw new Error(`${bin} ${args.join(' ')} failed; install the Debian package "${debianPackage}": ${String(e)}`);
  }
}

function soxi(name: string, option = '-D'): number {
  try {
    return Number(
      run('soxi', [option, path(name)])
        .toString()
        .trim(),
    );
  } catch (e) {
    const hint = name.endsWith('.mp3') ? ' (reading MP3 needs the Debian package "libsox-fmt-mp3")' : '';
    throw new Error(`soxi ${option} ${name} failed${hint}: ${String(e)}`);
  }
}

function generateFixtures(): void {
  run('espeak-ng', ['-v', 'vi', '-w', path('speech.wav'), SPEECH]);
  run('espeak-ng', ['-v', 'vi', '-w', path('short.wav'), SHORT_SPEECH]);
  writeFileSync(path('streamed.wav'), run('espeak-ng', ['-v', 'vi', '--stdout', SHORT_SPEECH]));
  run('sox', [path('speech.wav'), '-r', '44100', path('speech44k.wav')]);
  run('sox', [path('speech.wav'), '-r', '8000', path('speech8k.wav')]);
  run('sox', [path('speech.wav'), '-c', '2', path('stereo.wav')]);
  run('sox', [path('speech.wav'), '-r', '44100', '-c', '2', path('stereo44k.wav')]);
  run('sox', [path('speech.wav'), '-e', 'floating-point', '-b', '32', path('float.wav')]);
  run('sox', [path('speech.wav'), '-b', '24', '-c', '3', path('extensible.wav')]);
  run('sox', [path('speech.wav'), '-e', 'ms-adpcm', path('ms-adpcm.wav')]);
  run('sox', [path('speech.wav'), '-e', 'ima-adpcm', path('ima-adpcm.wav')]);
  run('sox', [path('speech.wav'), '-e', 'a-law', path('a-law.wav')]);
  runNeeding('libsox-fmt-base', 'sox', [path('speech.wav'), path('speech.ogg')]);
  runNeeding('libsox-fmt-mp3', 'sox', [path('speech.wav'), path('layer2.mp2')]);
  const wav = path('speech.wav');
  // 48 kbit/s frames at 22.05 kHz are too small for lame's Info tag: a plain CBR stream.
  run('lame', ['--quiet', '-b', '48', wav, path('cbr48.mp3')]);
  run('lame', ['--quiet', '-b', '64', wav, path('cbr64-info.mp3')]);
  run('lame', ['--quiet', '-V', '5', wav, path('vbr-xing.mp3')]);
  run('lame', ['--quiet', '-V', '5', '--nohist', '-t', wav, path('vbr-walk.mp3')]);
  run('lame', ['--quiet', '-V', '5', '--tt', 'Tiêu đề', '--add-id3v2', wav, path('id3v2.mp3')]);
  run('lame', ['--quiet', '-b', '48', '--tt', 'Tiêu đề', '--id3v1-only', wav, path('id3v1.mp3')]);
  run('lame', ['--quiet', '-V', '2', path('speech44k.wav'), path('mpeg1.mp3')]);
  run('lame', ['--quiet', '-b', '128', '-m', 's', '-t', path('stereo44k.wav'), path('stereo-walk.mp3')]);
  run('lame', ['--quiet', '-V', '5', path('speech8k.wav'), path('mpeg25.mp3')]);
  run('opusenc', ['--quiet', wav, path('speech.opus')]);
  run('opusenc', ['--quiet', '--bitrate', '64', path('stereo44k.wav'), path('stereo.opus')]);
  for (const name of readdirSync(dir)) files[name] = readFileSync(path(name));
}

beforeAll(() => {
  requireTool('espeak-ng', ['--version'], 'espeak-ng');
  requireTool('lame', ['--version'], 'lame');
  requireTool('sox', ['--version'], 'sox');
  requireTool('soxi', ['-V0'], 'sox');
  requireTool('opusenc', ['--version'], 'opus-tools');
  requireTool('opusinfo', ['-V'], 'opus-tools');
  dir = mkdtempSync(join(tmpdir(), 'loa-audio-probe-'));
  generateFixtures();
  reference('cbr48.mp3'); // soxi must read MP3 (libsox-fmt-mp3) before any comparison is made
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function reference(name: string): number {
  soxiSeconds[name] ??= soxi(name);
  expect(soxiSeconds[name]).toBeGreaterThan(0);
  return soxiSeconds[name];
}

/** Within 2 % of soxi, or 0.05 s for short files (decoders disagree about encoder delay and tag frames). */
function expectNearReference(actual: number, referenceSeconds: number): void {
  const tolerance = Math.max(0.02 * referenceSeconds, 0.05);
  expect(actual).toBeGreaterThanOrEqual(referenceSeconds - tolerance);
  expect(actual).toBeLessThanOrEqual(referenceSeconds + tolerance);
}

function failureOf(bytes: Buffer): AudioProbeFailure | 'no error' {
  try {
    probeAudio(bytes);
    return 'no error';
  } catch (e) {
    if (e instanceof AudioProbeError) return e.reason;
    throw e;
  }
}

/** A probe or an AudioProbeError; any other exception is rethrown and fails the test. */
function probeOrFailure(bytes: Buffer): AudioProbe | AudioProbeError {
  try {
    return probeAudio(bytes);
  } catch (e) {
    if (e instanceof AudioProbeError) return e;
    throw e;
  }
}

function expectSaneProbe(probe: AudioProbe): void {
  expect(['mp3', 'wav', 'ogg']).toContain(probe.format);
  expect(Number.isFinite(probe.durationSeconds)).toBe(true);
  expect(probe.durationSeconds).toBeGreaterThan(0);
  expect(probe.sampleRate).toBeGreaterThan(0);
  expect(probe.channels).toBeGreaterThan(0);
}

// ------------------------------------------------------------------------------------------------------------
// Byte builders for cases the tools cannot write

function chunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'ascii');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
}

function dataChunkOffset(wav: Buffer): number {
  const offset = wav.indexOf('data', 12, 'ascii');
  expect(offset).toBeGreaterThan(12);
  return offset;
}

function withDataSize(wav: Buffer, size: number): Buffer {
  const copy = Buffer.from(wav);
  copy.writeUInt32LE(size, dataChunkOffset(copy) + 4);
  return copy;
}

/** Offsets of the MPEG frames in a tagless file, following the frame lengths (test-side, MPEG-2 Layer III). */
function mpeg2FrameOffsets(mp3: Buffer): number[] {
  const bitrates = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  const rates = [22050, 24000, 16000];
  const offsets: number[] = [];
  for (let at = 0; at + 4 <= mp3.length && mp3[at] === 0xff;) {
    offsets.push(at);
    const bitrate = bitrates[mp3[at + 2] >> 4] * 1000;
    at += Math.floor((72 * bitrate) / rates[(mp3[at + 2] >> 2) & 3]) + ((mp3[at + 2] >> 1) & 1);
  }
  return offsets;
}

/** CRC-32 of an Ogg page (bitwise; the probe uses a table), over the page with a zeroed checksum field. */
function oggCrc(page: Buffer): number {
  let crc = 0;
  for (const byte of page) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
    crc >>>= 0;
  }
  return crc;
}

interface OggPageSpec {
  headerType?: number;
  granule: bigint;
  serial?: number;
  sequence: number;
  packets: Buffer[];
}

function oggPage({ headerType = 0, granule, serial = 0x5eed, sequence, packets }: OggPageSpec): Buffer {
  const lacing = packets.flatMap((p) => [...Array<number>(Math.floor(p.length / 255)).fill(255), p.length % 255]);
  const header = Buffer.alloc(27 + lacing.length);
  header.write('OggS', 0, 'ascii');
  header[5] = headerType;
  header.writeBigUInt64LE(granule, 6);
  header.writeUInt32LE(serial, 14);
  header.writeUInt32LE(sequence, 18);
  header[26] = lacing.length;
  Buffer.from(lacing).copy(header, 27);
  const page = Buffer.concat([header, ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

function opusHead(preSkip: number, channels = 1): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head[8] = 1;
  head[9] = channels;
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(16000, 12);
  return head;
}

function opusHeaderPages(preSkip: number): Buffer[] {
  const tags = Buffer.concat([Buffer.from('OpusTags', 'ascii'), Buffer.alloc(8)]);
  return [
    oggPage({ headerType: 0x02, granule: 0n, sequence: 0, packets: [opusHead(preSkip)] }),
    oggPage({ granule: 0n, sequence: 1, packets: [tags] }),
  ];
}

function opusAudioPages(granules: bigint[]): Buffer[] {
  const random = seededRandom(0x0995);
  return granules.map((granule, i) => {
    const packet = Buffer.from(Array.from({ length: 300 }, () => Math.floor(random() * 256)));
    return oggPage({ headerType: i === granules.length - 1 ? 0x04 : 0, granule, sequence: i + 2, packets: [packet] });
  });
}

function randomBytes(random: () => number, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

// ------------------------------------------------------------------------------------------------------------

describe('probeAudio: WAV', () => {
  it('measures espeak-ng speech like soxi', () => {
    const probe = probeAudio(files['speech.wav']);
    expect(probe).toMatchObject({
      format: 'wav',
      mimeType: 'audio/wav',
      codec: 'pcm',
      sampleRate: 22050,
      channels: 1,
    });
    expectNearReference(probe.durationSeconds, reference('speech.wav'));
    expect(probe.durationSeconds).toBeGreaterThan(2);
  });

  it.each([
    ['speech44k.wav', 'pcm', 44100, 1],
    ['speech8k.wav', 'pcm', 8000, 1],
    ['stereo.wav', 'pcm', 22050, 2],
    ['float.wav', 'float', 22050, 1],
    ['extensible.wav', 'pcm', 22050, 3],
  ])('reads %s (%s, %i Hz, %i channels) like soxi', (name, codec, sampleRate, channels) => {
    const probe = probeAudio(files[name]);
    expect(probe).toMatchObject({ format: 'wav', codec, sampleRate, channels });
    expectNearReference(probe.durationSeconds, reference(name));
  });

  it('walks an odd-sized chunk before the data (padding byte)', () => {
    const wav = files['speech.wav'];
    const data = dataChunkOffset(wav);
    const odd = chunk('junk', Buffer.from('odd!!', 'ascii'));
    expect(odd.length).toBe(8 + 5 + 1);
    const withJunk = Buffer.concat([wav.subarray(0, data), odd, wav.subarray(data)]);
    writeFileSync(path('odd-chunk.wav'), withJunk);
    const probe = probeAudio(withJunk);
    expect(probe.durationSeconds).toBe(probeAudio(wav).durationSeconds);
    expectNearReference(probe.durationSeconds, reference('odd-chunk.wav'));
  });

  it('takes the data to the end of the file when its size is 0 or 0xFFFFFFFF (streamed WAV)', () => {
    const wav = files['speech.wav'];
    const expected = probeAudio(wav).durationSeconds;
    expect(probeAudio(withDataSize(wav, 0xffffffff)).durationSeconds).toBe(expected);
    expect(probeAudio(withDataSize(wav, 0)).durationSeconds).toBe(expected);
  });

  it('measures espeak-ng --stdout output (sizes left open) like the same speech written to a file', () => {
    const streamed = files['streamed.wav'];
    expect(streamed.readUInt32LE(dataChunkOffset(streamed) + 4)).toBeGreaterThan(streamed.length);
    expectNearReference(probeAudio(streamed).durationSeconds, reference('short.wav'));
  });

  it.each(['ms-adpcm.wav', 'ima-adpcm.wav', 'a-law.wav'])('refuses %s as an unsupported codec', (name) => {
    expect(failureOf(files[name])).toBe('unsupported-codec');
  });

  it('says truncated when the header promises data the file no longer holds', () => {
    const wav = files['speech.wav'];
    expect(failureOf(wav.subarray(0, dataChunkOffset(wav) + 8))).toBe('truncated');
    expect(failureOf(wav.subarray(0, 20))).toBe('truncated');
  });

  it('measures what is left of a cut WAV', () => {
    const wav = files['speech.wav'];
    const cut = wav.subarray(0, Math.floor(wav.length / 2));
    const dataBytes = cut.length - (dataChunkOffset(wav) + 8);
    expect(probeAudio(cut).durationSeconds).toBeCloseTo(Math.floor(dataBytes / 2) / 22050, 9);
  });

  it('says no-audio for an empty data chunk', () => {
    const wav = files['speech.wav'];
    const empty = withDataSize(wav.subarray(0, dataChunkOffset(wav) + 8), 0);
    expect(failureOf(empty)).toBe('no-audio');
  });
});

describe('probeAudio: MP3', () => {
  it.each([
    ['cbr48.mp3', 22050, 1],
    ['cbr64-info.mp3', 22050, 1],
    ['vbr-xing.mp3', 22050, 1],
    ['vbr-walk.mp3', 22050, 1],
    ['id3v2.mp3', 22050, 1],
    ['id3v1.mp3', 22050, 1],
    ['mpeg1.mp3', 44100, 1],
    ['stereo-walk.mp3', 44100, 2],
    ['mpeg25.mp3', 8000, 1],
  ])('measures %s (%i Hz, %i channels) like soxi', (name, sampleRate, channels) => {
    const probe = probeAudio(files[name]);
    expect(probe).toMatchObject({ format: 'mp3', mimeType: 'audio/mpeg', codec: 'mp3', sampleRate, channels });
    expect(soxi(name, '-r')).toBe(sampleRate);
    expectNearReference(probe.durationSeconds, reference(name));
  });

  it('the fixtures hold what their names say (Xing, Info, no tag, ID3v2, ID3v1)', () => {
    const latin1 = (name: string) => files[name].toString('latin1');
    expect(latin1('vbr-xing.mp3')).toContain('Xing');
    expect(latin1('cbr64-info.mp3')).toContain('Info');
    for (const name of ['cbr48.mp3', 'vbr-walk.mp3']) expect(latin1(name)).not.toMatch(/Xing|Info|VBRI/);
    expect(latin1('id3v2.mp3').startsWith('ID3')).toBe(true);
    expect(latin1('id3v1.mp3').slice(-128).startsWith('TAG')).toBe(true);
  });

  it('counts the same audio frames from the Xing header as by walking the frames (tag frame excluded)', () => {
    expect(probeAudio(files['vbr-xing.mp3']).durationSeconds).toBe(probeAudio(files['vbr-walk.mp3']).durationSeconds);
  });

  it('takes the frame count from the Xing header when it is plausible, else walks', () => {
    const mp3 = Buffer.from(files['vbr-xing.mp3']);
    const xing = mp3.indexOf('Xing', 0, 'latin1');
    mp3.writeUInt32BE(100, xing + 8);
    expect(probeAudio(mp3).durationSeconds).toBeCloseTo((100 * 576) / 22050, 9);
    mp3.writeUInt32BE(0xfffffff0, xing + 8);
    expect(probeAudio(mp3).durationSeconds).toBe(probeAudio(files['vbr-xing.mp3']).durationSeconds);
  });

  it('takes the frame count from a VBRI header', () => {
    const mp3 = Buffer.from(files['cbr48.mp3']);
    const vbri = 4 + 32;
    mp3.fill(0, 4, 156);
    mp3.write('VBRI', vbri, 'ascii');
    mp3.writeUInt16BE(1, vbri + 4);
    mp3.writeUInt32BE(mp3.length, vbri + 10);
    mp3.writeUInt32BE(77, vbri + 14);
    expect(probeAudio(mp3).durationSeconds).toBeCloseTo((77 * 576) / 22050, 9);
  });

  it('walks a long stream linearly (an 8 MB file of concatenated frames)', () => {
    const mp3 = files['vbr-walk.mp3'];
    const copies = Math.ceil((8 * 1024 * 1024) / mp3.length);
    const long = Buffer.concat(Array.from({ length: copies }, () => mp3));
    const started = Date.now();
    expect(probeAudio(long).durationSeconds).toBeCloseTo(copies * probeAudio(mp3).durationSeconds, 6);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('skips consecutive ID3v2 tags (syncsafe sizes, footer flag) even when their bodies hold MPEG frames', () => {
    const id3v2 = (flags: number, body: Buffer, withFooter: boolean): Buffer => {
      const size = body.length;
      const syncsafe = [size >> 21, size >> 14, size >> 7, size].map((b) => b & 0x7f);
      const header = Buffer.from([0x49, 0x44, 0x33, 4, 0, flags, ...syncsafe]);
      const footer = Buffer.from([0x33, 0x44, 0x49, 4, 0, flags, ...syncsafe]);
      return Buffer.concat([header, body, withFooter ? footer : Buffer.alloc(0)]);
    };
    const embeddedFrames = files['cbr48.mp3'].subarray(0, 156 * 20);
    const tagged = Buffer.concat([
      id3v2(0x10, Buffer.from('TIT2 Tiêu đề', 'utf8'), true),
      id3v2(0x00, embeddedFrames, false),
      files['vbr-walk.mp3'],
    ]);
    expect(probeAudio(tagged).durationSeconds).toBe(probeAudio(files['vbr-walk.mp3']).durationSeconds);
  });

  it('tolerates trailing garbage and garbage between frames', () => {
    const mp3 = files['vbr-walk.mp3'];
    const expected = probeAudio(mp3).durationSeconds;
    const garbage = randomBytes(seededRandom(7), 3000);
    expect(probeAudio(Buffer.concat([mp3, garbage])).durationSeconds).toBe(expected);
    const middle = mpeg2FrameOffsets(mp3)[60];
    const spliced = Buffer.concat([mp3.subarray(0, middle), garbage.subarray(0, 500), mp3.subarray(middle)]);
    expect(probeAudio(spliced).durationSeconds).toBe(expected);
  });

  it('accepts a tiny file that ends cleanly after fewer frames, before ID3v1 or APEv2 tags', () => {
    const frames = mpeg2FrameOffsets(files['cbr48.mp3']);
    const twoFrames = files['cbr48.mp3'].subarray(0, frames[2]);
    const expected = (2 * 576) / 22050;
    const id3v1 = Buffer.concat([Buffer.from('TAG', 'ascii'), Buffer.alloc(125)]);
    const apeFooter = Buffer.alloc(32);
    apeFooter.write('APETAGEX', 0, 'ascii');
    apeFooter.writeUInt32LE(2000, 8);
    apeFooter.writeUInt32LE(32 + 16, 12);
    const ape = Buffer.concat([Buffer.alloc(16, 0x41), apeFooter]);
    expect(probeAudio(twoFrames).durationSeconds).toBeCloseTo(expected, 9);
    expect(probeAudio(Buffer.concat([twoFrames, id3v1])).durationSeconds).toBeCloseTo(expected, 9);
    expect(probeAudio(Buffer.concat([twoFrames, ape, id3v1])).durationSeconds).toBeCloseTo(expected, 9);
    expect(failureOf(Buffer.concat([twoFrames, Buffer.from('not a tag, just bytes', 'ascii')]))).toBe('unknown-format');
  });

  it('refuses MPEG Layer II as an unsupported codec', () => {
    expect(failureOf(files['layer2.mp2'])).toBe('unsupported-codec');
  });

  it('refuses random bytes holding valid-looking frame headers that do not chain', () => {
    const random = seededRandom(42);
    const header = files['cbr48.mp3'].subarray(0, 4);
    const lone = Buffer.concat([randomBytes(random, 100), header, randomBytes(random, 5000)]);
    expect(failureOf(lone)).toBe('unknown-format');
    const frames = mpeg2FrameOffsets(files['cbr48.mp3']);
    const twoThenNoise = Buffer.concat([files['cbr48.mp3'].subarray(0, frames[2]), randomBytes(random, 5000)]);
    expect(failureOf(twoThenNoise)).toBe('unknown-format');
  });

  it('says truncated for a cut ID3v2 tag or a first frame cut short, no-audio for a tag or an Info frame alone', () => {
    const tagged = files['id3v2.mp3'];
    expect(failureOf(tagged.subarray(0, 40))).toBe('truncated');
    expect(failureOf(files['cbr48.mp3'].subarray(0, 100))).toBe('truncated');
    const tagOnly = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 4, 0x54, 0x58, 0x58, 0x58]);
    expect(failureOf(tagOnly)).toBe('no-audio');
    const infoFrameOnly = files['cbr64-info.mp3'].subarray(0, mpeg2FrameOffsets(files['cbr64-info.mp3'])[1]);
    expect(failureOf(infoFrameOnly)).toBe('no-audio');
  });

  it('walks the frames of a cut VBR file instead of trusting its Xing header', () => {
    const mp3 = files['vbr-xing.mp3'];
    const full = probeAudio(mp3).durationSeconds;
    const cut = probeAudio(mp3.subarray(0, Math.floor(mp3.length * 0.6))).durationSeconds;
    expect(cut).toBeLessThan(full * 0.8);
    expect(cut).toBeGreaterThan(full * 0.4);
  });
});

describe('probeAudio: Ogg', () => {
  it('measures Ogg Vorbis written by sox like soxi', () => {
    const probe = probeAudio(files['speech.ogg']);
    expect(probe).toMatchObject({
      format: 'ogg',
      mimeType: 'audio/ogg',
      codec: 'vorbis',
      sampleRate: 22050,
      channels: 1,
    });
    expectNearReference(probe.durationSeconds, reference('speech.ogg'));
  });

  it('measures Ogg Opus written by opusenc like opusinfo, and as long as the speech it encodes', () => {
    for (const [name, source, channels] of [
      ['speech.opus', 'speech.wav', 1],
      ['stereo.opus', 'stereo44k.wav', 2],
    ] as const) {
      const probe = probeAudio(files[name]);
      expect(probe).toMatchObject({ format: 'ogg', mimeType: 'audio/ogg', codec: 'opus', sampleRate: 48000, channels });
      // opusinfo prints "Playback length: 0m:05.123s"; opusenc keeps the input's length exactly (pre-skip removed).
      const printed = /Playback length:\s*(\d+)m:([\d.]+)s/.exec(run('opusinfo', [path(name)]).toString());
      if (!printed) throw new Error(`opusinfo printed no playback length for ${name}`);
      const opusinfoSeconds = Number(printed[1]) * 60 + Number(printed[2]);
      expect(probe.durationSeconds).toBeCloseTo(opusinfoSeconds, 2);
      expectNearReference(probe.durationSeconds, reference(source));
    }
  });

  it('the test page writer computes the same checksum as libogg', () => {
    const ogg = files['speech.ogg'];
    const firstPageLength = 27 + ogg[26] + [...ogg.subarray(27, 27 + ogg[26])].reduce((a, b) => a + b, 0);
    const page = Buffer.from(ogg.subarray(0, firstPageLength));
    const stored = page.readUInt32LE(22);
    page.writeUInt32LE(0, 22);
    expect(oggCrc(page)).toBe(stored);
  });

  it('measures Ogg Opus from the last granule minus the pre-skip, at 48 kHz', () => {
    const opus = Buffer.concat([...opusHeaderPages(312), ...opusAudioPages([48000n, 96000n, 144312n])]);
    const probe = probeAudio(opus);
    expect(probe).toMatchObject({ format: 'ogg', codec: 'opus', sampleRate: 48000, channels: 1 });
    expect(probe.durationSeconds).toBeCloseTo(3, 9);
  });

  it('ignores pages of another logical stream and pages without a granule position', () => {
    const tail = [
      oggPage({ granule: 0xffffffffffffffffn, sequence: 5, packets: [Buffer.alloc(10, 1)] }),
      oggPage({ headerType: 0x02, granule: 999999n, serial: 0x0bad, sequence: 0, packets: [Buffer.alloc(10, 2)] }),
    ];
    const opus = Buffer.concat([...opusHeaderPages(0), ...opusAudioPages([48000n, 96000n]), ...tail]);
    expect(probeAudio(opus).durationSeconds).toBeCloseTo(2, 9);
  });

  it('falls back to the previous page when the last one is corrupt, and ignores trailing garbage', () => {
    const ogg = files['speech.ogg'];
    const full = probeAudio(ogg).durationSeconds;
    const damaged = Buffer.from(ogg);
    damaged[damaged.length - 1] ^= 0x55;
    const shorter = probeAudio(damaged).durationSeconds;
    expect(shorter).toBeLessThan(full);
    expect(shorter).toBeGreaterThan(full / 2);
    const garbage = Buffer.alloc(5000, 0x20);
    expect(probeAudio(Buffer.concat([ogg, garbage])).durationSeconds).toBe(full);
  });

  it('measures what is left of a cut Ogg file', () => {
    const ogg = files['speech.ogg'];
    const full = probeAudio(ogg).durationSeconds;
    const cut = probeAudio(ogg.subarray(0, Math.floor(ogg.length / 2))).durationSeconds;
    expect(cut).toBeLessThan(full * 0.75);
    expect(cut).toBeGreaterThan(full * 0.25);
  });

  it('refuses FLAC in Ogg as an unsupported codec', () => {
    const flacHead = Buffer.concat([Buffer.from('\x7fFLAC\x01\x00\x00\x01fLaC', 'latin1'), Buffer.alloc(38)]);
    const flac = Buffer.concat([
      oggPage({ headerType: 0x02, granule: 0n, sequence: 0, packets: [flacHead] }),
      oggPage({ headerType: 0x04, granule: 44100n, sequence: 1, packets: [Buffer.alloc(100)] }),
    ]);
    expect(failureOf(flac)).toBe('unsupported-codec');
  });

  it('says no-audio for headers without audio pages, truncated for a cut first page', () => {
    expect(failureOf(Buffer.concat(opusHeaderPages(312)))).toBe('no-audio');
    expect(failureOf(files['speech.ogg'].subarray(0, 40))).toBe('truncated');
    expect(failureOf(files['speech.ogg'].subarray(0, 20))).toBe('truncated');
  });
});

describe('probeAudio: what is not audio', () => {
  const pngSignature = Buffer.from([
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
  ]);
  it.each([
    ['a Vietnamese text file', Buffer.from('Kính thưa bà con nhân dân,\nĐài Truyền thanh xã xin thông báo.\n', 'utf8')],
    ['a PNG signature', pngSignature],
    ['a PDF header', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1')],
    ['zero bytes', Buffer.alloc(4096)],
    ['an empty buffer', Buffer.alloc(0)],
    [
      'a RIFF file that is not WAVE',
      Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00AVI LIST', 'latin1'), Buffer.alloc(8)]),
    ],
    ['text starting with ID3', Buffer.from('ID3 not a wav file at all, just words', 'ascii')],
  ])('refuses %s as unknown-format', (_label, bytes) => {
    expect(failureOf(bytes)).toBe('unknown-format');
  });

  it('says so in Vietnamese first, then in English', () => {
    const error = probeOrFailure(Buffer.from('hello'));
    expect(error).toBeInstanceOf(AudioProbeError);
    expect((error as AudioProbeError).message).toBe(
      'Tệp không phải âm thanh MP3, WAV hoặc Ogg / The file is not MP3, WAV or Ogg audio',
    );
    const codec = probeOrFailure(files['ms-adpcm.wav']) as AudioProbeError;
    expect(codec.message).toMatch(/^Tệp WAV dùng mã hóa .+ \/ The WAV file uses unsupported encoding/);
  });
});

describe('probeAudio: hostile and broken input', () => {
  const REAL = ['speech.wav', 'float.wav', 'speech.ogg', 'cbr48.mp3', 'vbr-xing.mp3', 'id3v2.mp3', 'mpeg1.mp3'];

  it('either measures a cut file (never longer than the whole) or throws AudioProbeError', () => {
    let measured = 0;
    let refused = 0;
    for (const name of REAL) {
      const bytes = files[name];
      const full = probeAudio(bytes).durationSeconds;
      const cuts = [0, 1, 3, 4, 8, 11, 12, 20, 27, 36, 44, 100, 400, 1000, 4096];
      for (const fraction of [0.1, 0.25, 0.5, 0.75, 0.9, 0.99]) cuts.push(Math.floor(bytes.length * fraction));
      cuts.push(bytes.length - 1);
      for (const cut of cuts.filter((c) => c < bytes.length)) {
        const result = probeOrFailure(bytes.subarray(0, cut));
        if (result instanceof AudioProbeError) {
          refused++;
          continue;
        }
        measured++;
        expectSaneProbe(result);
        expect(result.durationSeconds).toBeLessThanOrEqual(full + 1e-9);
      }
    }
    expect(measured).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });

  it('survives a seeded fuzz of flipped bytes, cuts and random buffers, throwing only AudioProbeError', () => {
    const random = seededRandom(0xa0d10);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const prefixes = [
      Buffer.from('RIFF\xff\xff\xff\xffWAVEfmt ', 'latin1'),
      Buffer.from('OggS\x00\x02', 'latin1'),
      Buffer.from('ID3\x03\x00\x00', 'latin1'),
      files['cbr48.mp3'].subarray(0, 4),
      files['speech.ogg'].subarray(0, 64),
    ];
    const outcomes = { probe: 0, error: 0 };
    for (let i = 0; i < 4000; i++) {
      let bytes: Buffer;
      if (i % 4 === 3) {
        const body = randomBytes(random, Math.floor(random() * 2048));
        bytes = random() < 0.5 ? body : Buffer.concat([pick(prefixes), body]);
      } else {
        bytes = Buffer.from(files[pick(REAL)]);
        const flips = 1 + Math.floor(random() * 24);
        for (let f = 0; f < flips; f++) {
          const at = random() < 0.5 ? Math.floor(random() * Math.min(bytes.length, 256)) : random() * bytes.length;
          bytes[Math.floor(at)] = Math.floor(random() * 256);
        }
        if (random() < 0.3) bytes = bytes.subarray(0, Math.floor(random() * bytes.length));
      }
      const result = probeOrFailure(bytes);
      if (result instanceof AudioProbeError) {
        outcomes.error++;
        expect(['unknown-format', 'truncated', 'no-audio', 'unsupported-codec']).toContain(result.reason);
      } else {
        outcomes.probe++;
        expectSaneProbe(result);
      }
    }
    expect(outcomes.probe).toBeGreaterThan(500);
    expect(outcomes.error).toBeGreaterThan(500);
  });

  it('stays linear on crafted overlapping Ogg pages', () => {
    const fake = Buffer.alloc(27 + 255);
    fake.write('OggS', 0, 'ascii');
    fake.writeUInt32LE(0x5eed, 14);
    fake[26] = 255;
    fake.fill(255, 27);
    const copies = Math.ceil((8 * 1024 * 1024) / fake.length);
    const overlapping = Buffer.concat([...opusHeaderPages(0), ...Array.from({ length: copies }, () => fake)]);
    const started = Date.now();
    expect(failureOf(overlapping)).toBe('truncated');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('resyncs linearly through 4 MiB of lone frame headers after the audio', () => {
    const mp3 = files['vbr-walk.mp3'];
    // Each header announces a 156-byte frame, but 156 bytes on there is no header: none of them chains.
    const loneHeader = Buffer.concat([Buffer.alloc(1), files['cbr48.mp3'].subarray(0, 4)]);
    const noise = Buffer.concat(Array.from({ length: (4 * 1024 * 1024) / 5 }, () => loneHeader));
    const started = Date.now();
    expect(probeAudio(Buffer.concat([mp3, noise])).durationSeconds).toBe(probeAudio(mp3).durationSeconds);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
