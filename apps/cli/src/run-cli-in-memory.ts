import { Readable, Writable } from 'node:stream';
import { runCli } from './main';

/** Runs the CLI with in-memory streams (for tests): the exit code and everything it printed. */
export async function runCliInMemory(
  argv: string[],
  stdinText = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    });
  const code = await runCli(argv, {
    stdin: Readable.from(stdinText ? [Buffer.from(stdinText, 'utf8')] : []),
    stdout: sink(out),
    stderr: sink(err),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
