/**
 * Recording checks: probeAudio walking every frame of a 30-minute MP3 with no Xing/Info header (the slowest
 * case an upload can hit), against hashing the same bytes with SHA-1 (one pass over the bytes, which every upload
 * also pays). Throughput in MB of audio.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeAudio } from '@loa/radio';
import { benchRounds, scaledSize } from './support/bench-env';
import {
  BenchResult,
  Measurement,
  Series,
  interleave,
  progress,
  round,
  throughputRatio,
  timed,
} from './support/measure';

/** Repeats per timed run, so one run lasts long enough to time. */
const REPEATS = 20;

async function measure(bytes: Buffer, fn: (b: Buffer) => unknown): Promise<Measurement> {
  const { seconds } = await timed(async () => {
    for (let i = 0; i < REPEATS; i++) fn(bytes);
  });
  return { items: (bytes.length * REPEATS) / 1e6, seconds };
}

export async function runAudioProbeBench(): Promise<BenchResult> {
  const minutes = scaledSize('BENCH_AUDIO_MINUTES', 30, 1);
  const rounds = benchRounds();
  const dir = mkdtempSync(join(tmpdir(), 'loa-bench-audio-'));
  try {
    progress(`audio probe: making a ${minutes}-minute MP3 with sox and lame`);
    const wav = join(dir, 'tone.wav');
    const mp3 = join(dir, 'tone.mp3');
    execFileSync('sox', ['-n', '-r', '22050', '-c', '1', wav, 'synth', String(minutes * 60), 'sine', '440']);
    execFileSync('lame', ['--quiet', '--nohist', '-t', '-b', '64', wav, mp3]);
    const bytes = readFileSync(mp3);
    const probe = probeAudio(bytes);
    // Warm-up (JIT) of both sides before any timing.
    await measure(bytes, (b) => probeAudio(b));
    await measure(bytes, (b) => createHash('sha1').update(b).digest());
    const runs = await interleave(
      rounds,
      () => measure(bytes, (b) => createHash('sha1').update(b).digest()),
      () => measure(bytes, (b) => probeAudio(b)),
    );
    const baseline: Series = { label: 'SHA-1 of the bytes', runs: runs.baseline };
    const subject: Series = { label: 'probeAudio (frame walk)', runs: runs.subject };
    return {
      key: 'audioProbe',
      title: 'recording check (MP3 frame walk)',
      unit: 'MB',
      baseline,
      subject,
      ratio: throughputRatio(subject, baseline),
      notes: [
        `${round(bytes.length / 1e6, 1)} MB MP3, ${round(probe.durationSeconds, 1)} s measured ` +
          `(${minutes * 60} s made), ${REPEATS} passes per run, ${rounds} subject runs interleaved with ${rounds + 1} baseline runs`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
