import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CampaignReportJson,
  createAndLaunchDemoCampaign,
  pullAndConfirm,
  viewAndClickBanner,
} from '../../tools/run/demo-campaign';
import { LoaClient, LoaHttpError } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { freePort } from '../support/free-port';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');

jest.setTimeout(120_000);

describe('one directive through all four channels (api + worker processes, real peers)', () => {
  let stack: Stack;
  let campaignId: string;
  let editor: LoaClient;
  let report: CampaignReportJson;
  let stationFeeds: Record<string, Awaited<ReturnType<typeof pullAndConfirm>>>;
  let bannerHtml: string;
  let clickLocation: string | null;

  beforeAll(async () => {
    // The worker serves its Prometheus metrics on a port of its own (the API ignores METRICS_PORT).
    // JSON logs, as in production, so the test can read them.
    stack = await startStack({ METRICS_PORT: String(await freePort()), LOG_FORMAT: 'json' });
    const launched = await createAndLaunchDemoCampaign(new LoaClient(stack.baseUrl), stack.seed, LETTER, {
      windowSeconds: 6,
    });
    campaignId = launched.campaignId;
    editor = launched.editor;
    const portal = stack.seed.portals[0];
    ({ html: bannerHtml, location: clickLocation } = await viewAndClickBanner(stack.baseUrl, portal.embedKey));
    stationFeeds = {};
    for (const code of ['dtt-mytu', 'dtt-xa-mytu-myhuong']) {
      const station = stack.seed.stationKeys.find((s) => s.code === code)!;
      stationFeeds[code] = await waitUntil(
        `${code} feed`,
        async () => {
          const f = await pullAndConfirm(stack.baseUrl, station);
          return f.scripts.length ? f : null;
        },
        20_000,
      );
    }
    report = await waitUntil(
      'campaign completed',
      async () => {
        const r = await editor.request<CampaignReportJson>('GET', `/api/campaigns/${campaignId}`);
        return r.status === 'completed' ? r : null;
      },
      60_000,
      300,
    );
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('submits every SMPP-routed subscriber exactly once, with the sender name, and receipts mark them delivered', () => {
    const subs = stack.peers.smsc.submissions;
    const destinations = subs.map((s) => s.destination);
    expect(new Set(destinations).size).toBe(destinations.length);
    // Demo list: 14 inputs, 1 duplicate, 1 invalid → 12 routed; 2 MobiFone numbers go through Twilio.
    expect(subs).toHaveLength(10);
    expect(destinations).toContain('84961234567');
    expect(destinations).toContain('84383456789'); // legacy 01683 456 789 rewritten to 038
    for (const s of subs) {
      expect(s.sourceAddr).toBe('SoTTTT-ST');
      expect(s.sourceAddrTon).toBe(5);
      expect(s.registeredDelivery).toBe(1);
      expect(s.text).toContain('vandongxahoi.mattran.org.vn');
    }
    expect(report.channels.sms!.byCarrier.viettel.delivered).toBe(4);
  });

  it("counts each carrier's submissions in the worker's metrics", async () => {
    const res = await fetch(`http://127.0.0.1:${stack.env.METRICS_PORT}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const sent = new Map(
      [...text.matchAll(/^loa_sms_outcomes_total\{carrier="([a-z-]+)",outcome="accepted"\} (\d+)$/gm)].map((m) => [
        m[1],
        Number(m[2]),
      ]),
    );
    const smpp = [...sent].filter(([carrier]) => carrier !== 'mobifone').reduce((n, [, v]) => n + v, 0);
    expect(smpp).toBe(stack.peers.smsc.submissions.length);
    expect(sent.get('mobifone')).toBe(stack.peers.twilio.messages.length);
    expect(text).toMatch(/^loa_sms_submit_seconds_count\{carrier="viettel"\} \d+$/m);
    expect(text).toMatch(/^loa_sms_in_flight\{carrier="viettel"\} 0$/m);
  });

  it('logs one JSON line per request with its request id, without secrets or whole phone numbers', async () => {
    const asked = await editor.raw('GET', '/api/opt-outs/0961234567', undefined, {
      'x-request-id': 'e2e-log-0961234567',
    });
    expect(asked.status).toBe(404); // not opted out
    const lines = await waitUntil(
      'the request logged',
      async () => {
        const found = stack.api
          .output()
          .split('\n')
          .filter((l) => l.includes('e2e-log-'));
        return found.length ? found : null;
      },
      5000,
      100,
    );
    const entry = JSON.parse(lines[0]) as {
      level: number;
      req: { id: string; url: string; method: string };
      res: { statusCode: number };
      responseTime: number;
      msg: string;
    };
    expect(entry.req).toEqual({ id: 'e2e-log-096*****67', method: 'GET', url: '/api/opt-outs/096*****67' });
    expect(entry.res.statusCode).toBe(404);
    expect(entry.responseTime).toBeGreaterThanOrEqual(0);
    for (const out of [stack.api.output(), stack.worker.output()]) {
      const json = out.split('\n').filter((l) => l.startsWith('{'));
      expect(json.length).toBeGreaterThan(3);
      expect(out).not.toMatch(/Bearer /);
      expect(out).not.toMatch(/(?<!\d)(84|0)9\d{8}(?!\d)/); // no whole Vietnamese mobile number
    }
  });

  it('sends MobiFone numbers through the Twilio API and applies its signed status callbacks', () => {
    const tw = stack.peers.twilio.messages;
    expect(tw.map((m) => m.to).sort()).toEqual(['+84793456789', '+84901234567']);
    expect(report.channels.sms!.byCarrier.mobifone.delivered).toBe(2);
    expect(stack.peers.twilio.callbacks.every((c) => c.httpStatus === 204)).toBe(true);
  });

  it('e-mails the dispatch with the directive attached to every addressed agency', () => {
    const mails = stack.peers.smtp.messages;
    expect(mails).toHaveLength(7);
    for (const m of mails) {
      expect(m.subject).toBe(
        'V/v phối hợp tuyên truyền, vận động huy động nguồn lực cùng chung tay ủng hộ công tác phòng, chống dịch Covid-19',
      );
      expect(m.attachments).toHaveLength(1);
      expect(m.attachments[0].content.toString('utf8')).toContain('vandongxahoi.mattran.org.vn');
      expect(m.text).toContain('Kính gửi:');
    }
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toContain('syt@soctrang.demo');
    // One stable Message-ID per dispatch (a retry repeats it, so a duplicate can be recognised).
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(7);
    for (const id of ids) expect(id).toMatch(new RegExp(`^<loa-${report.id}-\\d+@[^>]+>$`));
    expect(report.channels.email!.sent).toBe(7);
  });

  it('serves the banner in the embed page and redirects a click to the campaign target', () => {
    expect(bannerHtml).toContain('Chung tay ủng hộ phòng, chống dịch Covid-19');
    expect(bannerHtml).not.toContain('<script');
    expect(clickLocation).toBe('https://vandongxahoi.mattran.org.vn');
    expect(report.channels.banner).toEqual({ portals: 2, served: 1, clicked: 1 });
  });

  it('gives stations the broadcast script, with the commune relaying its district', () => {
    const district = stationFeeds['dtt-mytu'].scripts;
    const commune = stationFeeds['dtt-xa-mytu-myhuong'].scripts;
    expect(district).toHaveLength(1);
    expect(district[0].relayedFrom).toBeNull();
    expect(district[0].text).toContain('vandongxahoi chấm mattran chấm org chấm vn');
    expect(commune[0].relayedFrom).toBe('dtt-mytu');
    // 2 district stations named + 2 communes of Mỹ Tú relaying; 2 pulled and confirmed in this test.
    expect(report.channels.radio).toEqual({ stations: 4, pulled: 2, confirmed: 2, pending: 2 });
  });

  it('a second launch is refused and sends nothing again', async () => {
    const before =
      stack.peers.smsc.submissions.length + stack.peers.twilio.messages.length + stack.peers.smtp.messages.length;
    const err = await editor.request('POST', `/api/campaigns/${campaignId}/launch`).catch((e: LoaHttpError) => e);
    expect(err).toBeInstanceOf(LoaHttpError);
    expect((err as LoaHttpError).status).toBe(409);
    expect(JSON.stringify((err as LoaHttpError).body)).toContain('Cannot launch a campaign that is completed');
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      stack.peers.smsc.submissions.length + stack.peers.twilio.messages.length + stack.peers.smtp.messages.length,
    ).toBe(before);
  });

  it('records every state change in the audit trail', async () => {
    const rows: Array<{ action: string }> = await stack.ds.query(
      `SELECT action FROM audit_events WHERE target_id = $1 ORDER BY id`,
      [campaignId],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'campaign.create',
      'campaign.submit',
      'campaign.approve',
      'campaign.launch',
      'campaign.complete',
    ]);
  });
});
