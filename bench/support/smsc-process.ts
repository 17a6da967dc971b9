import { ChildProcess, fork } from 'child_process';
import { join } from 'path';
import type { SmscSimulatorOptions } from '../../tools/peers/smsc-simulator';

type SmscChildAsk =
  { op: 'wait-submissions' | 'wait-receipts'; n: number; timeoutMs: number } | { op: 'counts' | 'close' };
export type SmscChildRequest = SmscChildAsk & { id: number };

export interface SmscChildReply {
  id: number;
  host?: string;
  port?: number;
  submissions: number;
  receipts: number;
  error: string | null;
}

/** The SMSC simulator running in a child process, as the benchmarks see it. */
export interface SmscProcess {
  /** The simulator's process id (its CPU is measured apart). */
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  waitForSubmissions(n: number, timeoutMs: number): Promise<void>;
  waitForReceipts(n: number, timeoutMs: number): Promise<void>;
  counts(): Promise<{ submissions: number; receipts: number }>;
  close(): Promise<void>;
}

const START_TIMEOUT_MS = 15_000;

/** Forks the simulator (bench/support/smsc-child) and resolves once it listens. */
export async function startSmscProcess(options: Omit<SmscSimulatorOptions, 'port'> = {}): Promise<SmscProcess> {
  const child = fork(join(__dirname, 'smsc-child.js'), [JSON.stringify(options)], { stdio: 'inherit' });
  const waiting = new Map<number, (reply: SmscChildReply) => void>();
  child.on('message', (reply: SmscChildReply) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  const ready = await new Promise<SmscChildReply>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the SMSC simulator process did not start')), START_TIMEOUT_MS);
    waiting.set(0, (reply) => {
      clearTimeout(timer);
      resolve(reply);
    });
    child.once('exit', (code) => reject(new Error(`the SMSC simulator process exited with ${code}`)));
  });
  let nextId = 1;
  const ask = (request: SmscChildAsk): Promise<SmscChildReply> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, (reply) => (reply.error ? reject(new Error(`SMSC simulator: ${reply.error}`)) : resolve(reply)));
      child.send({ ...request, id });
    });
  return {
    pid: child.pid!,
    host: ready.host!,
    port: ready.port!,
    waitForSubmissions: async (n, timeoutMs) => void (await ask({ op: 'wait-submissions', n, timeoutMs })),
    waitForReceipts: async (n, timeoutMs) => void (await ask({ op: 'wait-receipts', n, timeoutMs })),
    counts: async () => {
      const { submissions, receipts } = await ask({ op: 'counts' });
      return { submissions, receipts };
    },
    close: () => stopChild(child, () => ask({ op: 'close' })),
  };
}

async function stopChild(child: ChildProcess, askToClose: () => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await askToClose().catch(() => undefined);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
