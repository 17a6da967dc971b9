import { DataSource } from 'typeorm';
import { CampaignsRepository, LifecycleService } from '@loa/campaigns';
import { BatchRunner, markStaleSendingUnknown, staleSendingSearch } from '@loa/delivery';
import { SmsCore, startSmsCore } from '../support/sms-core';

/**
 * The reconciler's questions (every two seconds) against real PostgreSQL: lost work only once a campaign's batches
 * have stopped, completion only once no row can still change, stranded rows only when a worker left them.
 */
describe('lifecycle sweeps (real PostgreSQL)', () => {
  let core: SmsCore;
  let ds: DataSource;
  let campaigns: CampaignsRepository;
  let lifecycle: LifecycleService;
  let runner: BatchRunner;
  let nextSubscriber = 0;

  beforeAll(async () => {
    // Rows left `sending` are stale after 10 s here, so the search for them runs at most once a second.
    core = await startSmsCore({ SENDING_STALE_SECONDS: '10' });
    ds = core.ds;
    campaigns = core.moduleRef.get(CampaignsRepository);
    lifecycle = core.moduleRef.get(LifecycleService);
    runner = core.moduleRef.get(BatchRunner);
  });

  afterAll(async () => {
    await core?.close();
  });

  /** A running SMS campaign of `n` Viettel subscribers, fanned out: its id and row ids in order. */
  async function fannedOut(n: number): Promise<{ id: string; rows: string[] }> {
    const subscribers = Array.from({ length: n }, () => `096${String(nextSubscriber++).padStart(7, '0')}`);
    const { campaignId, ids } = await core.fannedOutSmsCampaign(subscribers);
    return { id: campaignId, rows: ids };
  }

  const statusOf = async (id: string): Promise<string> =>
    ((await ds.query(`SELECT status FROM campaigns WHERE id = $1`, [id])) as [{ status: string }])[0].status;

  it('re-enqueues rows that waited long only once the campaign’s batches have stopped starting', async () => {
    const { id, rows } = await fannedOut(4);
    await ds.query(`UPDATE deliveries SET updated_at = now() - interval '1 hour' WHERE campaign_id = $1`, [id]);

    // A batch of the campaign starts (it sends one row): the queue is being worked through, the rest wait their turn.
    const sent = await runner.run(
      id,
      rows.slice(0, 1),
      async () => ({ kind: 'accepted', providerMessageId: `m-${id}`, final: true }),
      { window: 10, statusCheckEvery: 50 },
    );
    expect(sent.accepted).toBe(1);
    const [{ recent }]: Array<{ recent: boolean }> = await ds.query(
      `SELECT last_batch_at > now() - interval '1 minute' AS recent FROM campaigns WHERE id = $1`,
      [id],
    );
    expect(recent).toBe(true);
    expect((await campaigns.bumpDispatchForLostWork(120)).map((r) => r.id)).not.toContain(id);

    // No batch for longer than the reconciler waits: the jobs were lost (say, with Redis), a new round goes out.
    await ds.query(`UPDATE campaigns SET last_batch_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    expect((await campaigns.bumpDispatchForLostWork(120)).map((r) => r.id)).toContain(id);
    // A campaign that never started a batch (its first jobs lost) is re-enqueued as well.
    const never = await fannedOut(2);
    await ds.query(`UPDATE deliveries SET updated_at = now() - interval '1 hour' WHERE campaign_id = $1`, [never.id]);
    expect((await campaigns.bumpDispatchForLostWork(120)).map((r) => r.id)).toContain(never.id);
  });

  it('does not take rows held for a window (quiet hours) for lost work until a while after it opens', async () => {
    const { id } = await fannedOut(3);
    await ds.query(`UPDATE deliveries SET updated_at = now() - interval '1 hour' WHERE campaign_id = $1`, [id]);
    await ds.query(`UPDATE campaigns SET last_batch_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    expect((await campaigns.bumpDispatchForLostWork(120)).map((r) => r.id)).toContain(id);

    // A batch put off until the window opens in eight hours: held, not lost…
    await runner.noteDeferred(id, new Date(Date.now() + 8 * 3600_000));
    expect((await campaigns.bumpDispatchForLostWork(120)).map((r) => r.id)).not.toContain(id);
    // …and a batch starting meanwhile does not move that time back.
    await runner.run(id, [], async () => ({ kind: 'accepted', providerMessageId: 'x', final: true }), {
      window: 1,
      statusCheckEvery: 50,
    });
    const [{ ahead }]: Array<{ ahead: boolean }> = await ds.query(
      `SELECT last_batch_at > now() + interval '7 hours' AS ahead FROM campaigns WHERE id = $1`,
      [id],
    );
    expect(ahead).toBe(true);
    // Once the window has been open for longer than the reconciler waits, with no batch since, the work is lost.
    await ds.query(`UPDATE campaigns SET last_batch_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    expect((await campaigns.bumpDispatchForLostWork(120)).map((r) => r.id)).toContain(id);
  });

  it('completes a campaign only when no row is queued, sending or waiting for its receipt', async () => {
    const { id, rows } = await fannedOut(3);
    const setRow = (row: string, status: string, final: boolean) =>
      ds.query(`UPDATE deliveries SET status = $2, final_at = CASE WHEN $3 THEN now() END WHERE id = $1`, [
        row,
        status,
        final,
      ]);
    await setRow(rows[0], 'delivered', true);
    await setRow(rows[1], 'failed', true);
    await setRow(rows[2], 'sent', false); // its receipt is still to come
    await lifecycle.tick();
    expect(await statusOf(id)).toBe('running');
    await setRow(rows[2], 'delivered', true);
    expect((await lifecycle.tick()).completed).toContain(id);
    expect(await statusOf(id)).toBe('completed');
  });

  it('refuses an SMS or e-mail row that ended without final_at (the completion check relies on it)', async () => {
    const { rows } = await fannedOut(1);
    await expect(ds.query(`UPDATE deliveries SET status = 'failed' WHERE id = $1`, [rows[0]])).rejects.toThrow(
      /deliveries_ended_rows_final/,
    );
  });

  it('turns rows a dead worker left sending into unknown, leaves a live window alone, and looks only so often', async () => {
    const { rows } = await fannedOut(4);
    await ds.query(
      `UPDATE deliveries SET status = 'sending', updated_at = now() - interval '1 hour' WHERE id = ANY($1::bigint[])`,
      [rows.slice(0, 2)],
    );
    await ds.query(`UPDATE deliveries SET status = 'sending', updated_at = now() WHERE id = $1`, [rows[2]]);
    await new Promise((r) => setTimeout(r, 1_100)); // a tenth of SENDING_STALE_SECONDS since any earlier search
    expect((await lifecycle.tick()).staleToUnknown).toBe(2);
    const after: Array<{ status: string }> = await ds.query(
      `SELECT status FROM deliveries WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [rows.slice(0, 3)],
    );
    expect(after.map((r) => r.status)).toEqual(['unknown', 'unknown', 'sending']);

    // The search costs index probes per campaign that may be sending: the next tick, right after, does not search
    // again…
    await ds.query(`UPDATE deliveries SET status = 'sending', updated_at = now() - interval '1 hour' WHERE id = $1`, [
      rows[3],
    ]);
    expect((await lifecycle.tick()).staleToUnknown).toBe(0);
    // …a tick a tenth of SENDING_STALE_SECONDS later does.
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await lifecycle.tick()).staleToUnknown).toBe(1);
  });

  it('finds rows left sending in a cancelled or paused campaign, a few at a time when asked to', async () => {
    const cancelled = await fannedOut(3);
    const paused = await fannedOut(1);
    await ds.query(
      `UPDATE deliveries SET status = 'sending', updated_at = now() - interval '1 hour' WHERE id = ANY($1::bigint[])`,
      [[...cancelled.rows, ...paused.rows]],
    );
    await ds.query(`UPDATE campaigns SET status = 'cancelled' WHERE id = $1`, [cancelled.id]);
    await ds.query(`UPDATE campaigns SET status = 'paused' WHERE id = $1`, [paused.id]);
    expect(await markStaleSendingUnknown(ds, 10, 2)).toBe(3); // two of the cancelled campaign's, the paused one's
    expect(await markStaleSendingUnknown(ds, 10, 2)).toBe(1);
    expect(await markStaleSendingUnknown(ds, 10, 2)).toBe(0);
    const states: Array<{ status: string; last_error: string }> = await ds.query(
      `SELECT status, last_error FROM deliveries WHERE campaign_id = ANY($1::uuid[])`,
      [[cancelled.id, paused.id]],
    );
    expect(states.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
    expect(states[0].last_error).toMatch(/not re-sent/);
  });

  it('searches by campaign, never reading the rows of campaigns that ended', async () => {
    // 60,000 delivered rows of a completed campaign, and statistics that know them.
    const done = await fannedOut(1);
    await ds.query(
      `INSERT INTO deliveries (campaign_id, channel, recipient_key, carrier_code, status, sent_at, final_at)
       SELECT $1, 'sms', '8497' || lpad(g::text, 7, '0'), 'viettel', 'delivered', now(), now()
         FROM generate_series(1, 60000) g`,
      [done.id],
    );
    await ds.query(`UPDATE campaigns SET status = 'completed' WHERE id = $1`, [done.id]);
    await ds.query(`ANALYZE deliveries`);
    await ds.query(`ANALYZE campaigns`);
    const search = staleSendingSearch(10, 10_000);
    const plan: Array<{ 'QUERY PLAN': string }> = await ds.query(`EXPLAIN ${search.sql}`, search.params);
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/deliveries_by_status on deliveries x/);
    expect(text).not.toMatch(/Seq Scan on deliveries/);
  });
});
