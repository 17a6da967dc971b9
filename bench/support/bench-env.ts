import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { Client } from 'pg';
import { dropDatabase, migrate } from '@loa/db';

/** Where the benchmarks make their databases (a fresh `loa_bench_<random>` each) and queues. */
export const BENCH_DATABASE_BASE_URL =
  process.env.BENCH_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** BENCH_SCALE multiplies every benchmark's default size (0.1 for a smoke run, 10 for a long one). */
export function benchScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`BENCH_SCALE must be a positive number (got "${raw}")`);
  return n;
}

/** A size: an explicit override variable wins, else the default times BENCH_SCALE (never below `min`). */
export function scaledSize(overrideVar: string, defaultSize: number, min: number): number {
  const raw = process.env[overrideVar];
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`${overrideVar} must be an integer >= ${min} (got "${raw}")`);
    return n;
  }
  return Math.max(min, Math.round(defaultSize * benchScale()));
}

/** Timed runs of the code under study per benchmark (each bracketed by baseline runs); BENCH_ROUNDS, default 3. */
export function benchRounds(): number {
  return intSetting('BENCH_ROUNDS', 3, 1, 50);
}

/** An integer setting that does not scale (batch size, messages in flight). */
export function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return n;
}

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of the benchmark's own (dropped afterwards, even when the benchmark fails). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const u = new URL(BENCH_DATABASE_BASE_URL);
  const name = `loa_bench_${randomBytes(5).toString('hex')}`;
  u.pathname = `/${name}`;
  const url = u.toString();
  const db: BenchDatabase = { url, name, drop: () => dropDatabase(url) };
  try {
    await migrate(url);
  } catch (e) {
    await db.drop().catch(() => undefined);
    throw e;
  }
  return db;
}

/** A BullMQ key prefix of the benchmark's own. */
export function benchQueuePrefix(): string {
  return `loa-bench-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes every Redis key under a benchmark's queue prefix; returns how many were deleted. */
export async function dropQueuePrefix(redisUrl: string, prefix: string): Promise<number> {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/**
 * Sets environment variables for the duration of `fn` (the Nest config reads process.env when a module is
 * compiled) and restores the previous values afterwards.
 */
export async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export interface EnvironmentFacts {
  node: string;
  platform: string;
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  postgres: string;
  redis: string;
  scale: number;
}

/** What the figures were measured on; printed with the results. */
export async function environmentFacts(): Promise<EnvironmentFacts> {
  const cpuList = cpus();
  let postgres = 'unknown';
  const client = new Client({ connectionString: BENCH_DATABASE_BASE_URL });
  try {
    await client.connect();
    const r = await client.query<{ server_version: string }>('SHOW server_version');
    postgres = r.rows[0]?.server_version ?? 'unknown';
  } catch (e) {
    postgres = `unreachable (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
  let redis = 'unknown';
  const { default: Redis } = await import('ioredis');
  const conn = new Redis(BENCH_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await conn.connect();
    const info = await conn.info('server');
    redis = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch (e) {
    redis = `unreachable (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    conn.disconnect();
  }
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cores: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    postgres,
    redis,
    scale: benchScale(),
  };
}
