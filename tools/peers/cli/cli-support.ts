/** Helpers shared by the peer CLIs: numeric env vars and clean shutdown on signals. */

export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

export function stringFromEnv(name: string, fallback: string): string {
  const raw = process.env[name];
  return raw === undefined || raw.trim() === '' ? fallback : raw;
}

/** Closes the peer on SIGINT/SIGTERM, then exits (a second signal exits at once). */
export function closeOnSignals(name: string, close: () => Promise<void>): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    close().then(
      () => {
        console.log(`${name} stopped (${signal})`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`${name} failed to stop cleanly:`, error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
