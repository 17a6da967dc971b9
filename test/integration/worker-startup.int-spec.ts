import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DiscoveryModule } from '@nestjs/core';
import { Test, TestingModule } from '@nestjs/testing';
import { CampaignsModule } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DeliveryModule } from '@loa/delivery';
import { QUEUES, QueueModule } from '@loa/queue';
import { SmsModule } from '@loa/sms';
import { FanoutProcessor } from '../../apps/worker/src/processors/fanout.processor';
import { WorkerStartupCheck } from '../../apps/worker/src/startup/worker-startup-check';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from '../support/test-database';

/** A second processor of the fan-out queue, as a careless merge could leave behind. */
@Processor(QUEUES.fanout)
class SecondFanoutProcessor extends WorkerHost {
  process(): Promise<void> {
    return Promise.resolve();
  }
}

describe('the worker refuses to start with a queue or a channel nobody handles (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    // Migrated, not seeded: no carrier, so the whole worker starts without opening an SMSC session.
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, QUEUE_PREFIX: prefix });
  });

  afterAll(async () => {
    await db?.drop();
    await dropQueuePrefix('redis://127.0.0.1:6379', prefix);
  });

  it('starts the real WorkerModule: every queue has one processor, every channel its fan-out', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    try {
      await expect(moduleRef.init()).resolves.toBeDefined();
    } finally {
      await moduleRef.close();
    }
  });

  it('names the queues without processor or with two, and the channels without fan-out', async () => {
    let moduleRef: TestingModule | null = null;
    try {
      moduleRef = await Test.createTestingModule({
        imports: [DiscoveryModule, ConfigModule, DbModule, QueueModule, DeliveryModule, CampaignsModule, SmsModule],
        providers: [FanoutProcessor, SecondFanoutProcessor, WorkerStartupCheck],
      }).compile();
      const failure = await moduleRef.init().then(
        () => null,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      expect(failure).toMatch(/^the worker cannot start: /);
      expect(failure).toContain('queue "fanout" has 2 processors: FanoutProcessor, SecondFanoutProcessor');
      expect(failure).toContain(`queue "${QUEUES.email}" has no processor`);
      expect(failure).toContain(`queue "${QUEUES.receipts}" has no processor`);
      expect(failure).toContain('no fan-out for channel(s) email, banner, radio');
      expect(failure).not.toContain('channel(s) sms');
    } finally {
      await moduleRef?.close();
    }
  });
});
