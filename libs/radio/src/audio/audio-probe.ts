/**
 * What an uploaded audio file is and how long it plays, decided from its bytes alone (pure, no external program):
 * the file name and the Content-Type are never trusted, and the bytes may be hostile. Every read is bounds-checked
 * and every loop moves forward, so any input ends in a probe or an AudioProbeError, in time linear in its size.
 *
 * - WAV: RIFF/WAVE, PCM or IEEE float (also inside WAVE_FORMAT_EXTENSIBLE); other encodings are unsupported.
 * - MP3: MPEG-1, MPEG-2 and MPEG-2.5 Layer III, after optional ID3v2 tags, before optional APEv2/ID3v1 tags.
 *   Layer I and II (MP1/MP2) are refused as unsupported: stations expect MP3.
 * - Ogg: Vorbis or Opus (the first logical stream of the file); FLAC, Speex, Theora… are unsupported.
 */

export type AudioFormat = 'mp3' | 'wav' | 'ogg';

export interface AudioProbe {
  format: AudioFormat;
  mimeType: 'audio/mpeg' | 'audio/wav' | 'audio/ogg';
  /** Playing time in seconds (> 0, not rounded). */
  durationSeconds: number;
  /** Samples per second per channel (Opus always decodes at 48000). */
  sampleRate: number;
  channels: number;
  /** 'mp3' | 'pcm' | 'float' | 'vorbis' | 'opus' */
  codec: string;
}

export type AudioProbeFailure = 'unknown-format' | 'truncated' | 'no-audio' | 'unsupported-codec';

export class AudioProbeError extends Error {
  constructor(
    readonly reason: AudioProbeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AudioProbeError';
  }
}

const MESSAGES: Record<AudioProbeFailure, string> = {
  'unknown-format': 'Tệp không phải âm thanh MP3, WAV hoặc Ogg / The file is not MP3, WAV or Ogg audio',
  truncated:
    'Tệp âm thanh bị cắt cụt, không còn phần phát được / The audio file is truncated, nothing playable is left',
  'no-audio': 'Tệp âm thanh không có nội dung phát được / The audio file holds no playable audio',
  'unsupported-codec': 'Tệp âm thanh dùng mã hóa không được hỗ trợ / The audio file uses an unsupported encoding',
};

function fail(reason: AudioProbeFailure, message = MESSAGES[reason]): never {
  throw new AudioProbeError(reason, message);
}

/** Identifies MP3, WAV or Ogg audio from its bytes and measures its duration; throws AudioProbeError only. */
export function probeAudio(bytes: Buffer): AudioProbe {
  const probe = probeByContent(bytes);
  if (!Number.isFinite(probe.durationSeconds) || probe.durationSeconds <= 0) fail('no-audio');
  return probe;
}

function probeByContent(buf: Buffer): AudioProbe {
  if (hasAscii(buf, 0, 'RIFF')) return probeWav(buf);
  if (hasAscii(buf, 0, 'OggS')) return probeOgg(buf);
  return probeMp3(buf);
}

// ---------------------------------------------------------------------------------------------------------------
// Byte helpers

