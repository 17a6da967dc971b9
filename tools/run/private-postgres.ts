import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

/**
 * A private PostgreSQL server (Debian's binaries, run as the `postgres` OS user when run as root) on
 * its own port and data directory: a test may crash and restart it without touching the shared one, and the demo
 * runs on it where no PostgreSQL answers (tools/run/local-services.ts).
 */
export interface PostgresServer {
  readonly port: number;
  /** The `postgres` database, to create test databases from. */
  readonly baseUrl: string;
  /** `pg_ctl stop -m immediate`: like a crash (no checkpoint, WAL recovery on the next start). */
  crash(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

function binDir(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  if (!versions.length)
    throw new Error('PostgreSQL server binaries are missing: install the Debian package "postgresql"');
  return join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
}

/** Runs a PostgreSQL binary as `postgres` when we are root (the server refuses to run as root). */
function asPostgres(bin: string, args: string[]): { command: string; args: string[] } {
  const isRoot = process.getuid?.() === 0;
  return isRoot ? { command: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] } : { command: bin, args };
}

/** `avoid`: ports the caller will listen on later, which the server must not take. */
export async function startPostgresServer(avoid: ReadonlySet<number> = new Set()): Promise<PostgresServer> {
  const bin = binDir();
  const port = await freePort(avoid);
  const root = mkdtempSync(join(tmpdir(), 'loa-pg-'));
  const data = join(root, 'data');
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(root, uid, gid);
  }
  const init = asPostgres(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  execFileSync(init.command, init.args, { stdio: 'ignore' });
  let child: ChildProcess | null = null;
  const baseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;

  async function start(): Promise<void> {
    const server = asPostgres(join(bin, 'postgres'), [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      root,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=60',
    ]);
    child = spawn(server.command, server.args, { stdio: 'ignore' });
    for (const deadline = Date.now() + 15_000; ;) {
      const client = new Client({ connectionString: baseUrl });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`PostgreSQL on ${port} did not answer: ${(e as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  async function crash(): Promise<void> {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    const ctl = asPostgres(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w']);
    execFileSync(ctl.command, ctl.args, { stdio: 'ignore' });
    await exited;
  }

  await start();
  return {
    port,
    baseUrl,
    crash,
    start,
    async stop() {
      await crash();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
