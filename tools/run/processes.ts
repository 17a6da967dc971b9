import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AppProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  /** SIGTERM and wait for exit (SIGKILL after the grace period). */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL at once: a crash, as far as the process is concerned. */
  kill(): Promise<void>;
}

/** The repository root (holds package.json), from source (ts-jest) or from dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) || basename(dir) === 'dist') {
    if (dirname(dir) === dir) throw new Error('Cannot find the repository root (package.json)');
    dir = dirname(dir);
  }
  return dir;
}

/** The built entry point of an app (`npm run build` puts it in dist/). */
export function appEntry(app: 'api' | 'worker'): string {
  return join(repoRoot(), 'dist', 'apps', app, 'src', 'main.js');
}

/** Starts a built app as its own OS process with the given environment; keeps its output for diagnosis. */
export function startApp(
  app: 'api' | 'worker',
  env: Record<string, string>,
  opts: { echo?: boolean } = {},
): AppProcess {
  const child = spawn(process.execPath, [appEntry(app)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const collect = (b: Buffer) => {
    const s = b.toString();
    out = (out + s).slice(-200_000);
    if (opts.echo) process.stderr.write(s.replace(/^/gm, `[${app}] `));
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name: app,
    child,
    output: () => out,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls until `check` resolves truthy, or throws with `what` after the timeout. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs: number,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`,
  );
}

export async function waitForHttp(url: string, timeoutMs: number, app?: AppProcess): Promise<void> {
  await waitUntil(
    `${url} to answer${app ? `\n--- ${app.name} output ---\n${app.output().slice(-3000)}` : ''}`,
    async () => {
      if (app && app.child.exitCode !== null)
        throw new Error(`${app.name} exited with ${app.child.exitCode}:\n${app.output().slice(-3000)}`);
      const res = await fetch(url);
      return res.ok;
    },
    timeoutMs,
  );
}
