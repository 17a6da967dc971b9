import { DataSource } from 'typeorm';
import { CampaignsService, FanoutService } from '@loa/campaigns';
import { AwaitingReceiptsService, OptOutsService, SmppProvider, SmsBatchRepository } from '@loa/sms';
import { CampaignEntity, CarrierEntity, ChannelPlanEntity } from '@loa/db';
import { DeliveriesRepository, EarlyReceiptsRepository, NORMAL_PRIORITY } from '@loa/delivery';
import { type SmsSendJob, SmsQueues } from '@loa/queue';
import { SmsCore, TestActor, startSmsCore } from '../support/sms-core';

describe('fan-out and delivery claims (real PostgreSQL and Redis)', () => {
  let core: SmsCore;
  let ds: DataSource;
  let campaigns: CampaignsService;
  let fanout: FanoutService;
  let deliveries: DeliveriesRepository;
  let early: EarlyReceiptsRepository;
  let smsQueues: SmsQueues;
  let actor: TestActor;
  let runningSmsCampaign: SmsCore['runningSmsCampaign'];

  beforeAll(async () => {
    core = await startSmsCore({ DELIVERY_BATCH_SIZE: '3' });
    ({ ds, runningSmsCampaign, editor: actor } = core);
    campaigns = core.moduleRef.get(CampaignsService);
    fanout = core.moduleRef.get(FanoutService);
    deliveries = core.moduleRef.get(DeliveriesRepository);
    early = core.moduleRef.get(EarlyReceiptsRepository);
    smsQueues = core.moduleRef.get(SmsQueues);
  });

  afterAll(async () => {
    await core?.close();
  });

  it('writes one row per subscriber and enqueues deterministic batches, however often it runs', async () => {
    const id = await runningSmsCampaign(['0961000001', '0961000002', '0961000003', '0961000004', '0912000001']);
    await fanout.run(id, 0);
    await fanout.run(id, 0);
    const [{ n }]: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1`,
      [id],
    );
    expect(Number(n)).toBe(5);
    const viettel = await smsQueues.forCarrier('viettel').getJobs(['waiting', 'prioritized', 'delayed', 'active']);
    const mine = viettel.filter((j) => j.data.campaignId === id);
    // 4 Viettel rows, batches of 3: each job names a range of ids, which the worker reads back as the rows.
    const named = await Promise.all(mine.map((j) => deliveries.idsOfBatch(id, 'sms', 'viettel', j.data as SmsSendJob)));
    expect(named.map((ids) => ids.length).sort()).toEqual([1, 3]);
    const viettelRows: Array<{ id: string }> = await ds.query(
      `SELECT id::text FROM deliveries WHERE campaign_id = $1 AND carrier_code = 'viettel' ORDER BY id`,
      [id],
    );
    expect(named.flat().sort()).toEqual(viettelRows.map((r) => r.id).sort());
    expect(mine.every((j) => (j.data as SmsSendJob).deliveryIds === undefined)).toBe(true);
    // An ordinary campaign's batches stand behind any emergency's (priority 1) in the carrier's queue.
    expect(mine.map((j) => j.opts.priority)).toEqual([NORMAL_PRIORITY, NORMAL_PRIORITY]);
    const vina = (await smsQueues.forCarrier('vinaphone').getJobs(['waiting', 'prioritized'])).filter(
      (j) => j.data.campaignId === id,
    );
    expect(vina).toHaveLength(1);
    // A new dispatch round re-enqueues only rows still queued, under new ids.
    await ds.query(
      `UPDATE deliveries SET status = 'delivered', final_at = now() WHERE campaign_id = $1 AND carrier_code = 'viettel'`,
      [id],
    );
    await fanout.run(id, 1);
    const after = (await smsQueues.forCarrier('viettel').getJobs(['waiting', 'prioritized'])).filter(
      (j) => j.data.campaignId === id,
    );
    expect(after).toHaveLength(2);
  });

  it('cuts queued rows into per-carrier id ranges that name every queued row once, across pages', async () => {
    // 7 Viettel, 3 VinaPhone, 2 MobiFone; the fan-out inserts them in carrier order: MobiFone ids[0..1], Viettel
    // ids[2..8], VinaPhone ids[9..11].
    const numbers = [
      ...Array.from({ length: 7 }, (_, i) => `096400000${i}`),
      ...Array.from({ length: 3 }, (_, i) => `091400000${i}`),
      ...Array.from({ length: 2 }, (_, i) => `090400000${i}`),
    ];
    const { campaignId: id, ids } = await core.fannedOutSmsCampaign(numbers);
    // Rows that must not be named: one sent already, one held until tomorrow.
    await ds.query(`UPDATE deliveries SET status = 'delivered', final_at = now() WHERE id = $1`, [ids[1]]);
    await ds.query(`UPDATE deliveries SET not_before = now() + interval '1 day' WHERE id = $1`, [ids[8]]);
    const named = new Map<string, string>(); // id → carrier of the batch that named it
    const sizes: number[] = [];
    let after = '0';
    for (let pages = 0; ; pages += 1) {
      expect(pages).toBeLessThan(10);
      const page = await deliveries.queuedBatches(id, 'sms', after, 4, 3);
      for (const b of page.batches) {
        const rows = await deliveries.idsOfBatch(id, 'sms', b.carrierCode, { idRange: b });
        expect(rows).toHaveLength(b.rows);
        sizes.push(b.rows);
        for (const r of rows) {
          expect(named.has(r)).toBe(false);
          named.set(r, b.carrierCode!);
        }
      }
      if (page.rows < 4) break;
      after = page.lastId!;
    }
    const queued: Array<{ id: string; carrier_code: string }> = await ds.query(
      `SELECT id::text, carrier_code FROM deliveries
        WHERE campaign_id = $1 AND status = 'queued' AND not_before IS NULL ORDER BY id`,
      [id],
    );
    expect(queued).toHaveLength(10);
    expect([...named.entries()].sort()).toEqual(queued.map((r) => [r.id, r.carrier_code]).sort());
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
    // A range does not name another campaign's rows, nor rows of another carrier or channel inside it.
    const other = await core.fannedOutSmsCampaign(['0964999999']);
    const wide = { idRange: { first: ids[0], last: other.ids[0] } };
    expect(await deliveries.idsOfBatch(id, 'sms', 'mobifone', wide)).toEqual([ids[0]]);
    expect(await deliveries.idsOfBatch(id, 'sms', 'viettel', wide)).toEqual(ids.slice(2, 8));
    expect(await deliveries.idsOfBatch(id, 'email', null, wide)).toEqual([]);
    expect(await deliveries.idsOfBatch(id, 'sms', 'viettel', { deliveryIds: ['1', '2'] })).toEqual(['1', '2']);
    await expect(deliveries.idsOfBatch(id, 'sms', 'viettel', {})).rejects.toThrow(/neither delivery ids nor/);
  });

  it('cuts a fresh fan-out’s batches from the ids its rows just took, an opted-out row inside never named', async () => {
    const viettel = Array.from({ length: 7 }, (_, i) => `096410000${i}`);
    const id = await runningSmsCampaign([...viettel, '0904100000', '0904100001']);
    // Opted out after the campaign was built: the fan-out writes a final opted_out row among Viettel's.
    await core.moduleRef
      .get(OptOutsService)
      .add({ msisdn: '0964100003', source: 'operator' }, actor, actor.organizationId, null);
    await fanout.run(id, 0);
    const rows: Array<{ id: string; carrier_code: string; status: string }> = await ds.query(
      `SELECT id::text, carrier_code, status FROM deliveries WHERE campaign_id = $1 ORDER BY id`,
      [id],
    );
    const viettelRows = rows.filter((r) => r.carrier_code === 'viettel');
    expect(viettelRows.map((r) => r.status).filter((s) => s === 'opted_out')).toHaveLength(1);
    const jobs = (await smsQueues.forCarrier('viettel').getJobs(['waiting', 'prioritized'])).filter(
      (j) => j.data.campaignId === id,
    );
    const ranges = jobs
      .map((j) => (j.data as SmsSendJob).idRange!)
      .sort((a, b) => Number(BigInt(a.first) - BigInt(b.first)));
    // Cut from the span of 7 consecutive ids, 3 ids a batch (reading back would have put 3 queued rows in 4 ids).
    expect(ranges.map((r) => Number(BigInt(r.last) - BigInt(r.first)) + 1)).toEqual([3, 3, 1]);
    expect(ranges[0].first).toBe(viettelRows[0].id);
    expect(ranges.at(-1)!.last).toBe(viettelRows.at(-1)!.id);
    const named = (
      await Promise.all(ranges.map((idRange) => deliveries.idsOfBatch(id, 'sms', 'viettel', { idRange })))
    ).flat();
    expect(named).toEqual(viettelRows.filter((r) => r.status === 'queued').map((r) => r.id));
    const mobifone = (await smsQueues.forCarrier('mobifone').getJobs(['waiting', 'prioritized'])).filter(
      (j) => j.data.campaignId === id,
    );
    expect(mobifone.map((j) => (j.data as SmsSendJob).idRange)).toEqual([
      {
        first: rows.find((r) => r.carrier_code === 'mobifone')!.id,
        last: rows.filter((r) => r.carrier_code === 'mobifone')[1].id,
      },
    ]);
  });

  it('lets exactly one of two concurrent workers claim a row', async () => {
    const id = await runningSmsCampaign(['0971000001']);
    await fanout.run(id, 0);
    const [{ id: rowId }]: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    const results = await Promise.all(Array.from({ length: 8 }, () => deliveries.claimOne(id, String(rowId))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('claims a chunk in one statement (only rows still queued) and records mixed outcomes a statement per kind', async () => {
    const numbers = Array.from({ length: 6 }, (_, i) => `09710030${String(i).padStart(2, '0')}`);
    const { campaignId: id, ids } = await core.fannedOutSmsCampaign(numbers);
    expect(await deliveries.claimOne(id, ids[1])).not.toBeNull(); // another worker owns this one
    const claimed = await deliveries.claimMany(id, ids);
    expect(claimed.map((r) => r.id)).toEqual(ids.filter((x) => x !== ids[1]));
    expect(await deliveries.claimMany(id, ids)).toEqual([]); // nothing twice
    await deliveries.markSentMany([
      { id: ids[0], providerMessageId: 'm-0', final: false },
      { id: ids[2], providerMessageId: 'p-2-1', final: false, partIds: ['p-2-1', 'p-2-2'] },
      { id: ids[1], providerMessageId: 'not-mine', final: false }, // still `sending` but claimed elsewhere: CAS holds
    ]);
    await deliveries.markEndedMany('failed', [{ id: ids[3], error: 'ESME_RINVDSTADR' }]);
    await deliveries.markEndedMany('unknown', [{ id: ids[4], error: 'connection lost' }]);
    const rows: Array<{ status: string; provider_message_id: string | null; parts: number }> = await ds.query(
      `SELECT d.status, d.provider_message_id, d.parts FROM deliveries d WHERE d.campaign_id = $1 ORDER BY d.id`,
      [id],
    );
    expect(rows.map((r) => [r.status, r.provider_message_id, r.parts])).toEqual([
      ['sent', 'm-0', 1],
      ['sent', 'not-mine', 1],
      ['sent', 'p-2-1', 2],
      ['failed', null, 1],
      ['unknown', null, 1],
      ['sending', null, 1],
    ]);
    const parts: Array<{ seq: number; provider_message_id: string }> = await ds.query(
      `SELECT seq, provider_message_id FROM delivery_parts WHERE delivery_id = $1 ORDER BY seq`,
      [ids[2]],
    );
    expect(parts).toEqual([
      { seq: 1, provider_message_id: 'p-2-1' },
      { seq: 2, provider_message_id: 'p-2-2' },
    ]);
  });

  it('stores outcomes and claims the next rows in one statement, answering the receipts kept for earlier ids', async () => {
    const numbers = Array.from({ length: 6 }, (_, i) => `09710031${String(i).padStart(2, '0')}`);
    const { campaignId: id, ids } = await core.fannedOutSmsCampaign(numbers);
    await deliveries.claimMany(id, ids.slice(0, 2));
    expect(await deliveries.claimOne(id, ids[3])).not.toBeNull(); // another worker owns this one
    await deliveries.markSentMany([{ id: ids[0], providerMessageId: 'sc-0', final: false }]);
    await early.keep('viettel', 'sc-0', 'delivered', null, 100); // came before the id was stored
    const { claimed, kept } = await deliveries.storeAndClaim(
      id,
      [{ id: ids[1], providerMessageId: 'sc-1', final: false, partIds: ['sc-1', 'sc-1b'] }],
      { carrierCode: 'viettel', providerMessageIds: ['sc-0'] },
      [ids[4], ids[3], ids[2]],
    );
    expect(claimed.map((r) => r.id)).toEqual([ids[4], ids[2]]); // in the order asked, only rows still queued
    expect(claimed[0]).toEqual({ id: ids[4], recipientKey: `84${numbers[4].slice(1)}`, carrierCode: 'viettel' });
    expect(kept).toEqual([{ providerMessageId: 'sc-0', outcome: 'delivered', error: null }]);
    const rows: Array<{ status: string; provider_message_id: string | null; parts: number }> = await ds.query(
      `SELECT status, provider_message_id, parts FROM deliveries WHERE campaign_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((r) => [r.status, r.provider_message_id, r.parts])).toEqual([
      ['sent', 'sc-0', 1],
      ['sent', 'sc-1', 2],
      ['sending', null, 1],
      ['sending', null, 1],
      ['sending', null, 1],
      ['queued', null, 1],
    ]);
    const parts: unknown[] = await ds.query(`SELECT seq FROM delivery_parts WHERE delivery_id = $1`, [ids[1]]);
    expect(parts).toHaveLength(2);
    await early.forget('viettel', ['sc-0']);
  });

  it('reads a batch’s campaign, carrier and SMS plan in one statement, as the three reads one by one would', async () => {
    const id = await runningSmsCampaign(['0971004000']);
    const batches = core.moduleRef.get(SmsBatchRepository);
    const joined = await batches.context(id, 'viettel');
    expect(joined.campaign).toBeInstanceOf(CampaignEntity);
    expect(joined.campaign).toEqual(await ds.getRepository(CampaignEntity).findOneByOrFail({ id }));
    expect(joined.carrier).toEqual(await ds.getRepository(CarrierEntity).findOneByOrFail({ code: 'viettel' }));
    expect(joined.plan).toEqual(
      await ds.getRepository(ChannelPlanEntity).findOneByOrFail({ campaignId: id, channel: 'sms' }),
    );
    expect(joined.campaign.startsAt).toBeInstanceOf(Date);
    await expect(batches.context(id, 'no-such-carrier')).rejects.toThrow(/CarrierEntity/);
  });

  it('tells a receipt that raced ahead of its submit response apart from one already applied', async () => {
    const id = await runningSmsCampaign(['0981000001']);
    await fanout.run(id, 0);
    const [{ id: rowId }]: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    expect((await deliveries.applyReceipt('viettel', 'msg-1', 'delivered', null)).result).toBe('no-such-message');
    await deliveries.claimOne(id, String(rowId));
    await deliveries.markSent(String(rowId), 'msg-1', false);
    expect(await deliveries.applyReceipt('viettel', 'msg-1', 'delivered', null)).toEqual({
      result: 'applied',
      campaignId: id,
    });
    expect((await deliveries.applyReceipt('viettel', 'msg-1', 'delivered', null)).result).toBe('already-final');
  });

  it('shares receipt questions between workers: each waiting message is claimed once per interval', async () => {
    const numbers = Array.from({ length: 12 }, (_, i) => `09610020${String(i).padStart(2, '0')}`);
    const id = await runningSmsCampaign(numbers);
    await fanout.run(id, 0);
    const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1 ORDER BY id`, [
      id,
    ]);
    for (const [i, r] of rows.entries()) {
      await deliveries.claimOne(id, String(r.id));
      // Two-part messages for the last two rows: the parts are asked about, not the message.
      const parts = i >= 10 ? [`p-${i}-1`, `p-${i}-2`] : [];
      await deliveries.markSent(String(r.id), parts[0] ?? `m-${i}`, false, parts);
    }
    await ds.query(`UPDATE deliveries SET sent_at = now() - interval '1 hour' WHERE campaign_id = $1`, [id]);
    await ds.query(`UPDATE deliveries SET sent_at = now() WHERE id = $1`, [rows[0].id]); // too recent to ask about
    await deliveries.applyReceipt('viettel', 'm-1', 'delivered', null); // its receipt came: nothing to ask
    await deliveries.applyReceipt('viettel', 'p-11-1', 'delivered', null); // one part's receipt came

    const [a, b] = await Promise.all([
      deliveries.claimAwaitingReceipt('viettel', 600, 1800, 100),
      deliveries.claimAwaitingReceipt('viettel', 600, 1800, 100),
    ]);
    const asked = [...a, ...b].map((x) => x.providerMessageId).sort();
    expect(asked).toEqual(
      ['m-2', 'm-3', 'm-4', 'm-5', 'm-6', 'm-7', 'm-8', 'm-9', 'p-10-1', 'p-10-2', 'p-11-2'].sort(),
    );
    expect(new Set(asked).size).toBe(asked.length); // no message asked by both workers
    expect(await deliveries.claimAwaitingReceipt('viettel', 600, 1800, 100)).toEqual([]); // asked a moment ago
    expect(await deliveries.claimAwaitingReceipt('mobifone', 600, 0, 100)).toEqual([]); // another carrier's rows
  });

  it('gives the batch back unasked when the carrier cannot be asked (SMPP session not bound)', async () => {
    const numbers = Array.from({ length: 3 }, (_, i) => `09610030${String(i).padStart(2, '0')}`);
    const id = await runningSmsCampaign(numbers);
    await fanout.run(id, 0);
    const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1`, [id]);
    for (const [i, r] of rows.entries()) {
      await deliveries.claimOne(id, String(r.id));
      await deliveries.markSent(String(r.id), `unbound-${i}`, false);
    }
    await ds.query(`UPDATE deliveries SET sent_at = now() - interval '1 hour' WHERE campaign_id = $1`, [id]);
    // A real SMPP provider whose session never connected: every query fails as NOT_BOUND.
    const unbound = new SmppProvider('viettel', { host: '127.0.0.1', port: 9, systemId: 'x', password: 'x' });
    const checker = core.moduleRef.get(AwaitingReceiptsService);
    const result = await checker.check(unbound, 'SoTTTT');
    expect(result).toMatchObject({ asked: 1, unanswered: 1, settled: 0 });
    const stamped: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 AND status_queried_at IS NOT NULL`,
      [id],
    );
    expect(Number(stamped[0].n)).toBe(0); // all three are asked again next round
  });

  it('cancelling stops queued rows and the fan-out', async () => {
    const id = await runningSmsCampaign(['0961100001', '0961100002']);
    await fanout.run(id, 0);
    await campaigns.cancel(actor, id, null);
    const statuses: Array<{ status: string }> = await ds.query(`SELECT status FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    const [c]: Array<{ status: string }> = await ds.query(`SELECT status FROM campaigns WHERE id = $1`, [id]);
    expect(c.status).toBe('cancelled');
    await fanout.run(id, 1); // a late fan-out job for a cancelled campaign does nothing
    const again: Array<{ status: string }> = await ds.query(`SELECT status FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    expect(again.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('respects opt-outs made before the campaign, after it was built, and while it is queued', async () => {
    const [{ since }]: Array<{ since: Date }> = await ds.query(`SELECT now() AS since`);
    const optOuts = core.moduleRef.get(OptOutsService);
    await optOuts.add({ msisdn: '096 222 0001', source: 'operator' }, actor, actor.organizationId, null);
    const [directive]: Array<{ id: string }> = await ds.query(
      `INSERT INTO directives (organization_id, raw_text, created_by) VALUES ($1, 'text', $2) RETURNING id`,
      [actor.organizationId, actor.id],
    );
    const { campaign, audience } = await campaigns.create(
      actor,
      {
        directiveId: directive.id,
        title: 'opt-out',
        channels: { sms: { text: 'hi', subscribers: ['0962220001', '0962220002', '0962220003', '0962220004'] } },
      },
      null,
    );
    expect(audience?.optedOut).toBe(1);
    expect(audience?.accepted).toHaveLength(3);
    await optOuts.add(
      { msisdn: '+84962220002', source: 'sms_keyword', carrierCode: 'viettel' },
      actor,
      actor.organizationId,
      null,
    );
    await ds.query(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [campaign.id]);
    await fanout.run(campaign.id, 0);
    const rowsOf = async () =>
      Object.fromEntries(
        (
          (await ds.query(`SELECT recipient_key, status FROM deliveries WHERE campaign_id = $1`, [
            campaign.id,
          ])) as Array<{
            recipient_key: string;
            status: string;
          }>
        ).map((r) => [r.recipient_key, r.status]),
      );
    expect(await rowsOf()).toEqual({ '84962220002': 'opted_out', '84962220003': 'queued', '84962220004': 'queued' });
    const r = await optOuts.add({ msisdn: '0962220003', source: 'operator' }, actor, actor.organizationId, null);
    expect(r.stoppedRows).toBe(1);
    expect((await rowsOf())['84962220003']).toBe('opted_out');
    const again = await optOuts.add({ msisdn: '0962220003', source: 'operator' }, actor, actor.organizationId, null);
    expect(again.created).toBe(false);
    const audit: Array<{ target_id: string }> = await ds.query(
      `SELECT target_id FROM audit_events WHERE action = 'opt_out.add' AND created_at >= $1 ORDER BY created_at`,
      [since],
    );
    expect(audit.map((a) => a.target_id)).toEqual(['…0001', '…0002', '…0003']);
  });

  it('ends a long message only when every part is delivered, or when one part fails', async () => {
    const id = await runningSmsCampaign(['0963330001', '0963330002']);
    await fanout.run(id, 0);
    const rows: Array<{ id: string; recipient_key: string }> = await ds.query(
      `SELECT id, recipient_key FROM deliveries WHERE campaign_id = $1 ORDER BY recipient_key`,
      [id],
    );
    const [a, b] = rows.map((r) => String(r.id));
    for (const [row, prefix] of [
      [a, 'a'],
      [b, 'b'],
    ]) {
      await deliveries.claimOne(id, row);
      await deliveries.markSent(row, `${prefix}1`, false, [`${prefix}1`, `${prefix}2`, `${prefix}3`]);
    }
    const status = async (row: string) =>
      ((await ds.query(`SELECT status FROM deliveries WHERE id = $1`, [row])) as Array<{ status: string }>)[0].status;
    expect(await deliveries.applyReceipt('viettel', 'a1', 'delivered', null)).toEqual({
      result: 'applied',
      campaignId: id,
    });
    expect(await deliveries.applyReceipt('viettel', 'a3', 'delivered', null)).toEqual({
      result: 'applied',
      campaignId: id,
    });
    expect(await status(a)).toBe('sent');
    expect((await deliveries.applyReceipt('viettel', 'a3', 'delivered', null)).result).toBe('already-final');
    expect(await deliveries.applyReceipt('viettel', 'a2', 'delivered', null)).toEqual({
      result: 'applied',
      campaignId: id,
    });
    expect(await status(a)).toBe('delivered');
    expect(await deliveries.applyReceipt('viettel', 'b2', 'failed', 'UNDELIV')).toEqual({
      result: 'applied',
      campaignId: id,
    });
    expect(await status(b)).toBe('failed');
    expect(await deliveries.applyReceipt('viettel', 'b1', 'delivered', null)).toEqual({
      result: 'applied',
      campaignId: id,
    });
    expect(await status(b)).toBe('failed');
  });
});
