import { readFile, stat } from 'node:fs/promises';
import { AudioProbeError, formatDuration, probeAudio, radioPlan, recordingMisfits } from '@loa/radio';
import { CliCommand, CliUsageError } from '../command';

/** Larger than any recording the API would take with its default limit (RADIO_UPLOAD_MAX_BYTES). */
const MAX_FILE_BYTES = 1024 * 1024 * 1024;

interface Options {
  file: string;
  slotSeconds: number | null;
  repeat: number;
  json: boolean;
}

function parseArgs(args: string[]): Options {
  const opts: Options = { file: '', slotSeconds: null, repeat: 1, json: false };
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const int = (min: number, max: number) => {
      const n = Number(args[++i]);
      if (!Number.isInteger(n) || n < min || n > max) throw new CliUsageError(`${a} must be ${min}–${max}`);
      return n;
    };
    if (a === '--slot-seconds') opts.slotSeconds = int(10, 4 * 3600);
    else if (a === '--repeat') opts.repeat = int(1, 10);
    else if (a === '--json') opts.json = true;
    else if (a.startsWith('-')) throw new CliUsageError(`Unknown option ${a}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new CliUsageError('Expected one FILE (MP3, WAV or Ogg audio)');
  opts.file = files[0];
  return opts;
}

async function readAudio(path: string): Promise<Buffer> {
  const s = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw new Error(`cannot read ${path}: ${e.code === 'ENOENT' ? 'no such file / không có tệp này' : e.message}`);
  });
  if (!s.isFile()) throw new Error(`${path} is not a file / không phải là tệp`);
  if (s.size > MAX_FILE_BYTES) throw new Error(`${path} is larger than 1 GiB / tệp quá lớn`);
  return readFile(path);
}

/**
 * `npm run loa -- radio probe FILE`: what the API will see in a recording before it is uploaded — format,
 * duration, and (with --slot-seconds) whether it fits a slot read --repeat times. Exit 1 when it would be refused.
 */
export const radioProbeCommand: CliCommand = {
  name: 'radio probe',
  usage: 'radio probe FILE [--slot-seconds N] [--repeat N] [--json]',
  summary: 'Check a recording (MP3, WAV, Ogg) before uploading it: format, duration, fit in a slot',
  async run(args, io) {
    const opts = parseArgs(args);
    let probe;
    try {
      probe = probeAudio(await readAudio(opts.file));
    } catch (e) {
      if (!(e instanceof AudioProbeError)) throw e;
      io.stderr.write(`${opts.file}: ${e.message}\n`);
      return 1;
    }
    const plan = radioPlan({ repeat: opts.repeat, maxSeconds: opts.slotSeconds });
    const misfit = opts.slotSeconds
      ? (recordingMisfits(probe.durationSeconds, plan, [{ code: opts.file, broadcastSlots: [] }])[0] ?? null)
      : null;
    if (opts.json) {
      io.stdout.write(`${JSON.stringify({ ...probe, fits: opts.slotSeconds ? !misfit : null }, null, 2)}\n`);
      return misfit ? 1 : 0;
    }
    io.stdout.write(
      `${probe.mimeType} (${probe.codec}, ${probe.sampleRate} Hz, ${probe.channels} kênh / channel(s)): ` +
        `${formatDuration(Math.round(probe.durationSeconds))} (${probe.durationSeconds.toFixed(2)} s)\n`,
    );
    if (misfit) {
      io.stdout.write(
        `Không vừa khung ${formatDuration(misfit.airtimeSeconds)}: cần ${misfit.neededSeconds} giây cho ${opts.repeat} lượt / ` +
          `does not fit a ${misfit.airtimeSeconds} s slot read ${opts.repeat} time(s)\n`,
      );
      return 1;
    }
    if (opts.slotSeconds) io.stdout.write(`Vừa khung ${formatDuration(opts.slotSeconds)} / fits the slot\n`);
    return 0;
  },
};
