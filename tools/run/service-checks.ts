import { Client } from 'pg';
import Redis from 'ioredis';

const START_HINTS = {
  postgres:
    'PostgreSQL is not answering at DATABASE_URL. Start it, e.g. `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or `docker compose up -d postgres`.',
  redis:
    'Redis is not answering at REDIS_URL. Start it, e.g. `redis-server --daemonize yes --bind 127.0.0.1 --port 6379`, or `docker compose up -d redis`.',
};

/** Why PostgreSQL at this URL does not answer (its server's `postgres` database), or null when it does. */
export async function postgresProblem(databaseUrl: string): Promise<string | null> {
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const pg = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
    await pg.query('SELECT 1');
    return null;
  } catch (e) {
    return (e as Error).message || (e as { code?: string }).code || 'no answer';
  } finally {
    await pg.end().catch(() => undefined);
  }
}

/** Why Redis at this URL does not answer, or null when it does. */
export async function redisProblem(redisUrl: string): Promise<string | null> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (e) {
    return (e as Error).message || 'no answer';
  } finally {
    redis.disconnect();
  }
}

/** Checks PostgreSQL and Redis answer; returns a list of human explanations of what is down. */
export async function checkServices(databaseUrl: string, redisUrl: string): Promise<string[]> {
  const [pg, redis] = await Promise.all([postgresProblem(databaseUrl), redisProblem(redisUrl)]);
  return [...(pg ? [`${START_HINTS.postgres} (${pg})`] : []), ...(redis ? [`${START_HINTS.redis} (${redis})`] : [])];
}

export function explainServiceError(e: unknown): string {
  const err = e as { code?: string; message?: string };
  if (err.code === 'ECONNREFUSED' && /5432/.test(err.message ?? '')) return START_HINTS.postgres;
  return err.message ?? String(e);
}
