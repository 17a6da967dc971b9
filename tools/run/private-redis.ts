import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import Redis from 'ioredis';
import { freePort } from './free-port';

/**
 * A private redis-server (Debian's package, as on the machine) on its own port, keeping nothing on disk like the
 * deployment's: a test may SIGKILL it and start it again empty, without touching the shared Redis.
 */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** SIGKILL: every key is lost, clients see the connection drop. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `avoid`: ports the caller will listen on later, which the server must not take. */
export async function startRedisServer(avoid: ReadonlySet<number> = new Set()): Promise<RedisServer> {
  const port = await freePort(avoid);
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  async function start(): Promise<void> {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    child.on('error', (e) => {
      throw new Error(`redis-server cannot start (Debian package "redis-server"): ${e.message}`);
    });
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      for (const deadline = Date.now() + 10_000; ;) {
        try {
          await probe.connect();
          if ((await probe.ping()) === 'PONG') return;
        } catch (e) {
          if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer: ${(e as Error).message}`);
          probe.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    } finally {
      probe.disconnect();
    }
  }

  async function kill(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    running.kill('SIGKILL');
    await exited;
  }

  await start();
  return { port, url, kill, start, stop: kill };
}
