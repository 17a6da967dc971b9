import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignReportJson } from '../../tools/run/demo-campaign';
import type { LoaClient } from '../../tools/run/loa-client';
import { SmscSimulator, SmscSimulatorOptions, startSmscSimulator } from '../../tools/peers/smsc-simulator';
import { startApp, waitUntil } from '../../tools/run/processes';
import { launchSmsCampaign, loginAs, untilCompleted } from '../support/campaign-steps';
import { freePort } from '../support/free-port';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
/** The carrier's SMPP window here: at most this many messages may be left `unknown` by a connection lost mid-send. */
const WINDOW = 10;
/** Short failover times, so the test waits seconds, not minutes (production defaults: 60 s and 300 s). */
const FAILOVER_AFTER_SECONDS = 2;
const RETRY_PRIMARY_AFTER_SECONDS = 3;

jest.setTimeout(180_000);

/** n distinct Viettel numbers, as people type them (the SMSC sees 84…). */
function viettelNumbers(n: number, offset: number): string[] {
  return Array.from({ length: n }, (_, i) => `096${String(2_000_000 + offset + i)}`);
}

type SwitchRow = {
  from_route: string;
  to_route: string;
  reason: string;
  seconds: number;
  error: string | null;
  detail: string;
};

/**
 * Failover on the real stack (api and worker processes, PostgreSQL, Redis) with two SMSC simulators: Viettel's
 * primary SMSC goes down in the middle of a campaign and the rest goes by its second route (another SMPP account on
 * another SMSC); no number reaches both SMSCs; the switch is stored, audited and in the report. When the primary
 * answers again, the next campaign takes it back after the retry time. With two workers sharing a campaign through
 * an outage, the switch is recorded once and still no number goes twice.
 */
