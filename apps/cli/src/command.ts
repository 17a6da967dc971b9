import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** One `npm run loa -- <group> <name> …` command. Returns the process exit code. */
export interface CliCommand {
  /** e.g. "numbers route" */
  name: string;
  usage: string;
  summary: string;
  run(args: string[], io: CliIo): Promise<number>;
}

/** A usage error: printed with the command's usage, exit code 2. */
export class CliUsageError extends Error {}
