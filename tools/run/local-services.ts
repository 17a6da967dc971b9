import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { startPostgresServer } from './private-postgres';
import { startRedisServer } from './private-redis';
import { postgresProblem, redisProblem } from './service-checks';

export interface ServiceRequest {
  databaseUrl: string;
  redisUrl: string;
  /** DATABASE_URL / REDIS_URL were set by the person: a service there that is down is theirs to start. */
  databaseExplicit: boolean;
  redisExplicit: boolean;
  /** Start private servers even when the usual ones answer (DEMO_PRIVATE_SERVICES=1: a clean machine's run). */
  forcePrivate?: boolean;
  /** Ports the run will listen on itself (its API and peers): a private server takes none of them. */
  reservedPorts?: readonly number[];
  /** Where to say what was done. */
  log(line: string): void;
}

export interface LocalServices {
  databaseUrl: string;
  redisUrl: string;
  /** What was started for this run (empty: the usual services answered). */
  started: string[];
  /** Stops what was started (and removes its data); nothing else. */
  stop(): Promise<void>;
}

const isRoot = (): boolean => process.getuid?.() === 0;
const hasCommand = (command: string): boolean =>
  spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const hasPostgresBinaries = (): boolean =>
  existsSync('/usr/lib/postgresql') &&
  readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));

/** What to run, said exactly, when the demo cannot start a service itself. */
export const MANUAL_SETUP = [
  'sudo apt-get install -y postgresql redis-server   # Debian/Ubuntu: then run `npm run demo` again',
  'docker compose up -d postgres redis              # or, where Docker runs: the compose file in this repository',
  'DATABASE_URL=postgres://… REDIS_URL=redis://… npm run demo   # or point the demo at servers you have',
];

/** Installs Debian packages when running as root with apt-get; false when it cannot. */
function installPackages(packages: string[], log: (line: string) => void): boolean {
  if (!isRoot() || !hasCommand('apt-get')) return false;
  log(`Installing the Debian package(s) ${packages.join(', ')} (running as root) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = (): number | null =>
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env }).status;
  if (install() !== 0) {
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    if (install() !== 0) return false;
  }
  return true;
}

/**
 * PostgreSQL and Redis for a local run: the usual ones when they answer; otherwise, unless the person pointed
 * DATABASE_URL / REDIS_URL elsewhere, private servers on free ports started for this run (Debian's binaries,
 * installed first when running as root), said so, and stopped with `stop()`. Where it cannot, it lists the exact
 * commands to run and starts nothing.
 */
export async function ensureLocalServices(req: ServiceRequest): Promise<LocalServices | { problems: string[] }> {
  const [pgDown, redisDown] = req.forcePrivate
    ? ['a private server was asked for', 'a private server was asked for']
    : await Promise.all([postgresProblem(req.databaseUrl), redisProblem(req.redisUrl)]);
  const problems: string[] = [];
  if (pgDown && req.databaseExplicit && !req.forcePrivate)
    problems.push(`PostgreSQL does not answer at DATABASE_URL (${pgDown}): start it, or unset DATABASE_URL.`);
  if (redisDown && req.redisExplicit && !req.forcePrivate)
    problems.push(`Redis does not answer at REDIS_URL (${redisDown}): start it, or unset REDIS_URL.`);
  if (problems.length) return { problems };

  const missing: string[] = [];
  if (pgDown && !hasPostgresBinaries()) missing.push('postgresql');
  if (redisDown && !hasCommand('redis-server')) missing.push('redis-server');
  if (missing.length && !installPackages(missing, req.log))
    return {
      problems: [
        `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not running or installed here, and the demo cannot ` +
          `install ${missing.length > 1 ? 'them' : 'it'} (it needs root and apt-get). Run one of:`,
        ...MANUAL_SETUP.map((c) => `  ${c}`),
      ],
    };

  const started: string[] = [];
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  let { databaseUrl, redisUrl } = req;
  const reserved = new Set(req.reservedPorts ?? []);
  try {
    if (pgDown) {
      const pg = await startPostgresServer(reserved);
      stops.push(() => pg.stop());
      const url = new URL(req.databaseUrl);
      // The same database name on the private server (the migration creates it).
      databaseUrl = `postgres://postgres@127.0.0.1:${pg.port}${url.pathname}`;
      started.push(`PostgreSQL on 127.0.0.1:${pg.port}`);
      req.log(
        `Started a private PostgreSQL on 127.0.0.1:${pg.port} (${pgDown}); its data is removed when the demo ends.`,
      );
    }
    if (redisDown) {
      const redis = await startRedisServer(reserved);
      stops.push(() => redis.stop());
      redisUrl = redis.url;
      started.push(`Redis on 127.0.0.1:${redis.port}`);
      req.log(`Started a private Redis on 127.0.0.1:${redis.port} (${redisDown}); it stops when the demo ends.`);
    }
  } catch (e) {
    await stop();
    return { problems: [`Could not start a private server: ${(e as Error).message}. Run one of:`, ...MANUAL_SETUP] };
  }
  return { databaseUrl, redisUrl, started, stop };
}