describe('carrier failover to a second route (api + worker processes, two SMSCs)', () => {
  let stack: Stack;
  let secondary: SmscSimulator;
  let editor: LoaClient;
  let approver: LoaClient;
  let directiveId: string;
  let primaryPort: number;
  let metricsPort: number;
  /** The live options of the primary SMSC simulator now running, and whether it was closed. */
  let primaryOptions: SmscSimulatorOptions;
  let primaryClosed = false;

  beforeAll(async () => {
    // Receipts the dead primary never sent expire after 8 s (30 s elsewhere in the e2e stack).
    metricsPort = await freePort();
    stack = await startStack({ RECEIPT_TIMEOUT_SECONDS: '8', METRICS_PORT: String(metricsPort) });
    secondary = await startSmscSimulator({ port: 0, receiptDelayMs: 100 });
    primaryPort = stack.peers.smsc.port;
    primaryOptions = stack.peers.smscOptions;
    await stack.ds.query(`UPDATE carriers SET connection = connection || $1::jsonb WHERE code = 'viettel'`, [
      JSON.stringify({
        window: WINDOW,
        secondary: { provider: 'smpp', host: '127.0.0.1', port: secondary.port, systemId: 'loa-backup', password: 'x' },
        failoverAfterSeconds: FAILOVER_AFTER_SECONDS,
        retryPrimaryAfterSeconds: RETRY_PRIMARY_AFTER_SECONDS,
      }),
    ]);
    // Carriers are read when the worker starts.
    await stack.worker.stop();
    await stack.startWorker();
    await waitUntil('the worker bound to both SMSCs', async () => secondary.sessionsCount() > 0, 30_000, 100);
    editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
    directiveId = (await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER })).id;
  });

  afterAll(async () => {
    await stack?.stop();
    await secondary?.close();
  });

  const launchSms = (subscribers: string[]): Promise<string> =>
    launchSmsCampaign(editor, approver, {
      directiveId,
      title: 'Kiểm thử tuyến dự phòng / failover test',
      text: 'Loa: thong bao kiem thu tuyen du phong',
      subscribers,
    });

  const completed = (id: string): Promise<CampaignReportJson> =>
    untilCompleted<CampaignReportJson>(editor, id, 90_000).catch((e: Error) => {
      throw new Error(`${e.message}\n--- worker ---\n${stack.worker.output().slice(-6000)}`);
    });

  /** The primary SMSC, started again on its port if it is down, once the workers are bound to it. */
  async function primaryUp(): Promise<SmscSimulator> {
    if (!primaryClosed) return stack.peers.smsc;
    primaryOptions = { ...stack.peers.smscOptions, port: primaryPort, latencyMs: 0 };
    const restarted = await startSmscSimulator(primaryOptions);
    stack.peers.smsc = restarted;
    primaryClosed = false;
    await waitUntil('the worker bound to the primary again', async () => restarted.sessionsCount() > 0, 60_000, 100);
    return restarted;
  }

  const switches = (): Promise<SwitchRow[]> =>
    stack.ds.query(
      `SELECT from_route, to_route, reason, seconds, error, detail FROM carrier_route_switches WHERE carrier_code = 'viettel' ORDER BY id`,
    );

  it('sends the rest of a campaign by the second route when the primary goes down, and goes back once it answers', async () => {
    const numbers = viettelNumbers(60, 0);
    const ours = new Set(numbers.map((n) => `84${n.slice(1)}`));
    const primary = await primaryUp();
    primaryOptions.latencyMs = 100; // slow enough that the outage comes mid-campaign
    const id = await launchSms(numbers);
    await waitUntil('15 submissions at the primary', async () => primary.submissions.length >= 15, 30_000, 20);
    await primary.close();
    primaryClosed = true;
    const atOutage = primary.submissions.filter((s) => ours.has(s.destination)).length;
    expect(atOutage).toBeLessThan(numbers.length); // the outage really came mid-campaign

    const report = await completed(id);
    const byPrimary = primary.submissions.map((s) => s.destination).filter((d) => ours.has(d));
    const bySecondary = secondary.submissions.map((s) => s.destination).filter((d) => ours.has(d));
    // No number reached both SMSCs, nor one of them twice.
    expect(new Set([...byPrimary, ...bySecondary]).size).toBe(byPrimary.length + bySecondary.length);
    expect(bySecondary.length).toBeGreaterThan(0);
    const sms = report.channels.sms!;
    // Every message ended: delivered; or taken by the primary before it went away — its receipt lost with it
    // (expired), or its answer too (unknown, at most a window). None failed, none was dropped.
    expect({ failed: sms.failed, queued: sms.queued, sending: sms.sending, sent: sms.sent }).toEqual({
      failed: 0,
      queued: 0,
      sending: 0,
      sent: 0,
    });
    expect(sms.delivered + sms.expired + sms.unknown).toBe(numbers.length);
    expect(sms.unknown).toBeLessThanOrEqual(WINDOW);
    expect(sms.delivered).toBeGreaterThanOrEqual(bySecondary.length);
    expect(sms.byCarrier.viettel.viaSecondary).toBe(bySecondary.length);
    // Everything the second route took was delivered by its receipts (matched through its prefixed ids).
    const viaSecondary: Array<{ status: string; n: string }> = await stack.ds.query(
      `SELECT status, count(*) AS n FROM deliveries WHERE campaign_id = $1 AND provider_message_id LIKE 'secondary:%' GROUP BY status`,
      [id],
    );
    expect(viaSecondary).toEqual([{ status: 'delivered', n: String(bySecondary.length) }]);

    const [failover] = await switches();
    expect(failover).toMatchObject({ from_route: 'primary', to_route: 'secondary', reason: 'primary-failing' });
    expect(failover.detail).toMatch(/^the primary route failed for \d+ s/);
    expect(failover.seconds).toBeGreaterThanOrEqual(FAILOVER_AFTER_SECONDS);
    expect(failover.error).toEqual(expect.any(String)); // the primary's last error, for the people told
    expect(sms.routeSwitches).toEqual([
      expect.objectContaining({ carrierCode: 'viettel', from: 'primary', to: 'secondary', reason: 'primary-failing' }),
    ]);
    const audits: Array<{ after: { route: string; reason: string } }> = await stack.ds.query(
      `SELECT after FROM audit_events WHERE action = 'carrier.route_switched' AND target_id = 'viettel'`,
    );
    // What Prometheus scrapes from the worker says so too.
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^loa_sms_route_switches_total\{carrier="viettel",to="secondary"\} 1$/m);
    expect(metrics).toMatch(/^loa_sms_on_secondary_route\{carrier="viettel"\} 1$/m);
    expect(audits.map((a) => a.after)).toEqual([
      expect.objectContaining({ route: 'secondary', reason: 'primary-failing' }),
    ]);

    // The primary answers again: after the retry time, the next campaign goes wholly by it.
    const restarted = await primaryUp();
    const [failedOver] = await stack.ds.query(`SELECT since FROM carrier_routes WHERE carrier_code = 'viettel'`);
    const retryAt = new Date(failedOver.since).getTime() + RETRY_PRIMARY_AFTER_SECONDS * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, retryAt - Date.now()) + 200));
    const again = viettelNumbers(20, 100);
    const ourAgain = new Set(again.map((n) => `84${n.slice(1)}`));
    const secondaryBefore = secondary.submissions.length;
    const back = await completed(await launchSms(again));
    expect(back.channels.sms!.delivered).toBe(again.length);
    expect(restarted.submissions.filter((s) => ourAgain.has(s.destination))).toHaveLength(again.length);
    expect(secondary.submissions.length).toBe(secondaryBefore);
    expect(back.channels.sms!.byCarrier.viettel.viaSecondary).toBe(0);
    expect((await switches()).map((s) => [s.from_route, s.to_route, s.reason])).toEqual([
      ['primary', 'secondary', 'primary-failing'],
      ['secondary', 'primary', 'primary-retry'],
    ]);
    expect(back.channels.sms!.routeSwitches).toEqual([
      expect.objectContaining({ from: 'secondary', to: 'primary', reason: 'primary-retry' }),
    ]);
  });

  it('with two workers on one campaign, records the failover once and sends no number twice', async () => {
    const primary = await primaryUp();
    // Whatever came before, the carrier starts on its primary (no stored route).
    await stack.ds.query(`DELETE FROM carrier_routes WHERE carrier_code = 'viettel'`);
    const before = (await switches()).length;
    const second = startApp('worker', { ...stack.env, METRICS_PORT: '0' });
    try {
      await waitUntil(
        'both workers bound to both SMSCs',
        async () => primary.sessionsCount() >= 2 && secondary.sessionsCount() >= 2,
        60_000,
        100,
      );
      primaryOptions.latencyMs = 100;
      const numbers = viettelNumbers(80, 200);
      const ours = new Set(numbers.map((n) => `84${n.slice(1)}`));
      const id = await launchSms(numbers);
      await waitUntil('15 submissions at the primary', async () => primary.submissions.length >= 15, 30_000, 20);
      await primary.close();
      primaryClosed = true;
      const report = await completed(id);
      const byPrimary = primary.submissions.map((s) => s.destination).filter((d) => ours.has(d));
      const bySecondary = secondary.submissions.map((s) => s.destination).filter((d) => ours.has(d));
      expect(new Set([...byPrimary, ...bySecondary]).size).toBe(byPrimary.length + bySecondary.length);
      expect(byPrimary.length).toBeLessThan(numbers.length);
      const sms = report.channels.sms!;
      expect(sms.failed + sms.queued + sms.sending + sms.sent).toBe(0);
      expect(sms.delivered + sms.expired + sms.unknown).toBe(numbers.length);
      expect(sms.unknown).toBeLessThanOrEqual(2 * WINDOW); // a window in flight per worker when the SMSC died
      // Both workers saw the primary fail; the switch is stored and audited once.
      const now = (await switches()).slice(before);
      expect(now.map((s) => [s.from_route, s.to_route, s.reason])).toEqual([
        ['primary', 'secondary', 'primary-failing'],
      ]);
    } finally {
      await second.stop();
    }
  });
});
