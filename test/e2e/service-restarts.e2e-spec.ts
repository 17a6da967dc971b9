import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignReportJson } from '../../tools/run/demo-campaign';
import twilio from 'twilio';
import { LoaClient } from '../../tools/run/loa-client';
import { DEFAULT_DEMO_PEERS } from '../../tools/seed/seed-demo';
import { waitUntil } from '../../tools/run/processes';
import { loginAs, submitApproveLaunch } from '../support/campaign-steps';
import { PostgresServer, startPostgresServer } from '../../tools/run/private-postgres';
import { RedisServer, startRedisServer } from '../../tools/run/private-redis';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const SUBSCRIBERS = 150;

jest.setTimeout(150_000);

/** Editor and approver logged in; an SMS campaign to `numbers` Viettel subscribers launched through approval. */
async function launchSmsCampaign(
  stack: Stack,
  title: string,
  offset: number,
): Promise<{ id: string; editor: LoaClient }> {
  const editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
  const approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
  const numbers = Array.from({ length: SUBSCRIBERS }, (_, i) => `0961 ${String(offset + i)}`);
  const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
  const campaign = await editor.request<{ id: string }>('POST', '/api/campaigns', {
    directiveId: directive.id,
    title,
    channels: { sms: { text: 'Loa: thong bao kiem thu khi dich vu khoi dong lai', subscribers: numbers } },
  });
  await submitApproveLaunch(editor, approver, campaign.id);
  return { id: campaign.id, editor };
}

