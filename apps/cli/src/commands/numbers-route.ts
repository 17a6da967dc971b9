import { open } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadCarrierRouter, routeNumber } from '@loa/sms';
import { CliCommand, CliIo, CliUsageError } from '../command';

/** Waits for 'drain' when the output's buffer is full, so a slow reader holds the input back (flat memory). */
async function writeLine(out: Writable, line: string): Promise<void> {
  if (!out.write(`${line}\n`)) await once(out, 'drain');
}

async function inputFor(args: string[], io: CliIo): Promise<{ input: Readable; close: () => Promise<void> }> {
  if (args.length > 1) throw new CliUsageError(`expected at most one FILE, got ${args.length} arguments`);
  const file = args[0];
  if (file === undefined || file === '-') return { input: io.stdin, close: async () => undefined };
  if (file.startsWith('-')) throw new CliUsageError(`unknown option ${file}`);
  const handle = await open(file, 'r'); // fails here, with the OS message, when the file cannot be read
  return { input: handle.createReadStream({ encoding: 'utf8' }), close: () => handle.close() };
}

/**
 * `numbers route [FILE|-]`: normalises and routes one phone number a line, printing one JSON object a line in
 * the same order (a blank line gets an error object too, so output lines match input lines). Streams both ways.
 */
export const numbersRouteCommand: CliCommand = {
  name: 'numbers route',
  usage: 'numbers route [FILE|-]',
  summary: 'Normalise and route phone numbers, one a line, to JSON lines',
  async run(args, io) {
    const router = loadCarrierRouter();
    const { input, close } = await inputFor(args, io);
    const counts = { lines: 0, routed: 0, failed: 0 };
    try {
      const lines = createInterface({ input, crlfDelay: Infinity });
      for await (const raw of lines) {
        const line = counts.lines === 0 ? raw.replace(/^\uFEFF/, '') : raw;
        counts.lines += 1;
        const routed = routeNumber(line, router);
        if (routed.error === null) counts.routed += 1;
        else counts.failed += 1;
        await writeLine(
          io.stdout,
          JSON.stringify({ input: line, msisdn: routed.msisdn, carrier: routed.carrier, error: routed.error }),
        );
      }
    } finally {
      await close();
    }
    io.stderr.write(`${counts.lines} line(s): ${counts.routed} routed, ${counts.failed} with an error\n`);
    return 0;
  },
};
