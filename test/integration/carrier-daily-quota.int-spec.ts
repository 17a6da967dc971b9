import { DataSource } from 'typeorm';
import { CampaignReportService, CampaignsService, FanoutService } from '@loa/campaigns';
import { CarrierTermsService, SmppProvider, SmsBatchRepository, SmsDispatchService } from '@loa/sms';
import { SmscSimulator, startSmscSimulator } from '../../tools/peers/smsc-simulator';
import { SmsCore, startSmsCore } from '../support/sms-core';

/**
 * A carrier's daily quota (`connection.dailyQuota`) held in PostgreSQL across batches and campaigns, sending
 * through the SMSC simulator: what is past the quota waits for the next local day, an emergency goes over it.
 */
describe('carrier daily quota (real PostgreSQL, SMSC simulator)', () => {
  const QUOTA = 5;
  let core: SmsCore;
  let ds: DataSource;
  let smsc: SmscSimulator;
  let provider: SmppProvider;
  let dispatch: SmsDispatchService;
  let nextNumber = 3_000_000;

  beforeAll(async () => {
    core = await startSmsCore({ SMS_QUIET_HOURS: 'false', SMS_DAILY_CAP: '0' });
    ds = core.ds;
    dispatch = core.moduleRef.get(SmsDispatchService);
    smsc = await startSmscSimulator({ port: 0 });
    provider = new SmppProvider('viettel', {
      host: smsc.host,
      port: smsc.port,
      systemId: 'loa-viettel',
      password: 'demo-smpp',
    });
    await provider.start(async () => undefined);
    await ds.query(
      `UPDATE carriers SET connection = connection || jsonb_build_object('dailyQuota', $1::int) WHERE code = 'viettel'`,
      [QUOTA],
    );
  });

  afterAll(async () => {
    await provider?.stop();
    await smsc?.close();
    await core?.close();
  });

  /** A running campaign to `n` new Viettel numbers, fanned out: its id and row ids. */
  async function campaignOf(n: number): Promise<{ id: string; rows: string[] }> {
    const subscribers = Array.from({ length: n }, () => `096${String(nextNumber++)}`);
    const id = await core.runningSmsCampaign(subscribers);
    await core.moduleRef.get(FanoutService).run(id, 0);
    const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1 ORDER BY id`, [
      id,
    ]);
    return { id, rows: rows.map((r) => String(r.id)) };
  }

  /** The local day in Vietnam of `at` (YYYY-MM-DD) and the instant the next one starts. */
  const vietnamDay = (at: Date): { day: string; next: string } => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(at);
    const next = new Date(`${day}T00:00:00+07:00`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { day, next: next.toISOString() };
  };

  const rowsOf = (
    campaignId: string,
  ): Promise<Array<{ status: string; not_before: Date | null; last_error: string }>> =>
    ds.query(`SELECT status, not_before, last_error FROM deliveries WHERE campaign_id = $1 ORDER BY id`, [campaignId]);

  it('sends up to the quota across batches and campaigns; the rest waits for the next local day', async () => {
    await ds.query(`DELETE FROM carrier_daily_counts`); // today's count starts here, whatever ran before
    const a = await campaignOf(8);
    const before = smsc.submissions.length;
    const firstBatch = await dispatch.sendBatch(
      { campaignId: a.id, carrierCode: 'viettel', deliveryIds: a.rows },
      provider,
    );
    expect(firstBatch).toMatchObject({ accepted: QUOTA, deferred: 3 });
    const b = await campaignOf(2);
    const second = await dispatch.sendBatch(
      { campaignId: b.id, carrierCode: 'viettel', deliveryIds: b.rows },
      provider,
    );
    const { day, next } = vietnamDay(new Date());
    expect(second).toMatchObject({ accepted: 0, deferred: 2 });
    expect(smsc.submissions.length - before).toBe(QUOTA);

    const waiting = [...(await rowsOf(a.id)).filter((r) => r.status === 'queued'), ...(await rowsOf(b.id))];
    expect(waiting).toHaveLength(5);
    for (const r of waiting) {
      expect(r.status).toBe('queued');
      expect(new Date(r.not_before!).toISOString()).toBe(next); // the next local day, 00:00 in Vietnam
      expect(r.last_error).toContain(`daily quota of ${QUOTA} reached`);
    }
    const [count]: Array<{ count: number }> = await ds.query(
      `SELECT count FROM carrier_daily_counts WHERE carrier_code = 'viettel' AND day = $1`,
      [day],
    );
    expect(count.count).toBe(QUOTA);
    // The report says what waits, for which carrier, why and until when.
    const reports = core.moduleRef.get(CampaignReportService);
    const campaigns = core.moduleRef.get(CampaignsService);
    const reportOf = async (id: string) =>
      (await reports.report(await campaigns.get(core.editor.organizationId, id))).channels.sms!.waiting;
    expect(await reportOf(a.id)).toEqual([{ carrierCode: 'viettel', reason: 'carrier_quota', rows: 3, until: next }]);
    expect(await reportOf(b.id)).toEqual([{ carrierCode: 'viettel', reason: 'carrier_quota', rows: 2, until: next }]);
  });

  it('hands out a day’s quota exactly once to workers taking it at the same moment, whoever makes the count', async () => {
    const batches = core.moduleRef.get(SmsBatchRepository);
    const quota = 50;
    for (const day of ['2031-02-03', '2031-02-04']) {
      // 12 takes of 7 at once on their own connections (84 wanted of 50); on the first day none has a count yet.
      if (day === '2031-02-04') {
        await ds.query(`INSERT INTO carrier_daily_counts (carrier_code, day, count) VALUES ('viettel', $1, 3)`, [day]);
      }
      const start = day === '2031-02-04' ? 3 : 0;
      const takes = await Promise.all(
        Array.from({ length: 12 }, () => batches.takeCarrierQuota('viettel', day, 7, quota, false)),
      );
      const granted = takes.map((t) => t.granted);
      expect(granted.reduce((a, b) => a + b, 0)).toBe(quota - start);
      for (const t of takes) expect(t.granted === 0 || t.total <= quota).toBe(true);
      // Each grant ends where the count stood after it: the totals of the takes that got some are all different.
      const totals = takes.filter((t) => t.granted > 0).map((t) => t.total);
      expect(new Set(totals).size).toBe(totals.length);
      expect(Math.max(...totals)).toBe(quota);
      const [row]: Array<{ count: number }> = await ds.query(
        `SELECT count FROM carrier_daily_counts WHERE carrier_code = 'viettel' AND day = $1`,
        [day],
      );
      expect(row.count).toBe(quota);
    }
    // An emergency takes what it asks for, past the quota; a take of nothing changes nothing.
    expect(await batches.takeCarrierQuota('viettel', '2031-02-03', 4, quota, true)).toEqual({ granted: 4, total: 54 });
    expect(await batches.takeCarrierQuota('viettel', '2031-02-03', 4, quota, false)).toEqual({ granted: 0, total: 54 });
    expect(await batches.takeCarrierQuota('viettel', '2031-02-03', 0, quota, false)).toEqual({ granted: 0, total: 0 });
  });

  it('shows each carrier’s terms and today’s count for the console', async () => {
    const terms = await core.moduleRef.get(CarrierTermsService).list();
    const viettel = terms.find((t) => t.code === 'viettel')!;
    const { day } = vietnamDay(new Date());
    expect(viettel).toMatchObject({ dailyQuota: QUOTA, day, window: 100, maxSegments: 8, senderName: 'SoTTTT-ST' });
    const [{ count }]: Array<{ count: number }> = await ds.query(
      `SELECT count FROM carrier_daily_counts WHERE carrier_code = 'viettel' AND day = $1`,
      [day],
    );
    expect(viettel.sentToday).toBe(Number(count));
    expect(viettel.sentToday).toBeGreaterThan(0);
    expect(terms.find((t) => t.code === 'vinaphone')).toMatchObject({ dailyQuota: null, sentToday: 0 });
  });
  it('lets an emergency campaign go over the quota, audited once per batch', async () => {
    const c = await campaignOf(QUOTA + 3); // over the quota whatever else was sent today
    await ds.query(`UPDATE campaigns SET emergency = true WHERE id = $1`, [c.id]);
    const r = await dispatch.sendBatch({ campaignId: c.id, carrierCode: 'viettel', deliveryIds: c.rows }, provider);
    expect(r).toMatchObject({ accepted: QUOTA + 3, deferred: 0 });
    const audits: Array<{ n: number }> = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'campaign.carrier_quota_override' AND target_id = $1`,
      [c.id],
    );
    expect(audits[0].n).toBe(1);
  });
});
