import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { FanoutService } from '@loa/campaigns';
import { DeliveriesRepository } from '@loa/delivery';
import { QUEUES, ReceiptJob } from '@loa/queue';
import { ReceiptBatcher } from '@loa/sms';
import { SmsCore, startSmsCore } from '../support/sms-core';

/**
 * Receipts from an SMSC settled in batches against real PostgreSQL and Redis: one-part messages in one statement,
 * everything else through the receipts queue, and nothing acknowledged before it is applied or queued.
 */
describe('ReceiptBatcher (real PostgreSQL and Redis)', () => {
  let core: SmsCore;
  let ds: DataSource;
  let batcher: ReceiptBatcher;
  let deliveries: DeliveriesRepository;
  let receiptsQueue: Queue;

  beforeAll(async () => {
    core = await startSmsCore();
    ds = core.ds;
    batcher = core.moduleRef.get(ReceiptBatcher);
    deliveries = core.moduleRef.get(DeliveriesRepository);
    receiptsQueue = core.moduleRef.get(getQueueToken(QUEUES.receipts));
  });

  afterAll(async () => {
    await core?.close();
  });

  /** `n` rows of a running campaign sent with message ids `<prefix>-<i>` (one part each, or `parts`). */
  async function sentRows(n: number, first: number, prefix: string, parts = 1): Promise<string> {
    const subscribers = Array.from({ length: n }, (_, i) => `096${String(first + i).padStart(7, '0')}`);
    const campaignId = await core.runningSmsCampaign(subscribers);
    await core.moduleRef.get(FanoutService).run(campaignId, 0);
    const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1 ORDER BY id`, [
      campaignId,
    ]);
    const claimed = await deliveries.claimMany(
      campaignId,
      rows.map((r) => String(r.id)),
    );
    await deliveries.markSentMany(
      claimed.map((r, i) => ({
        id: r.id,
        providerMessageId: `${prefix}-${i}`,
        final: false,
        partIds: parts > 1 ? Array.from({ length: parts }, (_, p) => `${prefix}-${i}.${p + 1}`) : [],
      })),
    );
    return campaignId;
  }

  const receipt = (id: string, outcome: 'delivered' | 'failed' = 'delivered'): ReceiptJob => ({
    carrierCode: 'viettel',
    providerMessageId: id,
    outcome,
    providerStatus: outcome === 'delivered' ? 'DELIVRD' : 'UNDELIV',
    errorCode: outcome === 'delivered' ? null : '001',
  });

  const statuses = async (campaignId: string): Promise<Record<string, number>> =>
    Object.fromEntries(
      (
        (await ds.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE campaign_id = $1 GROUP BY status`, [
          campaignId,
        ])) as Array<{ status: string; n: number }>
      ).map((r) => [r.status, r.n]),
    );

  const queuedReceipts = async (): Promise<string[]> =>
    (await receiptsQueue.getJobs(['waiting', 'delayed', 'active', 'prioritized'])).map(
      (j) => (j.data as ReceiptJob).providerMessageId,
    );

  it('settles a burst of one-part receipts in a few statements, queueing none', async () => {
    const campaignId = await sentRows(300, 1000, 'burst');
    const statements: string[] = [];
    // Every statement the DataSource runs (the repositories' only way to the database).
    const original = ds.query.bind(ds);
    ds.query = ((sql: string, ...rest: unknown[]) => {
      statements.push(sql);
      return original(sql, ...(rest as [unknown[]]));
    }) as DataSource['query'];
    try {
      await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          batcher.receipt(receipt(`burst-${i}`, i % 10 === 0 ? 'failed' : 'delivered')),
        ),
      );
    } finally {
      ds.query = original;
    }
    expect(await statuses(campaignId)).toEqual({ delivered: 270, failed: 30 });
    const [failed]: Array<{ last_error: string }> = await ds.query(
      `SELECT last_error FROM deliveries WHERE campaign_id = $1 AND status = 'failed' LIMIT 1`,
      [campaignId],
    );
    expect(failed.last_error).toBe('UNDELIV err:001');
    expect(statements.length).toBeLessThanOrEqual(3);
    expect((await queuedReceipts()).filter((id) => id.startsWith('burst-'))).toEqual([]);
  });

  it('queues what one statement cannot settle: parts of long messages and ids not stored yet', async () => {
    const campaignId = await sentRows(2, 2000, 'long', 2);
    await Promise.all([
      batcher.receipt(receipt('long-0.1')),
      batcher.receipt(receipt('long-0.2')),
      batcher.receipt(receipt('not-stored-yet')),
    ]);
    // Acknowledged only now that they are in the queue, for its processor (early receipts, parts) to settle.
    expect((await queuedReceipts()).sort()).toEqual(expect.arrayContaining(['long-0.1', 'long-0.2', 'not-stored-yet']));
    expect(await statuses(campaignId)).toEqual({ sent: 2 });
  });

  it('applies a receipt once however often the SMSC sends it', async () => {
    const campaignId = await sentRows(1, 3000, 'twice');
    await Promise.all([batcher.receipt(receipt('twice-0')), batcher.receipt(receipt('twice-0'))]);
    await batcher.receipt(receipt('twice-0', 'failed'));
    expect(await statuses(campaignId)).toEqual({ delivered: 1 });
  });

  it('when the statement fails (a refusal injected here), every receipt goes to the queue before it is acknowledged', async () => {
    const campaignId = await sentRows(3, 4000, 'dbdown');
    const spy = jest
      .spyOn(deliveries, 'applyOnePartReceipts')
      .mockRejectedValue(new Error('connection terminated (refused by this test)'));
    try {
      await Promise.all([0, 1, 2].map((i) => batcher.receipt(receipt(`dbdown-${i}`))));
    } finally {
      spy.mockRestore();
    }
    expect(await queuedReceipts()).toEqual(expect.arrayContaining(['dbdown-0', 'dbdown-1', 'dbdown-2']));
    expect(await statuses(campaignId)).toEqual({ sent: 3 });
  });
});
