import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@loa/config';
import { emailWindow } from '@loa/email';
import type { CampaignReportJson } from '../../tools/run/demo-campaign';
import { LoaClient, LoaHttpError } from '../../tools/run/loa-client';
import { startSmscSimulator } from '../../tools/peers/smsc-simulator';
import { waitUntil } from '../../tools/run/processes';
import { launchSmsCampaign, loginAs, submitApproveLaunch, untilCompleted } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
/** The carrier's SMPP window in these tests (the default is 100). */
const WINDOW = 10;

jest.setTimeout(120_000);

/** n distinct Viettel numbers, written the way people type them. */
function viettelNumbers(n: number, offset: number): string[] {
  return Array.from({ length: n }, (_, i) => `096 ${String(1_000_000 + offset + i).slice(0, 7)}`);
}

describe('faults: crash, cancel, bad input (api + worker processes, real peers)', () => {
  let stack: Stack;
  let editor: LoaClient;
  let approver: LoaClient;
  let admin: LoaClient;
  let directiveId: string;

  beforeAll(async () => {
    stack = await startStack();
    editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
    admin = await loginAs(stack.baseUrl, stack.seed, 'admin');
    directiveId = (await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER })).id;
    // A small SMPP window, so that "at most one window unknown" is a tight bound on 120 and 60 messages.
    await stack.ds.query(
      `UPDATE carriers SET connection = connection || jsonb_build_object('window', $1::int) WHERE code = 'viettel'`,
      [WINDOW],
    );
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const launchSms = (subscribers: string[]): Promise<string> =>
    launchSmsCampaign(editor, approver, {
      directiveId,
      title: 'Kiểm thử sự cố / fault test',
      text: 'Loa: thong bao kiem thu',
      subscribers,
    });

  async function rows(campaignId: string): Promise<Array<{ recipient_key: string; status: string }>> {
    return stack.ds.query(`SELECT recipient_key, status FROM deliveries WHERE campaign_id = $1`, [campaignId]);
  }

  it('a worker killed with SIGKILL mid-send and restarted sends nothing twice and drops nothing', async () => {
    stack.peers.smscOptions.latencyMs = 300;
    const numbers = viettelNumbers(120, 0);
    const before = stack.peers.smsc.submissions.length;
    const id = await launchSms(numbers);
    await waitUntil('20 submissions', async () => stack.peers.smsc.submissions.length - before >= 20, 30_000, 50).catch(
      (e: Error) => {
        // Diagnose a stall: what the worker said, and where the rows are.
        throw new Error(`${e.message}\n--- worker ---\n${stack.worker.output().slice(-6000)}`);
      },
    );
    await stack.worker.kill();
    const atKill = stack.peers.smsc.submissions.length - before;
    expect(atKill).toBeLessThan(120);
    await stack.startWorker();
    const report = await untilCompleted<CampaignReportJson>(editor, id, 90_000);
    const submitted = stack.peers.smsc.submissions.slice(before).map((s) => s.destination);
    expect(new Set(submitted).size).toBe(submitted.length); // nothing sent twice
    const final = await rows(id);
    expect(final).toHaveLength(120);
    for (const r of final) {
      // delivered: submitted once; unknown: in flight when killed, reported and never re-sent.
      expect(['delivered', 'unknown']).toContain(r.status);
      if (r.status === 'delivered') expect(submitted).toContain(r.recipient_key);
    }
    // At most one window of messages was claimed and not yet recorded when the worker died, though two batches were
    // running (SMS_BATCHES_AT_ONCE): they share the session's window (20 unknown when each had its own).
    expect(report.channels.sms!.unknown).toBeLessThanOrEqual(WINDOW);
    expect(report.channels.sms!.delivered + report.channels.sms!.unknown).toBe(120);
    stack.peers.smscOptions.latencyMs = 0;
  });

  it('an e-mail worker killed mid-send, two batches sharing its window: no agency e-mailed twice, at most one window unknown', async () => {
    // 450 agencies: batches of 200, 200 and 50, two of them running at once in the worker (EMAIL_BATCHES_AT_ONCE).
    const AGENCIES = 450;
    const PROCESS_WINDOW = emailWindow(loadConfig({}).smtp); // 20 with the default 5 connections
    await stack.ds.query(
      `INSERT INTO agencies (organization_id, code, name, email, group_code)
       SELECT $1, 'su-co-' || g, 'Cơ quan kiểm thử sự cố ' || g, 'su-co-' || g || '@agency.test', 'kiem-thu-su-co'
         FROM generate_series(1, $2::int) g`,
      [stack.seed.organizationId, AGENCIES],
    );
    stack.peers.smtpOptions.acceptDelayMs = 150; // a slow relay: the window fills, the batches overlap
    const { id } = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId,
      title: 'Kiểm thử sự cố thư điện tử / e-mail fault test',
      channels: { email: { agencyGroups: ['kiem-thu-su-co'] } },
    });
    await submitApproveLaunch(editor, approver, id);
    const mailsOf = () => stack.peers.smtp.messages.filter((m) => m.headers['x-loa-campaign'] === id);
    await waitUntil('60 e-mails accepted', async () => mailsOf().length >= 60, 60_000, 50);
    await stack.worker.kill();
    const atKill = mailsOf().length;
    expect(atKill).toBeLessThan(AGENCIES);
    const sending: Array<{ n: string }> = await stack.ds.query(
      `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 AND status = 'sending'`,
      [id],
    );
    // Both batches were running: more than one batch's rows would be in flight without the shared window.
    expect(Number(sending[0].n)).toBeLessThanOrEqual(PROCESS_WINDOW);
    stack.peers.smtpOptions.acceptDelayMs = 0;
    await stack.startWorker();
    const report = await untilCompleted<CampaignReportJson>(editor, id, 90_000);
    const received = mailsOf().flatMap((m) => m.envelopeTo);
    expect(new Set(received).size).toBe(received.length); // no agency e-mailed twice
    const final: Array<{ status: string; email: string }> = await stack.ds.query(
      `SELECT d.status, a.email FROM deliveries d JOIN agencies a ON a.code = d.recipient_key AND a.organization_id = $2
        WHERE d.campaign_id = $1 AND d.channel = 'email'`,
      [id, stack.seed.organizationId],
    );
    expect(final).toHaveLength(AGENCIES);
    for (const r of final) {
      // sent: e-mailed once; unknown: in flight when the worker died, reported and never sent again.
      expect(['sent', 'unknown']).toContain(r.status);
      if (r.status === 'sent') expect(received).toContain(r.email);
    }
    const email = report.channels.email!;
    expect(email.unknown).toBeGreaterThan(0);
    expect(email.unknown).toBeLessThanOrEqual(PROCESS_WINDOW);
    expect(email.sent + email.unknown).toBe(AGENCIES);
  });

  it('an SMSC that drops every connection mid-batch and comes back: nothing lost, nothing doubled', async () => {
    const first = stack.peers.smsc;
    const port = first.port;
    first.submissions.length = 0;
    stack.peers.smscOptions.latencyMs = 150;
    const id = await launchSms(viettelNumbers(60, 20000));
    await waitUntil('15 submissions', async () => first.submissions.length >= 15, 30_000, 20);
    await first.close(); // the carrier's SMSC goes away mid-batch
    const atDrop = first.submissions.map((s) => s.destination);
    await new Promise((r) => setTimeout(r, 1500));
    // Same live options object, so later tests keep steering the simulator.
    Object.assign(stack.peers.smscOptions, { port, latencyMs: 0 });
    const second = await startSmscSimulator(stack.peers.smscOptions);
    stack.peers.smsc = second;
    try {
      await waitUntil(
        'every row handed over or resolved',
        async () => {
          const rows: Array<{ n: string }> = await stack.ds.query(
            `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1 AND status IN ('queued','sending')`,
            [id],
          );
          return Number(rows[0].n) === 0;
        },
        60_000,
        300,
      );
      const all = [...atDrop, ...second.submissions.map((s) => s.destination)];
      expect(new Set(all).size).toBe(all.length); // nothing submitted twice across the outage
      const final = await rows(id);
      const unknown = final.filter((r) => r.status === 'unknown').length;
      expect(unknown).toBeLessThanOrEqual(WINDOW); // at most the window that was in flight when it dropped
      for (const r of final) {
        expect(['sent', 'delivered', 'unknown']).toContain(r.status);
        if (r.status !== 'unknown') expect(all).toContain(r.recipient_key); // nothing dropped
      }
      expect(final.filter((r) => r.status !== 'unknown').length + unknown).toBe(60);
    } finally {
      stack.peers.smscOptions.latencyMs = 0;
    }
  });

  it('cancel mid-campaign stops further SMS at once', async () => {
    stack.peers.smscOptions.latencyMs = 200;
    const before = stack.peers.smsc.submissions.length;
    const id = await launchSms(viettelNumbers(150, 5000));
    await waitUntil('10 submissions', async () => stack.peers.smsc.submissions.length - before >= 10, 30_000, 50);
    const cancelled = await editor.request<CampaignReportJson>('POST', `/api/campaigns/${id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    const atCancel = stack.peers.smsc.submissions.length - before;
    await new Promise((r) => setTimeout(r, 2500));
    const after = stack.peers.smsc.submissions.length - before;
    expect(after - atCancel).toBeLessThanOrEqual(10); // only what was already in flight
    expect(after).toBeLessThan(150);
    const final = await rows(id);
    const cancelledRows = final.filter((r) => r.status === 'cancelled').length;
    expect(cancelledRows).toBe(150 - after);
    stack.peers.smscOptions.latencyMs = 0;
  });

  it('when the SMSC answers ESME_RTHROTTLED, the carrier queue backs off and every number still gets one message', async () => {
    const before = stack.peers.smsc.submissions.length;
    let seen = 0;
    stack.peers.smscOptions.throttle = () => {
      seen++;
      return seen >= 5 && seen <= 7; // three refusals in the middle of the batch
    };
    try {
      const id = await launchSms(viettelNumbers(30, 9000));
      const report = await untilCompleted<CampaignReportJson>(editor, id, 60_000);
      expect(seen).toBeGreaterThanOrEqual(7);
      expect(report.channels.sms!.delivered).toBe(30);
      const accepted = stack.peers.smsc.submissions.slice(before).map((s) => s.destination);
      expect(new Set(accepted).size).toBe(30);
      expect(accepted).toHaveLength(30); // refused submits are not recorded as accepted; nothing doubled
    } finally {
      stack.peers.smscOptions.throttle = undefined;
    }
  });

  it('sends a long Vietnamese text as ordered UDH parts and completes only when every part is delivered', async () => {
    const before = stack.peers.smsc.submissions.length;
    const text =
      'Sở Thông tin và Truyền thông tỉnh Sóc Trăng kêu gọi cán bộ, công chức và các tầng lớp nhân dân tham gia ủng hộ kinh phí phòng, chống dịch Covid-19 tại vandongxahoi.mattran.org.vn';
    const c = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId,
      title: 'Tin dài / long message',
      channels: { sms: { text, subscribers: ['0961 777 001', '0961 777 002'] } },
    });
    await submitApproveLaunch(editor, approver, c.id);
    const report = await untilCompleted<CampaignReportJson>(editor, c.id, 30_000);
    expect(report.channels.sms!.delivered).toBe(2);
    expect(report.channels.sms!.segments).toBe(6); // what the carrier bills: 2 messages × 3 parts
    const pdus = stack.peers.smsc.submissions.slice(before);
    expect(pdus).toHaveLength(6); // 178 UCS-2 units → 3 parts of ≤ 67 each, for 2 subscribers
    for (const dest of ['84961777001', '84961777002']) {
      const parts = pdus.filter((p) => p.destination === dest);
      expect(parts.map((p) => p.udh?.sequence)).toEqual([1, 2, 3]);
      expect(new Set(parts.map((p) => p.udh?.reference)).size).toBe(1);
      expect(parts.every((p) => p.dataCoding === 8 && (p.esmClass & 0x40) === 0x40)).toBe(true);
      expect(parts.map((p) => p.text).join('')).toBe(text);
    }
  });

  it('fails a number the SMSC refuses for good, and reports the reason per carrier', async () => {
    stack.peers.smscOptions.rejectDestinations = (dest) => dest === '84961555002';
    try {
      const id = await launchSms(['0961 555 001', '0961 555 002']);
      const report = await untilCompleted<CampaignReportJson>(editor, id, 30_000);
      expect(report.channels.sms!.delivered).toBe(1);
      expect(report.channels.sms!.failed).toBe(1);
      expect(report.channels.sms!.byCarrier.viettel.failedByReason).toEqual({ ESME_RINVDSTADR: 1 });
      expect(report.channels.sms!.segments).toBe(1);
    } finally {
      stack.peers.smscOptions.rejectDestinations = undefined;
    }
  });

  it('asks the carriers about receipts that never come (query_sm, Twilio fetch) and reports the true outcome', async () => {
    // Viettel's SMSC (SMPP) loses the receipts of two numbers; Twilio (MobiFone) loses every status callback, and
    // one of its numbers is undeliverable.
    const lostSmpp = new Set(['84961444001', '84961444002']);
    stack.peers.smscOptions.loseReceipts = (submission) => lostSmpp.has(submission.destination);
    stack.peers.twilioOptions.loseCallbacks = () => true;
    stack.peers.twilioOptions.failDestinations = (to) => to === '+84901444002';
    const callbacksBefore = stack.peers.twilio.callbacks.length;
    const queriesBefore = stack.peers.smsc.queries.length;
    try {
      const id = await launchSms(['0961 444 001', '0961 444 002', '0961 444 003', '0901 444 001', '0901 444 002']);
      const report = await waitUntil(
        'campaign with lost receipts completed',
        async () => {
          const r = await editor.request<CampaignReportJson>('GET', `/api/campaigns/${id}`);
          return r.status === 'completed' ? r : null;
        },
        25_000, // below RECEIPT_TIMEOUT_SECONDS: completing by expiry would fail the counts below
        300,
      );
      expect(report.channels.sms).toMatchObject({
        delivered: 4,
        failed: 1,
        expired: 0,
        unknown: 0,
        receiptsQueried: 4,
      });
      expect(report.channels.sms!.byCarrier.viettel.receiptsQueried).toBe(2); // the third receipt came
      expect(report.channels.sms!.byCarrier.mobifone.failedByReason).toEqual({ undelivered: 1 });
      const failedRow: Array<{ last_error: string }> = await stack.ds.query(
        `SELECT last_error FROM deliveries WHERE campaign_id = $1 AND status = 'failed'`,
        [id],
      );
      expect(failedRow).toEqual([{ last_error: 'undelivered err:30003' }]);
      const asked = stack.peers.smsc.queries.slice(queriesBefore);
      const lostIds = stack.peers.smsc.submissions.filter((s) => lostSmpp.has(s.destination)).map((s) => s.messageId);
      expect(new Set(asked.filter((q) => q.messageState === 2).map((q) => q.messageId))).toEqual(new Set(lostIds));
      // The number whose receipt came was never asked about; Twilio posted no callback at all.
      const received = stack.peers.smsc.submissions.find((s) => s.destination === '84961444003')!.messageId;
      expect(asked.some((q) => q.messageId === received)).toBe(false);
      expect(stack.peers.twilio.callbacks.length).toBe(callbacksBefore);
    } finally {
      stack.peers.smscOptions.loseReceipts = undefined;
      stack.peers.twilioOptions.loseCallbacks = undefined;
      stack.peers.twilioOptions.failDestinations = undefined;
    }
  });

  it('asks about each part of a long message whose receipts are lost, and delivers it only when all parts are', async () => {
    stack.peers.smscOptions.loseReceipts = (submission) => submission.destination === '84961444101';
    const queriesBefore = stack.peers.smsc.queries.length;
    try {
      const text =
        'Sở Thông tin và Truyền thông tỉnh Sóc Trăng kêu gọi cán bộ, công chức và các tầng lớp nhân dân tham gia ủng hộ kinh phí phòng, chống dịch Covid-19 tại vandongxahoi.mattran.org.vn';
      const c = await editor.request<{ id: string }>('POST', '/api/campaigns', {
        directiveId,
        title: 'Tin dài mất báo nhận / long message, receipts lost',
        channels: { sms: { text, subscribers: ['0961 444 101'] } },
      });
      await submitApproveLaunch(editor, approver, c.id);
      const report = await untilCompleted<CampaignReportJson>(editor, c.id, 25_000);
      expect(report.channels.sms).toMatchObject({ delivered: 1, expired: 0, segments: 3 });
      const partIds = stack.peers.smsc.submissions
        .filter((s) => s.destination === '84961444101')
        .map((s) => s.messageId);
      expect(partIds).toHaveLength(3);
      const answered = stack.peers.smsc.queries.slice(queriesBefore).filter((q) => q.messageState === 2);
      expect(new Set(answered.map((q) => q.messageId))).toEqual(new Set(partIds));
    } finally {
      stack.peers.smscOptions.loseReceipts = undefined;
    }
  });

  it('records an opt-out when a subscriber replies TC, and sends them nothing more', async () => {
    await waitUntil('the worker to bind', async () => stack.peers.smsc.sessionsCount() > 0, 15_000);
    await stack.peers.smsc.sendInbound({ from: '84961888001', to: 'SoTTTT-ST', text: ' tc ', systemId: 'loa-viettel' });
    await waitUntil(
      'the opt-out to be recorded',
      async () =>
        ((await stack.ds.query(`SELECT 1 FROM opt_outs WHERE msisdn = '84961888001'`)) as unknown[]).length > 0,
      15_000,
    );
    const c = await editor.request<{ id: string; audience: { optedOut: number; accepted: number } }>(
      'POST',
      '/api/campaigns',
      {
        directiveId,
        title: 'Sau khi từ chối / after opt-out',
        channels: { sms: { text: 'Loa: kiem thu', subscribers: ['0961888001', '0961888002'] } },
      },
    );
    expect(c.audience).toMatchObject({ optedOut: 1, accepted: 1 });
  });

  describe('bad input gets a 4xx naming the problem', () => {
    const status = async (p: Promise<unknown>) => {
      const e = await p.then(() => null).catch((x: unknown) => x);
      if (!(e instanceof LoaHttpError)) throw new Error(`expected an HTTP error, got ${JSON.stringify(e)}`);
      return { status: e.status, body: JSON.stringify(e.body) };
    };

    it('unknown campaign → 404', async () => {
      const r = await status(editor.request('GET', '/api/campaigns/00000000-0000-4000-8000-000000000000'));
      expect(r.status).toBe(404);
      expect((await status(editor.request('POST', '/api/campaigns/not-a-uuid/submit'))).status).toBe(404);
    });

    it('invalid transition → 409 naming both states', async () => {
      const c = await editor.request<{ id: string }>('POST', '/api/campaigns', {
        directiveId,
        title: 't',
        channels: { email: { agencyGroups: ['bao-chi'] } },
      });
      const r = await status(approver.request('POST', `/api/campaigns/${c.id}/approve`));
      expect(r.status).toBe(409);
      expect(r.body).toContain('Cannot approve a campaign that is draft');
    });

    it('approval by the author → 403', async () => {
      const c = await admin.request<{ id: string }>('POST', '/api/campaigns', {
        directiveId,
        title: 'tự duyệt',
        channels: { email: { agencyGroups: ['bao-chi'] } },
      });
      await admin.request('POST', `/api/campaigns/${c.id}/submit`);
      const r = await status(admin.request('POST', `/api/campaigns/${c.id}/approve`));
      expect(r.status).toBe(403);
      expect(r.body).toContain('cannot approve a campaign they created');
    });

    it('malformed JSON → 400, and a bad field is named', async () => {
      const res = await editor.raw('POST', '/api/campaigns', '{"directiveId": ', {
        'content-type': 'application/json',
      });
      expect(res.status).toBe(400);
      const r = await status(
        editor.request('POST', '/api/campaigns', {
          directiveId,
          title: 'x',
          channels: { sms: { text: 5, subscribers: [] } },
        }),
      );
      expect(r.status).toBe(400);
      expect(r.body).toContain('channels.sms.text');
      expect(r.body).toContain('channels.sms.subscribers');
    });

    it('no token → 401, wrong role → 403', async () => {
      expect((await status(new LoaClient(stack.baseUrl).request('GET', '/api/portals'))).status).toBe(401);
      const c = await editor.request<{ id: string }>('POST', '/api/campaigns', {
        directiveId,
        title: 'vai trò',
        channels: { email: { agencyGroups: ['bao-chi'] } },
      });
      await editor.request('POST', `/api/campaigns/${c.id}/submit`);
      expect((await status(editor.request('POST', `/api/campaigns/${c.id}/approve`))).status).toBe(403);
    });

    it('a station cannot read another station’s scripts, and a bad key is refused', async () => {
      const mine = stack.seed.stationKeys[0];
      const other = stack.seed.stationKeys[1];
      const anon = new LoaClient(stack.baseUrl);
      expect(
        (await status(anon.request('GET', `/stations/${other.code}/scripts`, undefined, { 'x-station-key': mine.key })))
          .status,
      ).toBe(404);
      expect(
        (
          await status(
            anon.request('GET', `/stations/${mine.code}/scripts`, undefined, { 'x-station-key': 'loa_station_forged' }),
          )
        ).status,
      ).toBe(401);
    });
  });
});
