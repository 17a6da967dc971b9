import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignReportJson } from '../../tools/run/demo-campaign';
import { LoaClient } from '../../tools/run/loa-client';
import { AppProcess, startApp, waitUntil } from '../../tools/run/processes';
import { loginAs, submitApproveLaunch, untilCompleted } from '../support/campaign-steps';
import { busiestSecond } from '../support/busiest-second';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const TPS = 40;
const MESSAGES = 240;
/** The carrier's SMPP window in this test (the default is 100). */
const WINDOW = 10;

jest.setTimeout(180_000);

/**
 * A carrier's TPS is per account: two worker processes share a campaign to a carrier agreed at 40 TPS, and the
 * SMSC must see no more than that (within 10%) in any second; one worker is killed mid-way and the campaign still
 * completes with nothing sent twice and nothing lost (at most one window in flight reported unknown).
 */
describe('one carrier rate across several workers (worker processes, real SMPP peer, real Redis)', () => {
  let stack: Stack;
  let second: AppProcess;
  let third: AppProcess;
  let mostViettelSessions = 0;
  let sessionWatch: NodeJS.Timeout;
  let editor: LoaClient;
  let approver: LoaClient;

  beforeAll(async () => {
    stack = await startStack();
    // Viettel agreed to 40 messages a second on at most two sessions; the workers read it when they start.
    await stack.ds.query(`UPDATE carriers SET connection = connection || $1::jsonb WHERE code = 'viettel'`, [
      // A window of 10 (the default is 100): "at most the killed worker's window unknown" is then a tight bound.
      JSON.stringify({ tps: TPS, maxBinds: 2, window: WINDOW }),
    ]);
    await stack.worker.stop();
    sessionWatch = setInterval(() => {
      mostViettelSessions = Math.max(mostViettelSessions, stack.peers.smsc.sessionsCount('loa-viettel'));
    }, 20);
    await stack.startWorker();
    second = startApp('worker', stack.env);
    await waitUntil(
      'two workers bound to Viettel',
      async () => stack.peers.smsc.sessionsCount('loa-viettel') === 2,
      30_000,
      100,
    );
    // A third worker finds both of Viettel's sessions taken, and waits.
    third = startApp('worker', stack.env);
    await waitUntil(
      'the third worker waiting for a Viettel session',
      async () => /viettel: every allowed session is bound by other workers/.test(third.output()),
      30_000,
      100,
    );
    editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
  });

  afterAll(async () => {
    clearInterval(sessionWatch);
    await third?.stop();
    await second?.stop();
    await stack?.stop();
  });

  it('holds the carrier to its TPS with two workers, and loses nothing when one is killed', async () => {
    const directiveId = (await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER })).id;
    const subscribers = Array.from({ length: MESSAGES }, (_, i) => `096${String(3_000_000 + i)}`);
    const c = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId,
      title: 'Hai tiến trình, một giới hạn / two workers, one rate',
      channels: { sms: { text: 'So TTTT: moi ba con ung ho Quy vi nguoi ngheo', subscribers } },
    });
    const before = stack.peers.smsc.submissions.length;
    await submitApproveLaunch(editor, approver, c.id);
    await waitUntil(
      'a third of the messages submitted',
      async () => stack.peers.smsc.submissions.length - before >= MESSAGES / 3,
      60_000,
      50,
    );
    await second.kill();
    const report = await untilCompleted<CampaignReportJson>(editor, c.id, 150_000);
    const pdus = stack.peers.smsc.submissions.slice(before);
    const destinations = pdus.map((p) => p.destination);
    expect(new Set(destinations).size).toBe(destinations.length); // nothing sent twice
    const sms = report.channels.sms!;
    expect(sms.delivered + sms.unknown).toBe(MESSAGES); // nothing lost
    expect(sms.unknown).toBeLessThanOrEqual(WINDOW); // at most the killed worker's window in flight
    expect(pdus.length).toBeGreaterThanOrEqual(sms.delivered); // each delivered one was submitted
    // Never more than Viettel's two sessions bound at once, though three workers ran.
    expect(mostViettelSessions).toBe(2);
    // The SMSC never saw more than the agreed rate in any second: the gate holds it exactly (any 21 slices of 50 ms
    // at most 40); the 10% the issue allows is for the arrivals stamped here, in a test process sharing two cores.
    expect(busiestSecond(pdus.map((p) => p.receivedAt.getTime()))).toBeLessThanOrEqual(Math.ceil(TPS * 1.1));
  });
});
