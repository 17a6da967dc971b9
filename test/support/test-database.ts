import { randomBytes } from 'node:crypto';
import { dropDatabase, migrate } from '@loa/db';

const BASE = process.env.TEST_DATABASE_BASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file (dropped afterwards), so runs never share state. `baseUrl` names
 * another server (a private one a test restarts); the shared one by default.
 */
export async function createTestDatabase(baseUrl = BASE): Promise<TestDatabase> {
  const u = new URL(baseUrl);
  u.pathname = `/loa_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = u.toString();
  await migrate(url);
  return { url, drop: () => dropDatabase(url) };
}

/** A BullMQ key prefix of its own for one test file. */
export function testQueuePrefix(): string {
  return `loa-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Removes every Redis key under a test's queue prefix. */
export async function dropQueuePrefix(redisUrl: string, prefix: string): Promise<void> {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
