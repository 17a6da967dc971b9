import { DataSource } from 'typeorm';
import {
  CampaignReportService,
  CampaignsRepository,
  CampaignsService,
  CarrierResumeService,
  FanoutService,
} from '@loa/campaigns';
import { AuditService } from '@loa/audit';
import { DeliveriesRepository } from '@loa/delivery';
import { APP_CONFIG, AppConfig } from '@loa/config';
import {
  AwaitingReceiptsService,
  CarrierAutoPause,
  CarrierPausesRepository,
  QueuedReceipts,
  ReceiptBatcher,
  SmppProvider,
  SmsProvider,
  SmsBatchRepository,
  SmsDispatchService,
} from '@loa/sms';
import { SmscSimulator, startSmscSimulator } from '../../tools/peers/smsc-simulator';
import { SmsCore, startSmsCore } from '../support/sms-core';

/**
 * Auto-pause on the real send path (PostgreSQL, the SMSC simulator over SMPP): a carrier refusing every message
 * (a blocked sender name) trips the failure window; its sending for that campaign pauses by itself with the pause
 * stored and audited, the rows not yet sent stay queued, a later batch sends nothing; resumed by an operator, the
 * rest go out, and no number is submitted twice.
 */
/** Everything fake timers would replace but `Date`: the clock moves, timers and the event loop stay real. */
const REAL_TIMERS: Array<
  | 'hrtime'
  | 'nextTick'
  | 'performance'
  | 'queueMicrotask'
  | 'setImmediate'
  | 'clearImmediate'
  | 'setInterval'
  | 'clearInterval'
  | 'setTimeout'
  | 'clearTimeout'
> = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];