function hasAscii(buf: Buffer, offset: number, text: string): boolean {
  if (offset < 0 || offset + text.length > buf.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (buf[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

function fits(buf: Buffer, offset: number, length: number): boolean {
  return offset >= 0 && offset + length <= buf.length;
}

// ---------------------------------------------------------------------------------------------------------------
// WAV

const WAV_PCM = 1;
const WAV_FLOAT = 3;
const WAV_EXTENSIBLE = 0xfffe;
/** KSDATAFORMAT_SUBTYPE_* GUID after its first two bytes (which carry the format code). */
const EXTENSIBLE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const OPEN_DATA_SIZES = new Set([0, 0xffffffff]);

interface ChunkSpan {
  body: number;
  /** The size the chunk header declares. */
  declared: number;
}

interface WavLayout {
  fmt?: ChunkSpan;
  data?: ChunkSpan;
  /** The chunk walk met the end of the buffer inside a chunk. */
  cut: boolean;
}

interface WavFormat {
  codec: 'pcm' | 'float';
  channels: number;
  sampleRate: number;
  blockAlign: number;
}

function probeWav(buf: Buffer): AudioProbe {
  if (buf.length < 12) fail('truncated');
  if (!hasAscii(buf, 8, 'WAVE')) fail('unknown-format');
  const layout = walkWavChunks(buf);
  if (!layout.fmt) fail(layout.cut ? 'truncated' : 'unknown-format');
  const format = parseWavFormat(buf, layout.fmt);
  if (!layout.data) fail(layout.cut ? 'truncated' : 'no-audio');
  const frames = Math.floor(wavDataBytes(buf, layout.data) / format.blockAlign);
  if (frames === 0) fail(promisesAudio(layout.data, format) ? 'truncated' : 'no-audio');
  return {
    format: 'wav',
    mimeType: 'audio/wav',
    durationSeconds: frames / format.sampleRate,
    sampleRate: format.sampleRate,
    channels: format.channels,
    codec: format.codec,
  };
}

/** Finds the fmt and data chunks, honouring odd-size padding; stops at a data chunk that runs to the end. */
function walkWavChunks(buf: Buffer): WavLayout {
  const layout: WavLayout = { cut: false };
  let offset = 12;
  while (offset + 8 <= buf.length) {
    const chunk: ChunkSpan = { body: offset + 8, declared: buf.readUInt32LE(offset + 4) };
    if (hasAscii(buf, offset, 'data') && !layout.data) {
      layout.data = chunk;
      if (dataRunsToEnd(buf, chunk) || layout.fmt) return layout;
    } else if (hasAscii(buf, offset, 'fmt ') && !layout.fmt) {
      layout.fmt = chunk;
      if (layout.data) return layout;
    }
    offset = chunk.body + chunk.declared + (chunk.declared % 2);
  }
  // A missing pad byte after the last chunk is common and harmless.
  layout.cut = offset !== buf.length && offset !== buf.length + 1;
  return layout;
}

function dataRunsToEnd(buf: Buffer, data: ChunkSpan): boolean {
  return OPEN_DATA_SIZES.has(data.declared) || data.body + data.declared > buf.length;
}

function promisesAudio(data: ChunkSpan, format: WavFormat): boolean {
  return !OPEN_DATA_SIZES.has(data.declared) && data.declared >= format.blockAlign;
}

/** Audio bytes present: the declared size, or up to the end for streamed (open) or cut data. */
function wavDataBytes(buf: Buffer, data: ChunkSpan): number {
  const available = buf.length - data.body;
  return dataRunsToEnd(buf, data) ? available : data.declared;
}

function parseWavFormat(buf: Buffer, fmt: ChunkSpan): WavFormat {
  if (fmt.declared < 16 || !fits(buf, fmt.body, 16)) fail(fmt.declared < 16 ? 'unknown-format' : 'truncated');
  const tag = buf.readUInt16LE(fmt.body);
  const code = tag === WAV_EXTENSIBLE ? extensibleSubFormat(buf, fmt) : tag;
  const channels = buf.readUInt16LE(fmt.body + 2);
  const sampleRate = buf.readUInt32LE(fmt.body + 4);
  const blockAlign = buf.readUInt16LE(fmt.body + 12);
  const bitsPerSample = buf.readUInt16LE(fmt.body + 14);
  const codec = wavCodec(code, bitsPerSample);
  if (channels === 0 || sampleRate === 0 || blockAlign !== channels * Math.ceil(bitsPerSample / 8)) {
    fail('unknown-format', 'Tệp WAV có khối định dạng không hợp lệ / The WAV file has an invalid format chunk');
  }
  return { codec, channels, sampleRate, blockAlign };
}

function extensibleSubFormat(buf: Buffer, fmt: ChunkSpan): number {
  if (fmt.declared < 40) fail('unknown-format');
  if (!fits(buf, fmt.body, 40)) fail('truncated');
  const guid = fmt.body + 24;
  const isStandardGuid = EXTENSIBLE_GUID_TAIL.every((byte, i) => buf[guid + 2 + i] === byte);
  return isStandardGuid ? buf.readUInt16LE(guid) : -1;
}

function wavCodec(code: number, bitsPerSample: number): 'pcm' | 'float' {
  if (code === WAV_PCM && [8, 16, 24, 32].includes(bitsPerSample)) return 'pcm';
  if (code === WAV_FLOAT && [32, 64].includes(bitsPerSample)) return 'float';
  const name = code < 0 ? 'extensible' : `0x${code.toString(16)}/${bitsPerSample} bit`;
  return fail(
    'unsupported-codec',
    `Tệp WAV dùng mã hóa ${name} không được hỗ trợ, chỉ nhận PCM hoặc số thực / ` +
      `The WAV file uses unsupported encoding ${name}, only PCM or float is accepted`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// MP3 (MPEG audio frames)

/** How far after the tags the first frame may start. */
const MP3_SYNC_WINDOW = 64 * 1024;
/** Consecutive frame headers that prove a stream (unless the file ends cleanly before). */
const MP3_CHAIN_LENGTH = 4;

const SAMPLE_RATES: Record<MpegVersion, readonly number[]> = {
  1: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  2.5: [11025, 12000, 8000],
};
/** kbit/s by [MPEG-1 ? 0 : 1][layer - 1][bitrate index]; index 0 (free format) is refused. */
const BITRATES: readonly (readonly (readonly number[])[])[] = [
  [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
];

type MpegVersion = 1 | 2 | 2.5;

interface MpegFrame {
  version: MpegVersion;
  layer: 1 | 2 | 3;
  sampleRate: number;
  channels: number;
  /** Bytes, header included. */
  length: number;
  samples: number;
}

interface LocatedFrame {
  offset: number;
  frame: MpegFrame;
}

type ChainCheck = 'stream' | 'cut' | 'none';

function probeMp3(buf: Buffer): AudioProbe {
  const start = skipId3v2Tags(buf);
  const end = audioEndBeforeTrailingTags(buf, start);
  const first = findFirstFrame(buf, start, end);
  if (first.frame.layer !== 3) {
    fail(
      'unsupported-codec',
      `Tệp MPEG Layer ${first.frame.layer} không được hỗ trợ, chỉ nhận MP3 (Layer III) / ` +
        `MPEG Layer ${first.frame.layer} audio is not supported, only MP3 (Layer III)`,
    );
  }
  const frames = vbrHeaderFrameCount(buf, first, end) ?? countFrames(buf, first, end);
  if (frames === 0) fail('no-audio'); // only the Xing/Info frame
  return {
    format: 'mp3',
    mimeType: 'audio/mpeg',
    durationSeconds: (frames * first.frame.samples) / first.frame.sampleRate,
    sampleRate: first.frame.sampleRate,
    channels: first.frame.channels,
    codec: 'mp3',
  };
}

/** Offset after the leading ID3v2 tag(s); 'truncated' when a tag promises more bytes than there are. */
function skipId3v2Tags(buf: Buffer): number {
  let offset = 0;
  while (hasAscii(buf, offset, 'ID3')) {
    if (!fits(buf, offset, 10)) fail('truncated');
    const size = id3v2TagSize(buf, offset);
    if (size === null) break;
    if (offset + size > buf.length) fail('truncated');
    offset += size;
  }
  return offset;
}

/** Whole tag length (header, body, footer) or null when the header is not a valid ID3v2 header. */
function id3v2TagSize(buf: Buffer, offset: number): number | null {
  const major = buf[offset + 3];
  const minor = buf[offset + 4];
  const flags = buf[offset + 5];
  const sizeBytes = [6, 7, 8, 9].map((i) => buf[offset + i]);
  if (major < 2 || major > 4 || minor === 0xff || sizeBytes.some((b) => b >= 0x80)) return null;
  const body = sizeBytes.reduce((size, b) => size * 128 + b, 0);
  const hasFooter = (flags & 0x10) !== 0;
  return 10 + body + (hasFooter ? 10 : 0);
}

/** End of the frames: before a trailing ID3v1 tag ('TAG', 128 bytes) and an APEv2 tag. */
function audioEndBeforeTrailingTags(buf: Buffer, start: number): number {
  let end = buf.length;
  if (end - 128 >= start && hasAscii(buf, end - 128, 'TAG')) end -= 128;
  const footer = end - 32;
  if (footer >= start && hasAscii(buf, footer, 'APETAGEX')) {
    const tagSize = buf.readUInt32LE(footer + 12);
    const hasHeader = (buf.readUInt32LE(footer + 20) & 0x80000000) !== 0;
    const tagStart = end - tagSize - (hasHeader ? 32 : 0);
    if (tagStart >= start && tagSize >= 32) end = tagStart;
  }
  return end;
}

function readFrameHeader(buf: Buffer, offset: number): MpegFrame | null {
  if (!fits(buf, offset, 4) || buf[offset] !== 0xff || (buf[offset + 1] & 0xe0) !== 0xe0) return null;
  const version = ([2.5, null, 2, 1] as const)[(buf[offset + 1] >> 3) & 3];
  const layer = ([null, 3, 2, 1] as const)[(buf[offset + 1] >> 1) & 3];
  const bitrateIndex = buf[offset + 2] >> 4;
  const rateIndex = (buf[offset + 2] >> 2) & 3;
  const padding = (buf[offset + 2] >> 1) & 1;
  const emphasis = buf[offset + 3] & 3;
  if (version === null || layer === null || bitrateIndex === 0 || bitrateIndex === 15) return null;
  if (rateIndex === 3 || emphasis === 2) return null;
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const bitrate = BITRATES[version === 1 ? 0 : 1][layer - 1][bitrateIndex] * 1000;
  const channels = buf[offset + 3] >> 6 === 3 ? 1 : 2;
  return {
    version,
    layer,
    sampleRate,
    channels,
    length: frameLength(version, layer, bitrate, sampleRate, padding),
    samples: samplesPerFrame(version, layer),
  };
}

function frameLength(
  version: MpegVersion,
  layer: number,
  bitrate: number,
  sampleRate: number,
  padding: number,
): number {
  if (layer === 1) return (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
  const coefficient = layer === 3 && version !== 1 ? 72 : 144;
  return Math.floor((coefficient * bitrate) / sampleRate) + padding;
}

function samplesPerFrame(version: MpegVersion, layer: number): number {
  if (layer === 1) return 384;
  return layer === 3 && version !== 1 ? 576 : 1152;
}

function sameStream(a: MpegFrame, b: MpegFrame): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

/** A frame header at `offset` of the same stream as `reference`, or null. */
function readStreamFrame(buf: Buffer, offset: number, reference: MpegFrame): MpegFrame | null {
  const frame = readFrameHeader(buf, offset);
  return frame && sameStream(frame, reference) ? frame : null;
}

/** The first offset in the sync window that starts a chain of frames; refuses lone 0xFFE sync bits. */
function findFirstFrame(buf: Buffer, start: number, end: number): LocatedFrame {
  const limit = Math.min(end - 4, start + MP3_SYNC_WINDOW);
  let cutAtStart = false;
  for (let offset = buf.indexOf(0xff, start); offset >= 0 && offset <= limit; offset = buf.indexOf(0xff, offset + 1)) {
    const frame = readFrameHeader(buf, offset);
    if (!frame) continue;
    const chain = checkChain(buf, { offset, frame }, end);
    if (chain === 'stream') return { offset, frame };
    if (chain === 'cut' && offset === start) cutAtStart = true;
  }
  if (cutAtStart) fail('truncated');
  if (start > 0 && start === buf.length) fail('no-audio');
  return fail('unknown-format');
}

/** 'stream' for MP3_CHAIN_LENGTH consistent frames (or fewer ending exactly at `end`), 'cut' when the buffer ends first. */
function checkChain(buf: Buffer, first: LocatedFrame, end: number): ChainCheck {
  let offset = first.offset;
  let frame: MpegFrame | null = first.frame;
  for (let count = 1; count < MP3_CHAIN_LENGTH; count++) {
    offset += frame.length;
    if (offset === end) return 'stream';
    if (offset + 4 > end) return 'cut';
    frame = readStreamFrame(buf, offset, first.frame);
    if (!frame) return 'none';
  }
  return 'stream';
}

/** Complete frames from `first` to `end`, skipping garbage between frames; linear, allocates nothing per frame. */
function countFrames(buf: Buffer, first: LocatedFrame, end: number): number {
  let count = 0;
  let offset = first.offset;
  while (offset + 4 <= end) {
    const frame = readStreamFrame(buf, offset, first.frame);
    if (frame && offset + frame.length <= end) {
      count++;
      offset += frame.length;
    } else if (frame) {
      break; // the last frame is cut
    } else {
      offset = resync(buf, offset + 1, first.frame, end);
    }
  }
  return count - (hasVbrHeader(buf, first) ? 1 : 0);
}

/** Next offset at or after `from` holding a frame of the stream followed by another one (or the end); else `end`. */
function resync(buf: Buffer, from: number, reference: MpegFrame, end: number): number {
  for (let offset = buf.indexOf(0xff, from); offset >= 0 && offset + 4 <= end; offset = buf.indexOf(0xff, offset + 1)) {
    const frame = readStreamFrame(buf, offset, reference);
    if (!frame) continue;
    const next = offset + frame.length;
    if (next === end || (next + 4 <= end && readStreamFrame(buf, next, reference))) return offset;
  }
  return end;
}

interface VbrAnnouncement {
  frames: number;
  bytes: number;
}

/** Where a Xing/Info tag starts inside the first frame: after the header and the side information. */
function xingOffset(first: LocatedFrame): number {
  const { version, channels } = first.frame;
  const sideInfo = version === 1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17;
  return first.offset + 4 + sideInfo;
}

function vbriOffset(first: LocatedFrame): number {
  return first.offset + 4 + 32;
}

/** Whether the first frame is a Xing/Info or VBRI header frame (silent, not counted as audio). */
function hasVbrHeader(buf: Buffer, first: LocatedFrame): boolean {
  const frameEnd = Math.min(first.offset + first.frame.length, buf.length);
  const within = (at: number, tag: string) => at + tag.length <= frameEnd && hasAscii(buf, at, tag);
  return within(xingOffset(first), 'Xing') || within(xingOffset(first), 'Info') || within(vbriOffset(first), 'VBRI');
}

/**
 * Audio frames announced by a Xing/Info or VBRI header in the first frame, when the announcement is plausible:
 * it states its byte count, those bytes are present, and they can hold that many frames. Else null (walk).
 */
function vbrHeaderFrameCount(buf: Buffer, first: LocatedFrame, end: number): number | null {
  const frameEnd = first.offset + first.frame.length;
  if (frameEnd > end) return null;
  const announced = readXing(buf, xingOffset(first), frameEnd) ?? readVbri(buf, vbriOffset(first), frameEnd);
  if (!announced || announced.frames === 0) return null;
  const present = buf.length - first.offset;
  const plausible =
    announced.bytes <= present && announced.frames * smallestFrameLength(first.frame) <= announced.bytes;
  return plausible ? announced.frames : null;
}

function smallestFrameLength({ version, layer, sampleRate }: MpegFrame): number {
  const lowestBitrate = BITRATES[version === 1 ? 0 : 1][layer - 1][1] * 1000;
  return frameLength(version, layer, lowestBitrate, sampleRate, 0);
}

function readXing(buf: Buffer, at: number, frameEnd: number): VbrAnnouncement | null {
  if (at + 16 > frameEnd || !(hasAscii(buf, at, 'Xing') || hasAscii(buf, at, 'Info'))) return null;
  const flags = buf.readUInt32BE(at + 4);
  const hasFramesAndBytes = (flags & 3) === 3;
  return hasFramesAndBytes ? { frames: buf.readUInt32BE(at + 8), bytes: buf.readUInt32BE(at + 12) } : null;
}

function readVbri(buf: Buffer, at: number, frameEnd: number): VbrAnnouncement | null {
  if (at + 18 > frameEnd || !hasAscii(buf, at, 'VBRI')) return null;
  return { bytes: buf.readUInt32BE(at + 10), frames: buf.readUInt32BE(at + 14) };
}

// ---------------------------------------------------------------------------------------------------------------
// Ogg

const OGG_MAGIC = Buffer.from('OggS', 'ascii');
const OGG_HEADER_BYTES = 27;
const OGG_BOS_FLAG = 0x02;
const OPUS_GRANULE_RATE = 48000;
/** Granule positions beyond 2^53 are not trusted (nor needed: 2^53 / 48000 s is millennia). */
const MAX_GRANULE_HIGH_WORD = 0x200000;
/** Bytes the backward page scan may checksum beyond the file size, so overlapping fake pages stay linear. */
const OGG_SCAN_EXTRA_BUDGET = 1024 * 1024;

interface OggPage {
  headerType: number;
  /** Null when the page declares no granule position (-1) or an untrusted one. */
  granule: number | null;
  serial: number;
  bodyStart: number;
  end: number;
}

type OggPageRead = OggPage | 'cut' | 'invalid';

interface OggCodec {
  codec: 'vorbis' | 'opus';
  sampleRate: number;
  channels: number;
  /** Granule units per second. */
  granuleRate: number;
  /** Granules to discard at the start (Opus pre-skip). */
  preSkip: number;
}

interface LastGranule {
  granule: number | null;
  /** The bytes after the last page boundary are a page the buffer cuts short. */
  cutTail: boolean;
}

function probeOgg(buf: Buffer): AudioProbe {
  if (buf.length < OGG_HEADER_BYTES) fail('truncated');
  const first = readOggPage(buf, 0);
  if (first === 'cut') fail('truncated');
  if (first === 'invalid' || (first.headerType & OGG_BOS_FLAG) === 0) fail('unknown-format');
  const stream = identifyOggCodec(buf, first);
  const last = findLastGranule(buf, first.serial);
  const granules = (last.granule ?? 0) - stream.preSkip;
  if (granules <= 0) fail(last.cutTail ? 'truncated' : 'no-audio');
  return {
    format: 'ogg',
    mimeType: 'audio/ogg',
    durationSeconds: granules / stream.granuleRate,
    sampleRate: stream.sampleRate,
    channels: stream.channels,
    codec: stream.codec,
  };
}

/** Reads the page at `start`: 'cut' when the buffer ends inside it, 'invalid' when it is not a sound page. */
function readOggPage(buf: Buffer, start: number): OggPageRead {
  const page = readOggPageLayout(buf, start);
  if (typeof page === 'string') return page;
  return oggChecksumMatches(buf, start, page.end) ? page : 'invalid';
}

/** The page header and extent, without checking the checksum. */
function readOggPageLayout(buf: Buffer, start: number): OggPageRead {
  if (!hasAscii(buf, start, 'OggS')) return 'invalid';
  if (!fits(buf, start, OGG_HEADER_BYTES)) return 'cut';
  if (buf[start + 4] !== 0) return 'invalid';
  const segments = buf[start + 26];
  const bodyStart = start + OGG_HEADER_BYTES + segments;
  if (bodyStart > buf.length) return 'cut';
  let bodySize = 0;
  for (let i = start + OGG_HEADER_BYTES; i < bodyStart; i++) bodySize += buf[i];
  const end = bodyStart + bodySize;
  if (end > buf.length) return 'cut';
  const serial = buf.readUInt32LE(start + 14);
  return { headerType: buf[start + 5], granule: oggGranule(buf, start), serial, bodyStart, end };
}

function oggGranule(buf: Buffer, start: number): number | null {
  const low = buf.readUInt32LE(start + 6);
  const high = buf.readUInt32LE(start + 10);
  return high >= MAX_GRANULE_HIGH_WORD ? null : high * 0x100000000 + low;
}

/** The codec from the first packet of the first page (the identification header). */
function identifyOggCodec(buf: Buffer, page: OggPage): OggCodec {
  const packet = page.bodyStart;
  const packetEnd = page.end;
  if (hasAscii(buf, packet, '\x01vorbis')) return vorbisCodec(buf, packet, packetEnd);
  if (hasAscii(buf, packet, 'OpusHead')) return opusCodec(buf, packet, packetEnd);
  return fail(
    'unsupported-codec',
    'Tệp Ogg chứa mã hóa không được hỗ trợ, chỉ nhận Vorbis hoặc Opus / ' +
      'The Ogg file holds an unsupported codec, only Vorbis or Opus is accepted',
  );
}

function vorbisCodec(buf: Buffer, packet: number, packetEnd: number): OggCodec {
  if (packet + 30 > packetEnd) fail('unknown-format');
  const version = buf.readUInt32LE(packet + 7);
  const channels = buf[packet + 11];
  const sampleRate = buf.readUInt32LE(packet + 12);
  const framingBit = buf[packet + 29] & 1;
  if (version !== 0 || channels === 0 || sampleRate === 0 || framingBit !== 1) fail('unknown-format');
  return { codec: 'vorbis', sampleRate, channels, granuleRate: sampleRate, preSkip: 0 };
}

function opusCodec(buf: Buffer, packet: number, packetEnd: number): OggCodec {
  if (packet + 19 > packetEnd) fail('unknown-format');
  const majorVersion = buf[packet + 8] >> 4;
  const channels = buf[packet + 9];
  const preSkip = buf.readUInt16LE(packet + 10);
  if (majorVersion !== 0 || channels === 0) fail('unknown-format');
  return { codec: 'opus', sampleRate: OPUS_GRANULE_RATE, channels, granuleRate: OPUS_GRANULE_RATE, preSkip };
}

/**
 * Granule position of the last intact page of the stream `serial` that has one, scanning backwards from the end
 * for 'OggS'. Checksums are limited to a budget of about the file size, so crafted overlapping pages stay linear.
 */
function findLastGranule(buf: Buffer, serial: number): LastGranule {
  let budget = buf.length + OGG_SCAN_EXTRA_BUDGET;
  let cutTail: boolean | null = null;
  for (let at = buf.lastIndexOf(OGG_MAGIC); at >= 0; at = at > 0 ? buf.lastIndexOf(OGG_MAGIC, at - 1) : -1) {
    const page = readOggPageLayout(buf, at);
    cutTail ??= page === 'cut';
    if (typeof page === 'string' || page.serial !== serial || page.granule === null) continue;
    const cost = page.end - at;
    if (cost > budget) continue;
    budget -= cost;
    if (oggChecksumMatches(buf, at, page.end)) return { granule: page.granule, cutTail };
  }
  return { granule: null, cutTail: cutTail ?? false };
}

const OGG_CRC_TABLE = buildOggCrcTable();

function buildOggCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
}

function oggChecksumMatches(buf: Buffer, start: number, end: number): boolean {
  return oggPageChecksum(buf, start, end) === buf.readUInt32LE(start + 22);
}

/** CRC-32 (polynomial 0x04c11db7, unreflected) of the page with its checksum field read as zeros. */
function oggPageChecksum(buf: Buffer, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const byte = i >= start + 22 && i < start + 26 ? 0 : buf[i];
    crc = ((crc << 8) ^ OGG_CRC_TABLE[((crc >>> 24) ^ byte) & 0xff]) >>> 0;
  }
  return crc;
}