async function waitForCompletion(stack: Stack, editor: LoaClient, id: string): Promise<CampaignReportJson> {
  return waitUntil(
    'the campaign to complete after the restart',
    async () => {
      const r = await editor.request<CampaignReportJson>('GET', `/api/campaigns/${id}`);
      return r.status === 'completed' ? r : null;
    },
    90_000,
    300,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n--- worker ---\n${stack.worker.output().slice(-6000)}`);
  });
}

/**
 * Nothing sent twice (each destination reached the SMSC at most once), nothing dropped (every row ended delivered,
 * or unknown when it was in flight at the failure and is never re-sent), and delivered only what the SMSC got.
 */
async function expectEachSentAtMostOnce(stack: Stack, id: string, report: CampaignReportJson): Promise<void> {
  const submitted = stack.peers.smsc.submissions.map((s) => s.destination);
  expect(new Set(submitted).size).toBe(submitted.length);
  const rows: Array<{ recipient_key: string; status: string }> = await stack.ds.query(
    `SELECT recipient_key, status FROM deliveries WHERE campaign_id = $1`,
    [id],
  );
  expect(rows).toHaveLength(SUBSCRIBERS);
  expect(rows.filter((r) => r.status !== 'delivered' && r.status !== 'unknown')).toEqual([]);
  const sent = new Set(submitted);
  expect(rows.filter((r) => r.status === 'delivered' && !sent.has(r.recipient_key))).toEqual([]);
  expect(report.channels.sms!.delivered + report.channels.sms!.unknown).toBe(SUBSCRIBERS);
}

/**
 * Redis keeps nothing on disk here, so a Redis restart loses every queued job and the job schedulers themselves.
 * PostgreSQL holds every row's state: the worker re-creates its schedulers, the reconciler re-enqueues rows still
 * queued, receipts lost with the receipts queue are asked for.
 */
describe('Redis killed and restarted empty mid-campaign (private redis-server; api and worker processes)', () => {
  let redis: RedisServer;
  let stack: Stack;

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await startStack({ REDIS_URL: redis.url });
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('loses nothing and sends nothing twice; the campaign still completes', async () => {
    stack.peers.smscOptions.latencyMs = 40;
    const { id, editor } = await launchSmsCampaign(stack, 'Redis khởi động lại / Redis restart', 300_000);
    await waitUntil('15 submissions', async () => stack.peers.smsc.submissions.length >= 15, 30_000, 20);

    await redis.kill();
    const atKill = stack.peers.smsc.submissions.length;
    expect(atKill).toBeLessThan(SUBSCRIBERS); // the outage really came mid-campaign

    // While Redis is away, what needs only PostgreSQL keeps answering: the rate limiter counts in the process, and
    // a launch is stored and answered at once (its fan-out is left to the reconciler).
    const started = Date.now();
    const station = stack.seed.stationKeys[0];
    const feed = await fetch(`${stack.baseUrl}/stations/${station.code}/feed.json`, {
      headers: { 'x-station-key': station.key },
    });
    expect(feed.status).toBe(200);
    expect((await editor.request<CampaignReportJson>('GET', `/api/campaigns/${id}`)).status).toBe('running');
    const second = await launchSmsCampaign(stack, 'Phát động khi Redis ngừng / launched while Redis is down', 500_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    // Health says which service is down, promptly.
    const health = await fetch(`${stack.baseUrl}/health`);
    expect(health.status).toBe(503);
    expect(JSON.stringify(await health.json())).toContain('"checks":{"postgres":"up","redis":"down"}');
    // For an orchestrator: alive, and ready for traffic (the API serves without Redis), Redis reported down.
    expect((await fetch(`${stack.baseUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${stack.baseUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'up', checks: { postgres: 'up', redis: 'down' } });
    // A Twilio status callback is answered 503 at once rather than held (the worker asks Twilio later).
    const callbackUrl = `${stack.baseUrl}/api/webhooks/twilio/mobifone/status`;
    const params = { MessageSid: 'SM0123456789abcdef0123456789abcdef', MessageStatus: 'delivered' };
    const callback = await fetch(callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilio.getExpectedTwilioSignature(
          DEFAULT_DEMO_PEERS.twilioAuthToken,
          callbackUrl,
          params,
        ),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(callback.status).toBe(503);
    // And a login flood is still shed, counted in the API process.
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const r = await fetch(`${stack.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ke-gian@example.vn', password: 'sai-mat-khau' }),
      });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);

    await redis.start(); // empty: no jobs, no job schedulers
    for (const campaign of [{ id, editor }, second]) {
      const report = await waitForCompletion(stack, campaign.editor, campaign.id);
      await expectEachSentAtMostOnce(stack, campaign.id, report);
    }
    expect(stack.worker.output()).toContain('job scheduler was missing');
    expect(stack.api.output()).toContain('rate limits are counted per API process until it is back');
  });
});

/**
 * PostgreSQL crashes (immediate shutdown) and comes back: jobs that failed meanwhile retry, the outcome of a send
 * made just before the crash is stored once the server is back (retryTransient), receipts that could not be
 * stored are retried or asked for.
 */
describe('PostgreSQL crashed and restarted mid-campaign (private server; api and worker processes)', () => {
  let postgres: PostgresServer;
  let stack: Stack;

  beforeAll(async () => {
    postgres = await startPostgresServer();
    // As in production, a row is declared unknown long after a restart is over (the stack's 3 s would race it).
    stack = await startStack({ SENDING_STALE_SECONDS: '60' }, { databaseBaseUrl: postgres.baseUrl });
  });

  afterAll(async () => {
    await stack?.stop();
    await postgres?.stop();
  });

  it('loses nothing and sends nothing twice; the campaign still completes', async () => {
    stack.peers.smscOptions.latencyMs = 40;
    const { id, editor } = await launchSmsCampaign(stack, 'PostgreSQL khởi động lại / PostgreSQL restart', 400_000);
    await waitUntil('15 submissions', async () => stack.peers.smsc.submissions.length >= 15, 30_000, 20);

    await postgres.crash();
    const atCrash = stack.peers.smsc.submissions.length;
    const outage = new Promise((resolve) => setTimeout(resolve, 1_500));
    // Without PostgreSQL the API is alive but not ready for traffic.
    const probe = (path: string) => fetch(`${stack.baseUrl}${path}`, { signal: AbortSignal.timeout(5_000) });
    expect((await probe('/health/live')).status).toBe(200);
    const notReady = await probe('/health/ready');
    expect(notReady.status).toBe(503);
    expect(JSON.stringify(await notReady.json())).toContain('"postgres":"down"');
    await outage;
    await postgres.start();
    expect(atCrash).toBeLessThan(SUBSCRIBERS);

    const report = await waitForCompletion(stack, editor, id);
    await expectEachSentAtMostOnce(stack, id, report);
    // What the SMSC answered while PostgreSQL was down was kept and stored once it was back: no row is unknown.
    expect(report.channels.sms).toMatchObject({ delivered: SUBSCRIBERS, unknown: 0 });
  });
});