describe('carrier auto-pause by failure rate (real PostgreSQL, SMSC simulator)', () => {
  const ROWS = 200;
  let core: SmsCore;
  let ds: DataSource;
  let smsc: SmscSimulator;
  let provider: SmppProvider;
  let dispatch: SmsDispatchService;
  let refusing = true;
  /** Every submit_sm the SMSC saw, refused or not, by destination. */
  const submitted: string[] = [];

  beforeAll(async () => {
    core = await startSmsCore({
      SMS_QUIET_HOURS: 'false',
      SMS_DAILY_CAP: '0',
      SMS_AUTO_PAUSE_WINDOW: '20',
      SMS_AUTO_PAUSE_PERCENT: '50',
    });
    ds = core.ds;
    dispatch = core.moduleRef.get(SmsDispatchService);
    smsc = await startSmscSimulator({
      port: 0,
      rejectDestinations: (destination) => {
        submitted.push(destination);
        return refusing;
      },
    });
    provider = new SmppProvider('viettel', { host: smsc.host, port: smsc.port, systemId: 'loa', password: 'x' });
    await provider.start(async () => undefined);
    await ds.query(`UPDATE carriers SET connection = connection || '{"window": 10}'::jsonb WHERE code = 'viettel'`);
  });

  afterAll(async () => {
    await provider?.stop();
    await smsc?.close();
    await core?.close();
  });

  const statuses = async (id: string): Promise<Record<string, number>> => {
    const rows: Array<{ status: string; n: string }> = await ds.query(
      `SELECT status, count(*) AS n FROM deliveries WHERE campaign_id = $1 GROUP BY status`,
      [id],
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  };
  const queuedIds = async (id: string): Promise<string[]> =>
    (
      (await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1 AND status = 'queued' ORDER BY id`, [
        id,
      ])) as Array<{ id: string }>
    ).map((r) => String(r.id));

  it('pauses the carrier for the campaign, keeps the rest queued, and sends them once when resumed', async () => {
    const subscribers = Array.from({ length: ROWS }, (_, i) => `0965${String(100000 + i)}`);
    const id = await core.runningSmsCampaign(subscribers);
    await core.moduleRef.get(FanoutService).run(id, 0);
    const all = await queuedIds(id);
    expect(all).toHaveLength(ROWS);

    const first = await dispatch.sendBatch({ campaignId: id, carrierCode: 'viettel', deliveryIds: all }, provider);
    expect(first).toMatchObject({ stoppedBy: 'carrier-paused' });
    const afterPause = await statuses(id);
    // The window trips at its 20th failure; the batch stops at its next status check (every 50 rows claimed).
    expect(afterPause.failed).toBeGreaterThanOrEqual(20);
    expect(afterPause.queued).toBeGreaterThanOrEqual(ROWS - 80);
    expect(afterPause.failed + afterPause.queued).toBe(ROWS);
    expect(submitted).toHaveLength(afterPause.failed);

    const [pause]: Array<{ failures: number; window_size: number; samples: Array<{ error: string; count: number }> }> =
      await ds.query(`SELECT failures, window_size, samples FROM carrier_pauses WHERE campaign_id = $1`, [id]);
    expect(pause.failures).toBeGreaterThanOrEqual(10);
    expect(pause.window_size).toBe(20);
    expect(pause.samples[0].error).toMatch(/INVDSTADR|destination/i);
    const audits: Array<{ after: { carrier: string } }> = await ds.query(
      `SELECT after FROM audit_events WHERE target_id = $1 AND action = 'campaign.carrier_auto_pause'`,
      [id],
    );
    expect(audits.map((a) => a.after.carrier)).toEqual(['viettel']);

    // Another batch of the same campaign and carrier sends nothing while paused.
    const held = await dispatch.sendBatch(
      { campaignId: id, carrierCode: 'viettel', deliveryIds: await queuedIds(id) },
      provider,
    );
    expect(held).toMatchObject({ stoppedBy: 'carrier-paused', claimed: 0 });
    expect(submitted).toHaveLength(afterPause.failed);

    // Its rows waiting for an operator are not "lost work" the reconciler re-enqueues every few minutes.
    await ds.query(`UPDATE deliveries SET updated_at = now() - interval '1 hour' WHERE campaign_id = $1`, [id]);
    // …even once no batch of the campaign has started for long (the batches above would otherwise say it is alive).
    await ds.query(`UPDATE campaigns SET last_batch_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const requeued = await core.moduleRef.get(CampaignsRepository).bumpDispatchForLostWork(120);
    expect(requeued.map((r) => r.id)).not.toContain(id);

    // The report shows the open pause; an operator resumes it (audited, a new dispatch round).
    const campaigns = core.moduleRef.get(CampaignsService);
    const reports = core.moduleRef.get(CampaignReportService);
    const open = (await reports.report(await campaigns.get(core.editor.organizationId, id))).channels.sms!;
    expect(open.carrierPauses).toEqual([expect.objectContaining({ carrierCode: 'viettel', resumedAt: null })]);
    const [{ dispatch_epoch: before }]: Array<{ dispatch_epoch: number }> = await ds.query(
      `SELECT dispatch_epoch FROM campaigns WHERE id = $1`,
      [id],
    );
    // Another worker counted failures of this campaign before the resume (15 of a window of 20, not yet full).
    const otherWorker = new CarrierAutoPause(
      core.moduleRef.get<AppConfig>(APP_CONFIG),
      core.moduleRef.get(CarrierPausesRepository),
      core.moduleRef.get(AuditService),
      core.moduleRef.get(SmsBatchRepository),
    );
    const campaignRef = { id, organizationId: core.editor.organizationId };
    const before15 = otherWorker.watch(campaignRef, 'viettel');
    for (let i = 0; i < 15; i++) before15.record({ kind: 'rejected', error: 'ESME_RINVDSTADR' });

    refusing = false;
    await core.moduleRef.get(CarrierResumeService).resume(core.editor, id, 'viettel', null);
    const [{ dispatch_epoch: after }]: Array<{ dispatch_epoch: number }> = await ds.query(
      `SELECT dispatch_epoch FROM campaigns WHERE id = $1`,
      [id],
    );
    expect(after).toBe(before + 1);
    await expect(core.moduleRef.get(CarrierResumeService).resume(core.editor, id, 'viettel', null)).rejects.toThrow(
      /not found/,
    );

    const rest = await queuedIds(id);
    const resumed = await dispatch.sendBatch({ campaignId: id, carrierCode: 'viettel', deliveryIds: rest }, provider);
    expect(resumed).toMatchObject({ stoppedBy: null, accepted: rest.length });
    const final = await statuses(id);
    expect(final.queued ?? 0).toBe(0);
    expect((final.sent ?? 0) + (final.delivered ?? 0)).toBe(rest.length);
    // Every number reached the SMSC exactly once: the refused ones were not re-sent, the rest went once.
    expect(submitted).toHaveLength(ROWS);
    expect(new Set(submitted).size).toBe(ROWS);
    // That worker's next batch drops what it counted before the resume: five successes do not re-pause the carrier.
    const afterResume = otherWorker.watch(campaignRef, 'viettel');
    expect(await afterResume.stopped()).toBe(false);
    for (let i = 0; i < 5; i++) afterResume.record({ kind: 'accepted', providerMessageId: `m${i}`, final: false });
    expect(await afterResume.stopped()).toBe(false);
    const pauses: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM carrier_pauses WHERE campaign_id = $1`,
      [id],
    );
    expect(Number(pauses[0].n)).toBe(1);
    const closed = (await reports.report(await campaigns.get(core.editor.organizationId, id))).channels.sms!;
    expect(closed.carrierPauses[0].resumedAt).not.toBeNull();
    const resumeAudit: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM audit_events WHERE target_id = $1 AND action = 'campaign.carrier_resume'`,
      [id],
    );
    expect(Number(resumeAudit[0].n)).toBe(1);
  });

  it("drops what a worker counted before a resume even when its clock runs an hour ahead of the database's", async () => {
    const id = await core.runningSmsCampaign([`0966${String(300000)}`]);
    const campaignRef = { id, organizationId: core.editor.organizationId };
    const pauses = core.moduleRef.get(CarrierPausesRepository);
    const skewed = new CarrierAutoPause(
      core.moduleRef.get<AppConfig>(APP_CONFIG),
      pauses,
      core.moduleRef.get(AuditService),
      core.moduleRef.get(SmsBatchRepository),
    );
    // Only this worker's Date is moved (timers stay real): its windows begin "later" than PostgreSQL's resume.
    jest.useFakeTimers({ now: Date.now() + 3_600_000, doNotFake: REAL_TIMERS });
    try {
      const before = skewed.watch(campaignRef, 'viettel');
      expect(await before.stopped()).toBe(false);
      for (let i = 0; i < 15; i++) before.record({ kind: 'rejected', error: 'ESME_RINVDSTADR' });
      // Another worker paused the carrier meanwhile, and an operator resumed it.
      await pauses.transaction((m) =>
        pauses.pause(m, { campaignId: id, carrierCode: 'viettel', failures: 10, windowSize: 20, samples: [] }),
      );
      await core.moduleRef.get(CarrierResumeService).resume(core.editor, id, 'viettel', null);

      const after = skewed.watch(campaignRef, 'viettel');
      expect(await after.stopped()).toBe(false);
      for (let i = 0; i < 5; i++) after.record({ kind: 'accepted', providerMessageId: `s${i}`, final: false });
      expect(await after.stopped()).toBe(false);
      // A window begun after the resume counts again: 10 refusals of 20 (50 %) pause it.
      for (let i = 0; i < 10; i++) after.record({ kind: 'rejected', error: 'ESME_RINVDSTADR' });
      for (let i = 0; i < 5; i++) after.record({ kind: 'accepted', providerMessageId: `t${i}`, final: false });
      expect(await after.stopped()).toBe(true);
    } finally {
      jest.useRealTimers();
    }
    const rows: Array<{ failures: number; resumed: boolean }> = await ds.query(
      `SELECT failures, resumed_at IS NOT NULL AS resumed FROM carrier_pauses WHERE campaign_id = $1 ORDER BY paused_at`,
      [id],
    );
    expect(rows).toEqual([
      { failures: 10, resumed: true },
      { failures: 10, resumed: false },
    ]);
  });

  it('stops a batch at its next status check when another worker paused the carrier, keeping the rest queued', async () => {
    refusing = false;
    const subscribers = Array.from({ length: 120 }, (_, i) => `0966${String(400000 + i)}`);
    const id = await core.runningSmsCampaign(subscribers);
    await core.moduleRef.get(FanoutService).run(id, 0);
    const pauses = core.moduleRef.get(CarrierPausesRepository);
    let sends = 0;
    // The fifth message waits until another worker's pause is stored: with a window of 10, the batch's status check
    // after 50 claimed rows comes after that message's outcome, so it reads the pause whichever statement runs first.
    const pausedByAnother: SmsProvider = {
      carrierCode: provider.carrierCode,
      start: (onReceipt, onInbound) => provider.start(onReceipt, onInbound),
      isConnected: () => provider.isConnected(),
      queryStatus: (q) => provider.queryStatus(q),
      stop: async () => undefined,
      send: async (sms, pace) => {
        if (++sends === 5) {
          await pauses.transaction((m) =>
            pauses.pause(m, { campaignId: id, carrierCode: 'viettel', failures: 10, windowSize: 20, samples: [] }),
          );
        }
        return provider.send(sms, pace);
      },
    };
    const r = await dispatch.sendBatch(
      { campaignId: id, carrierCode: 'viettel', deliveryIds: await queuedIds(id) },
      pausedByAnother,
    );
    expect(r).toMatchObject({ stoppedBy: 'carrier-paused' });
    const after = await statuses(id);
    // Claimed before the check: sent; the rest stay queued for the operator's resume.
    expect((after.sent ?? 0) + (after.delivered ?? 0)).toBe(sends);
    expect(sends).toBeGreaterThanOrEqual(50);
    expect(after.queued).toBe(subscribers.length - sends);
    expect(after.queued).toBeGreaterThan(0);
  });

  it('does not pause below the threshold', async () => {
    refusing = false;
    let n = 0;
    // One refusal in four (25 %, under the 50 % threshold).
    const subscribers = Array.from({ length: 60 }, (_, i) => `0966${String(200000 + i)}`);
    const id = await core.runningSmsCampaign(subscribers);
    await core.moduleRef.get(FanoutService).run(id, 0);
    const quarter = await startSmscSimulator({ port: 0, rejectDestinations: () => n++ % 4 === 0 });
    const p = new SmppProvider('viettel', { host: quarter.host, port: quarter.port, systemId: 'loa', password: 'x' });
    await p.start(async () => undefined);
    try {
      const r = await dispatch.sendBatch(
        { campaignId: id, carrierCode: 'viettel', deliveryIds: await queuedIds(id) },
        p,
      );
      expect(r).toMatchObject({ stoppedBy: null, rejected: 15, accepted: 45 });
      const pauses: unknown[] = await ds.query(`SELECT 1 FROM carrier_pauses WHERE campaign_id = $1`, [id]);
      expect(pauses).toHaveLength(0);
    } finally {
      await p.stop();
      await quarter.close();
    }
  });

  it('pauses a carrier that accepts every message and then reports it undelivered (UNDELIV receipts)', async () => {
    refusing = false;
    const subscribers = Array.from({ length: 60 }, (_, i) => `0967${String(300000 + i)}`);
    const id = await core.runningSmsCampaign(subscribers);
    await core.moduleRef.get(FanoutService).run(id, 0);
    // Accepts everything, then says UNDELIV for every message (a sender name blocked at the carrier's side).
    const undelivering = await startSmscSimulator({ port: 0, failureRate: 1, receiptDelayMs: 20 });
    const p = new SmppProvider('viettel', {
      host: undelivering.host,
      port: undelivering.port,
      systemId: 'loa',
      password: 'x',
    });
    const batcher = core.moduleRef.get(ReceiptBatcher);
    await p.start((r) => batcher.receipt(r));
    try {
      const ids = await queuedIds(id);
      const first = await dispatch.sendBatch(
        { campaignId: id, carrierCode: 'viettel', deliveryIds: ids.slice(0, 20) },
        p,
      );
      expect(first).toMatchObject({ stoppedBy: null, accepted: 20 });
      await undelivering.waitForReceipts(20, 10_000);
      const pause = await waitFor(async () => {
        const rows: Array<{ failures: number; samples: Array<{ error: string }> }> = await ds.query(
          `SELECT failures, samples FROM carrier_pauses WHERE campaign_id = $1 AND resumed_at IS NULL`,
          [id],
        );
        return rows[0];
      });
      expect(pause.failures).toBe(20);
      expect(pause.samples[0].error).toMatch(/UNDELIV/);
      const audits: unknown[] = await ds.query(
        `SELECT 1 FROM audit_events WHERE target_id = $1 AND action = 'campaign.carrier_auto_pause'`,
        [id],
      );
      expect(audits).toHaveLength(1);
      // The rest of the campaign waits for an operator: nothing more reaches the carrier.
      const held = await dispatch.sendBatch(
        { campaignId: id, carrierCode: 'viettel', deliveryIds: await queuedIds(id) },
        p,
      );
      expect(held).toMatchObject({ stoppedBy: 'carrier-paused', claimed: 0 });
      expect(undelivering.counts().submissions).toBe(20);
    } finally {
      await p.stop();
      await undelivering.close();
    }
  });

  /** A running SMS campaign to `n` Viettel numbers from `first` (0969…), its rows written. */
  async function fannedOutCampaign(n: number, first: number): Promise<string> {
    return (await core.fannedOutSmsCampaign(Array.from({ length: n }, (_, i) => `0${first + i}`))).campaignId;
  }

  /** Every queued row of the campaign in one batch, through `p`. */
  async function sendAll(campaignId: string, p: SmppProvider) {
    return dispatch.sendBatch({ campaignId, carrierCode: 'viettel', deliveryIds: await queuedIds(campaignId) }, p);
  }

  /** The campaign's open pauses of Viettel, with the failures that tripped each. */
  async function openPauses(campaignId: string): Promise<Array<{ failures: number }>> {
    return ds.query(
      `SELECT failures FROM carrier_pauses WHERE campaign_id = $1 AND carrier_code = 'viettel' AND resumed_at IS NULL`,
      [campaignId],
    );
  }

  it('counts receipts that overtook their submit responses too (kept, then applied when the ids are stored)', async () => {
    const id = await fannedOutCampaign(20, 969_600_000);
    // An SMSC that delivers at once and answers late: every UNDELIV receipt comes before its submit_sm_resp, which
    // waits until the receipt is acknowledged (so handled: the session acknowledges once its handler has run).
    const hasty = await startSmscSimulator({
      port: 0,
      failureRate: 1,
      receiptBeforeResponse: true,
      responseAfterReceiptAcknowledged: true,
    });
    const p = new SmppProvider('viettel', { host: hasty.host, port: hasty.port, systemId: 'loa', password: 'x' });
    const queued = core.moduleRef.get(QueuedReceipts);
    const results: string[] = [];
    // As the receipts processor would: a receipt for an id not stored yet is kept.
    await p.start(async (r) => {
      results.push(await queued.apply(r, 100));
    });
    try {
      expect(await sendAll(id, p)).toMatchObject({ stoppedBy: null, accepted: 20 });
      await waitFor(async () => (results.length === 20 ? true : undefined)); // every receipt handled
      expect(results.filter((r) => r === 'kept')).toHaveLength(20);
      expect(await openPauses(id)).toEqual([{ failures: 20 }]);
    } finally {
      await p.stop();
      await hasty.close();
    }
  });

  it('counts the answers of status queries too: receipts lost, the carrier asked, UNDELIV each time → paused', async () => {
    const id = await fannedOutCampaign(20, 969_500_000);
    // Undelivered, and every receipt lost on the carrier's side: only a query_sm tells.
    const silent = await startSmscSimulator({ port: 0, failureRate: 1, receiptDelayMs: 10, loseReceipts: () => true });
    const p = new SmppProvider('viettel', { host: silent.host, port: silent.port, systemId: 'loa', password: 'x' });
    await p.start(async () => undefined);
    try {
      expect(await sendAll(id, p)).toMatchObject({ stoppedBy: null, accepted: 20 });
      await ds.query(`UPDATE deliveries SET sent_at = now() - interval '1 hour' WHERE campaign_id = $1`, [id]);
      // The simulator ends each message after its receipt delay (the receipt itself never goes out).
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [{ sender_name: sender }]: Array<{ sender_name: string }> = await ds.query(
        `SELECT sender_name FROM carriers WHERE code = 'viettel'`,
      );
      const asked = await core.moduleRef.get(AwaitingReceiptsService).check(p, sender);
      expect(asked).toMatchObject({ asked: 20, settled: 20 });
      expect(await openPauses(id)).toEqual([{ failures: 20 }]);
    } finally {
      await p.stop();
      await silent.close();
    }
  });

  it('counts receipts from the receipts queue too: long messages whose parts come back UNDELIV pause it', async () => {
    const subscribers = Array.from({ length: 30 }, (_, i) => `0968${String(400000 + i)}`);
    const id = await core.runningSmsCampaign(subscribers);
    await core.moduleRef.get(FanoutService).run(id, 0);
    // 20 two-part messages handed to the carrier (as the send path stores them), 10 still queued.
    const deliveries = core.moduleRef.get(DeliveriesRepository);
    const claimed = await deliveries.claimMany(id, (await queuedIds(id)).slice(0, 20));
    await deliveries.markSentMany(
      claimed.map((r, i) => ({
        id: r.id,
        providerMessageId: `long-${i}.1`,
        final: false,
        partIds: [`long-${i}.1`, `long-${i}.2`],
      })),
    );
    const queued = core.moduleRef.get(QueuedReceipts);
    for (let i = 0; i < 20; i++) {
      const result = await queued.apply(
        {
          carrierCode: 'viettel',
          providerMessageId: `long-${i}.2`,
          outcome: 'failed',
          providerStatus: 'UNDELIV',
          errorCode: '034',
        },
        100,
      );
      expect(result).toBe('applied');
    }
    const paused: Array<{ failures: number; samples: Array<{ error: string }> }> = await ds.query(
      `SELECT failures, samples FROM carrier_pauses WHERE campaign_id = $1 AND resumed_at IS NULL`,
      [id],
    );
    expect(paused).toHaveLength(1);
    expect(paused[0].failures).toBe(20);
    expect(paused[0].samples[0].error).toMatch(/UNDELIV/);
    expect(await statuses(id)).toMatchObject({ failed: 20, queued: 10 });
  });
});

/** Polls until `read` gives a value (receipts are settled in the background), at most 10 s. */
async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (const started = Date.now(); Date.now() - started < 10_000;) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not within 10 s');
}
