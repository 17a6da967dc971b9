import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeAudioAtomically } from './audio-files';
import { AudioProbeError, probeAudio } from './audio-probe';

/** espeak-ng is not installed (or not at the configured path): scripts go out without audio. */
export class TtsUnavailableError extends Error {}

export interface SpeechFile {
  mimeType: string;
  bytes: number;
  durationSeconds: number;
  sha1: string;
}

export interface SpeechTools {
  espeakBin: string;
  lameBin: string;
  soxiBin: string;
  /** espeak-ng words a minute. */
  rate: number;
}

const TIMEOUT_MS = 120_000;

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException;
        e.message = `${bin}: ${e.code === 'ENOENT' ? 'not found' : `${e.message.trim()} ${String(stderr).trim()}`}`;
        reject(e);
      } else resolve(String(stdout));
    });
  });
}

function missing(e: unknown): boolean {
  return (e as NodeJS.ErrnoException)?.code === 'ENOENT';
}

/**
 * Speaks `text` with espeak-ng's `voice` into `target` (path without extension): WAV from espeak-ng, encoded to
 * MP3 with lame (kept as WAV when lame is missing), duration measured with soxi (or read from the WAV header).
 * Written to a temporary name first, then renamed, so a reader never sees half a file. Returns the file's facts
 * and its final path.
 */
export async function synthesize(
  text: string,
  voice: string,
  target: string,
  tools: SpeechTools,
): Promise<SpeechFile & { path: string }> {
  const work = await mkdtemp(join(tmpdir(), 'loa-tts-'));
  try {
    const textFile = join(work, 'script.txt');
    const wav = join(work, 'speech.wav');
    await writeFile(textFile, text.normalize('NFC'), 'utf8');
    try {
      await run(tools.espeakBin, ['-v', voice, '-s', String(tools.rate), '-w', wav, '-f', textFile]);
    } catch (e) {
      if (missing(e)) throw new TtsUnavailableError(`${tools.espeakBin}: not found`);
      throw e;
    }
    const wavBytes = await readFile(wav);
    let durationSeconds: number | null = null;
    try {
      durationSeconds = Number((await run(tools.soxiBin, ['-D', wav])).trim());
      if (!Number.isFinite(durationSeconds)) durationSeconds = null;
    } catch {
      durationSeconds = null;
    }
    durationSeconds ??= wavDuration(wavBytes);
    if (durationSeconds === null) throw new Error('espeak-ng produced no readable WAV audio');

    let out = wav;
    let mimeType = 'audio/wav';
    let ext = 'wav';
    try {
      const mp3 = join(work, 'speech.mp3');
      await run(tools.lameBin, ['--quiet', '-m', 'm', '-b', '48', wav, mp3]);
      out = mp3;
      mimeType = 'audio/mpeg';
      ext = 'mp3';
    } catch (e) {
      if (!missing(e)) throw e;
    }
    const bytes = await readFile(out);
    const path = `${target}.${ext}`;
    await writeAudioAtomically(path, bytes);
    return {
      path,
      mimeType,
      bytes: bytes.length,
      durationSeconds: Math.round(durationSeconds * 100) / 100,
      sha1: createHash('sha1').update(bytes).digest('hex'),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The WAV's duration read from its bytes (when soxi is missing); null when it is not playable audio. */
function wavDuration(bytes: Buffer): number | null {
  try {
    return probeAudio(bytes).durationSeconds;
  } catch (e) {
    if (e instanceof AudioProbeError) return null;
    throw e;
  }
}
