import { DataSource } from 'typeorm';
import { createDataSource } from '@loa/db';
import { LocalPeers, startLocalPeers } from '../../tools/run/local-peers';
import { AppProcess, startApp, waitForHttp } from '../../tools/run/processes';
import { SeedResult, seedDemo } from '../../tools/seed/seed-demo';
import { freePort } from './free-port';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from './test-database';

/**
 * The whole system for an end-to-end test: its own database and queue prefix, the three protocol peers, and
 * the api and worker as separate OS processes (built code, as in production).
 */
export interface Stack {
  db: TestDatabase;
  ds: DataSource;
  peers: LocalPeers;
  seed: SeedResult;
  baseUrl: string;
  env: Record<string, string>;
  api: AppProcess;
  worker: AppProcess;
  startWorker(): Promise<AppProcess>;
  stop(): Promise<void>;
}

export async function startStack(
  envOverrides: Record<string, string> = {},
  opts: { databaseBaseUrl?: string } = {},
): Promise<Stack> {
  const db = await createTestDatabase(opts.databaseBaseUrl);
  const peers = await startLocalPeers({ smsc: 0, smtp: 0, twilio: 0 });
  const ds = createDataSource(db.url, { poolSize: 3, applicationName: 'loa-test' });
  await ds.initialize();
  const seed = await seedDemo(ds, peers.demoPeers);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: testQueuePrefix(),
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(peers.smtp.port),
    LIFECYCLE_INTERVAL_MS: '300',
    BANNER_FLUSH_MS: '200',
    BANNER_VERSION_POLL_MS: '200',
    SENDING_STALE_SECONDS: '3',
    REQUEUE_AFTER_SECONDS: '3',
    RECEIPT_TIMEOUT_SECONDS: '30',
    RECEIPT_QUERY_AFTER_SECONDS: '2',
    RECEIPT_QUERY_EVERY_SECONDS: '2',
    DELIVERY_BATCH_SIZE: '25',
    SMS_QUIET_HOURS: 'false', // tests run at any hour; quiet hours are tested with an injected clock
    SMS_DAILY_CAP: '0', // likewise the daily cap (test/integration/quiet-hours.int-spec.ts)
    ...envOverrides,
  };
  const api = startApp('api', env);
  const stack: Stack = {
    db,
    ds,
    peers,
    seed,
    baseUrl,
    env,
    api,
    worker: startApp('worker', env),
    async startWorker() {
      stack.worker = startApp('worker', env);
      return stack.worker;
    },
    async stop() {
      await Promise.allSettled([stack.api.stop(), stack.worker.stop()]);
      await peers.close();
      await ds.destroy();
      await db.drop();
      await dropQueuePrefix(env.REDIS_URL, env.QUEUE_PREFIX);
    },
  };
  try {
    // Generous: on a slow machine the API's start (migrations on a fresh database included) has taken over 30 s.
    await waitForHttp(`${baseUrl}/health`, 90_000, api);
  } catch (e) {
    await stack.stop();
    throw e;
  }
  return stack;
}
