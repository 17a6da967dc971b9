import { DataSource } from 'typeorm';
import { LifecycleService } from '@loa/campaigns';
import { BatchRunner, DeliveriesRepository, ReceiptSettlement } from '@loa/delivery';
import { SmsCore, startSmsCore } from '../support/sms-core';

/**
 * Receipts that come before their message id is stored are kept (early_receipts) and applied when it is, whichever
 * side commits first, against real PostgreSQL with the two sides racing on separate connections.
 */
describe('receipts before their message id (real PostgreSQL)', () => {
  let core: SmsCore;
  let ds: DataSource;
  let deliveries: DeliveriesRepository;
  let settlement: ReceiptSettlement;
  let runner: BatchRunner;
  const MAX = 1000;

  beforeAll(async () => {
    core = await startSmsCore();
    ds = core.ds;
    deliveries = core.moduleRef.get(DeliveriesRepository);
    settlement = core.moduleRef.get(ReceiptSettlement);
    runner = core.moduleRef.get(BatchRunner);
  });

  afterAll(async () => {
    await core?.close();
  });

  /** A running SMS campaign to Viettel numbers, fanned out: its row ids in order. */
  async function smsRows(n: number, first: number): Promise<{ campaignId: string; ids: string[] }> {
    return core.fannedOutSmsCampaign(Array.from({ length: n }, (_, i) => `096${String(first + i).padStart(7, '0')}`));
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
    const told: Array<{ campaignId: string; providerMessageId: string; outcome: string }> = [];
    // The SMSC's receipts overtake its submit responses: each receipt is handled before the send returns.
    const result = await runner.run(
      campaignId,
      ids,
      async (row) => {
        const messageId = `early-${row.id}`;
        results.push((await settlement.apply('viettel', messageId, 'delivered', null, MAX)).result);
        return { kind: 'accepted', providerMessageId: messageId, final: false, partIds: [] };
      },
      {
        window: 2,
        statusCheckEvery: 50,
        earlyReceiptsApplied: async (receipts) => {
          told.push(
            ...receipts.map(({ campaignId, providerMessageId, outcome }) => ({
              campaignId,
              providerMessageId,
              outcome,
            })),
          );
        },
      },
    );
    expect(result.accepted).toBe(3);
    expect(results).toEqual(['kept', 'kept', 'kept']);
    // The channel hears of each receipt applied late, with its campaign (the SMS auto-pause counts them).
    expect(told.map((t) => t.providerMessageId).sort()).toEqual(ids.map((id) => `early-${id}`).sort());
    expect(told.every((t) => t.campaignId === campaignId && t.outcome === 'delivered')).toBe(true);
    expect(await statuses(campaignId)).toEqual({ delivered: 3 });
    expect(await kept()).toBe(0);
  });

  it('settles a two-part message whose first part’s receipt came early and second came late', async () => {
    const { campaignId, ids } = await smsRows(1, 200);
    await runner.run(
      campaignId,
      ids,
      async () => {
        expect(await settlement.apply('viettel', 'two-1', 'delivered', null, MAX)).toEqual({
          result: 'kept',
          campaignId: null,
        });
        return { kind: 'accepted', providerMessageId: 'two-1', final: false, partIds: ['two-1', 'two-2'] };
      },
      { window: 1, statusCheckEvery: 50 },
    );
    expect(await statuses(campaignId)).toEqual({ sent: 1 });
    expect(await settlement.apply('viettel', 'two-2', 'delivered', null, MAX)).toEqual({
      result: 'applied',
      campaignId,
    });
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

  it('never loses a receipt racing the send path’s stores, whose statements look up the kept ones of earlier stores', async () => {
    const { campaignId, ids } = await smsRows(300, 700);
    const receipts: Array<Promise<unknown>> = [];
    // Each receipt comes at its own moment around its submit response: before it, while its outcome is stored, or
    // after; a third are failures, so a receipt applied to the wrong row or twice would show.
    const result = await runner.run(
      campaignId,
      ids,
      async (row) => {
        const messageId = `store-race-${row.id}`;
        const outcome = Number(row.id) % 3 ? 'delivered' : 'failed';
        const apply = () =>
          settlement.apply('viettel', messageId, outcome, outcome === 'failed' ? 'UNDELIV' : null, MAX);
        // Every fifth receipt surely comes first (kept, applied by a later statement); the others race.
        if (Number(row.id) % 5 === 0) expect((await apply()).result).toBe('kept');
        else receipts.push(new Promise((resolve) => setTimeout(resolve, Number(row.id) % 7)).then(apply));
        await new Promise((resolve) => setTimeout(resolve, (Number(row.id) * 5) % 4));
        return { kind: 'accepted', providerMessageId: messageId, final: false, partIds: [] };
      },
      { window: 40, statusCheckEvery: 100 },
    );
    await Promise.all(receipts);
    expect(result.accepted).toBe(300);
    const failures = ids.filter((id) => Number(id) % 3 === 0).length;
    expect(await statuses(campaignId)).toEqual({ delivered: 300 - failures, failed: failures });
    const wrong: unknown[] = await ds.query(
      `SELECT id FROM deliveries WHERE campaign_id = $1
          AND status <> CASE WHEN id % 3 = 0 THEN 'failed' ELSE 'delivered' END`,
      [campaignId],
    );
    expect(wrong).toEqual([]);
    expect(await kept()).toBe(0);
  });

  it('keeps no more than its bound (the receipt is then retried), and lets go of receipts whose message never came', async () => {
    expect((await settlement.apply('viettel', 'over-the-bound', 'delivered', null, 0)).result).toBe('no-such-message');
    expect(await kept()).toBe(0);
    expect((await settlement.apply('viettel', 'never-sent', 'delivered', null, MAX)).result).toBe('kept');
    expect((await settlement.apply('viettel', 'never-sent', 'delivered', null, MAX)).result).toBe('kept'); // the same twice
    expect(await kept()).toBe(1);
    const lifecycle = core.moduleRef.get(LifecycleService);
    expect((await lifecycle.tick()).earlyReceiptsDropped).toBe(0); // kept an hour by default
    await ds.query(`UPDATE early_receipts SET received_at = now() - interval '2 hours'`);
    expect((await lifecycle.tick()).earlyReceiptsDropped).toBe(1);
    expect(await kept()).toBe(0);
  });
});
