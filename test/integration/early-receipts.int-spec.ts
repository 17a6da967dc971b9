import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsModule, CampaignsService, FanoutService, LifecycleService } from '@loa/campaigns';
import { SmsModule } from '@loa/sms';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { BatchRunner, DeliveriesRepository, DeliveryModule, ReceiptSettlement } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { seedDemo } from '../../tools/seed/seed-demo';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from '../support/test-database';

/**
 * Receipts that come before their message id is stored are kept (early_receipts) and applied when it is, whichever
 * side commits first, against real PostgreSQL with the two sides racing on separate connections.
 */
describe('receipts before their message id (real PostgreSQL)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let ds: DataSource;
  let campaigns: CampaignsService;
  let fanout: FanoutService;
  let deliveries: DeliveriesRepository;
  let settlement: ReceiptSettlement;
  let runner: BatchRunner;
  let actor: { type: 'user'; id: string; organizationId: string; role: string };
  let approverActor: typeof actor;
  const prefix = testQueuePrefix();
  const MAX = 1000;

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, QUEUE_PREFIX: prefix });
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, DbModule, QueueModule, DeliveryModule, CampaignsModule, SmsModule],
    }).compile();
    await moduleRef.init();
    ds = moduleRef.get(getDataSourceToken());
    campaigns = moduleRef.get(CampaignsService);
    fanout = moduleRef.get(FanoutService);
    deliveries = moduleRef.get(DeliveriesRepository);
    settlement = moduleRef.get(ReceiptSettlement);
    runner = moduleRef.get(BatchRunner);
    const seed = await seedDemo(ds);
    const users: Array<{ id: string; role: string }> = await ds.query(`SELECT id, role FROM users`);
    const u = (role: string) => users.find((x) => x.role === role)!;
    actor = { type: 'user', id: u('editor').id, organizationId: seed.organizationId, role: 'editor' };
    approverActor = { type: 'user', id: u('approver').id, organizationId: seed.organizationId, role: 'approver' };
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
    await dropQueuePrefix('redis://127.0.0.1:6379', prefix);
  });

  /** A running SMS campaign to Viettel numbers, fanned out: its row ids in order. */
  async function smsRows(n: number, first: number): Promise<{ campaignId: string; ids: string[] }> {
    const [directive]: Array<{ id: string }> = await ds.query(
      `INSERT INTO directives (organization_id, raw_text, created_by) VALUES ($1, 'text', $2) RETURNING id`,
      [actor.organizationId, actor.id],
    );
    const subscribers = Array.from({ length: n }, (_, i) => `096${String(first + i).padStart(7, '0')}`);
    const { campaign } = await campaigns.create(
      actor,
      { directiveId: directive.id, title: 't', channels: { sms: { text: 'hello', subscribers } } },
      null,
    );
    await campaigns.submit(actor, campaign.id, null);
    await campaigns.approve(approverActor, campaign.id, null);
    await ds.query(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [campaign.id]);
    await fanout.run(campaign.id, 0);
    const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1 ORDER BY id`, [
      campaign.id,
    ]);
    return { campaignId: campaign.id, ids: rows.map((r) => String(r.id)) };
  }

  const statuses = async (campaignId: string) =>
    (
      (await ds.query(`SELECT status, count(*)::int AS n FROM deliveries WHERE campaign_id = $1 GROUP BY status`, [
        campaignId,
      ])) as Array<{ status: string; n: number }>
    ).reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: r.n }), {});
  const kept = async () => ((await ds.query(`SELECT count(*)::int AS n FROM early_receipts`)) as [{ n: number }])[0].n;

  it('keeps a receipt that came while its message was being submitted, and the send path applies it', async () => {
    const { campaignId, ids } = await smsRows(3, 100);
    const results: string[] = [];
    // The SMSC's receipts overtake its submit responses: each receipt is handled before the send returns.
    const result = await runner.run(
      campaignId,
      ids,
      async (row) => {
        const messageId = `early-${row.id}`;
        results.push(await settlement.apply('viettel', messageId, 'delivered', null, MAX));
        return { kind: 'accepted', providerMessageId: messageId, final: false, partIds: [] };
      },
      { concurrency: 2, statusCheckEvery: 50 },
    );
    expect(result.accepted).toBe(3);
    expect(results).toEqual(['kept', 'kept', 'kept']);
    expect(await statuses(campaignId)).toEqual({ delivered: 3 });
    expect(await kept()).toBe(0);
  });

  it('settles a two-part message whose first part’s receipt came early and second came late', async () => {
    const { campaignId, ids } = await smsRows(1, 200);
    await runner.run(
      campaignId,
      ids,
      async () => {
        expect(await settlement.apply('viettel', 'two-1', 'delivered', null, MAX)).toBe('kept');
        return { kind: 'accepted', providerMessageId: 'two-1', final: false, partIds: ['two-1', 'two-2'] };
      },
      { concurrency: 1, statusCheckEvery: 50 },
    );
    expect(await statuses(campaignId)).toEqual({ sent: 1 });
    expect(await settlement.apply('viettel', 'two-2', 'delivered', null, MAX)).toBe('applied');
    expect(await statuses(campaignId)).toEqual({ delivered: 1 });
    expect(await kept()).toBe(0);
  });

  it('never loses a receipt racing its message id on another connection, whichever commits first', async () => {
    const { campaignId, ids } = await smsRows(120, 300);
    for (const id of ids) expect(await deliveries.claimOne(campaignId, id)).not.toBeNull();
    // Each row's receipt and its submit response are stored at the same moment on two connections; half the
    // receipts are failures, so a receipt applied to the wrong row or twice would show.
    await Promise.all(
      ids.map(async (id, i) => {
        const messageId = `race-${id}`;
        const outcome = i % 2 ? 'failed' : 'delivered';
        await Promise.all([
          settlement.apply('viettel', messageId, outcome, outcome === 'failed' ? 'UNDELIV' : null, MAX),
          (async () => {
            await deliveries.markSent(id, messageId, false);
            await settlement.afterStored('viettel', [messageId]);
          })(),
        ]);
      }),
    );
    expect(await statuses(campaignId)).toEqual({ delivered: 60, failed: 60 });
    const wrong: unknown[] = await ds.query(
      `SELECT id FROM deliveries WHERE campaign_id = $1 AND status <> CASE WHEN id::text = ANY($2::text[]) THEN 'failed' ELSE 'delivered' END`,
      [campaignId, ids.filter((_, i) => i % 2)],
    );
    expect(wrong).toEqual([]);
    expect(await kept()).toBe(0);
  });

  it('never loses a part’s receipt racing the parts being stored, in any order', async () => {
    const { campaignId, ids } = await smsRows(80, 500);
    for (const id of ids) expect(await deliveries.claimOne(campaignId, id)).not.toBeNull();
    await Promise.all(
      ids.map(async (id, i) => {
        const parts = [`p1-${id}`, `p2-${id}`];
        // Every fourth message has its second part fail: the message fails, whatever order things happen in.
        const second = i % 4 === 0 ? 'failed' : 'delivered';
        await Promise.all([
          settlement.apply('viettel', parts[0], 'delivered', null, MAX),
          settlement.apply('viettel', parts[1], second, second === 'failed' ? 'UNDELIV' : null, MAX),
          (async () => {
            await deliveries.markSent(id, parts[0], false, parts);
            await settlement.afterStored('viettel', parts);
          })(),
        ]);
      }),
    );
    expect(await statuses(campaignId)).toEqual({ delivered: 60, failed: 20 });
    expect(await kept()).toBe(0);
  });

  it('keeps no more than its bound (the receipt is then retried), and lets go of receipts whose message never came', async () => {
    expect(await settlement.apply('viettel', 'over-the-bound', 'delivered', null, 0)).toBe('no-such-message');
    expect(await kept()).toBe(0);
    expect(await settlement.apply('viettel', 'never-sent', 'delivered', null, MAX)).toBe('kept');
    expect(await settlement.apply('viettel', 'never-sent', 'delivered', null, MAX)).toBe('kept'); // the same twice
    expect(await kept()).toBe(1);
    const lifecycle = moduleRef.get(LifecycleService);
    expect((await lifecycle.tick()).earlyReceiptsDropped).toBe(0); // kept an hour by default
    await ds.query(`UPDATE early_receipts SET received_at = now() - interval '2 hours'`);
    expect((await lifecycle.tick()).earlyReceiptsDropped).toBe(1);
    expect(await kept()).toBe(0);
  });
});
