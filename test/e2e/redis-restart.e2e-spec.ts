import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignReportJson } from '../../tools/run/demo-campaign';
import { LoaClient } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { submitApproveLaunch } from '../support/campaign-steps';
import { RedisServer, startRedisServer } from '../support/redis-server';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');

jest.setTimeout(150_000);

/**
 * Redis keeps nothing on disk here, so a Redis restart loses every queued job and the job schedulers themselves.
 * PostgreSQL holds every row's state: the worker re-creates its schedulers, the reconciler re-enqueues rows still
 * queued, receipts lost with the receipts queue are asked for, and nothing is sent twice.
 */
describe('Redis killed and restarted empty mid-campaign (private redis-server; api and worker processes)', () => {
  let redis: RedisServer;
  let stack: Stack;
  let editor: LoaClient;
  let approver: LoaClient;

  beforeAll(async () => {
    redis = await startRedisServer();
    stack = await startStack({ REDIS_URL: redis.url });
    const api = new LoaClient(stack.baseUrl);
    const user = (role: string) => stack.seed.users.find((u) => u.role === role)!;
    editor = await api.login(user('editor').email, user('editor').password);
    approver = await api.login(user('approver').email, user('approver').password);
  });

  afterAll(async () => {
    await stack?.stop();
    await redis?.stop();
  });

  it('loses nothing and sends nothing twice; the campaign still completes', async () => {
    const numbers = Array.from({ length: 150 }, (_, i) => `0961 ${String(300_000 + i)}`);
    stack.peers.smscOptions.latencyMs = 40;
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    const campaign = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Redis khởi động lại / Redis restart',
      channels: { sms: { text: 'Loa: thong bao kiem thu khi Redis khoi dong lai', subscribers: numbers } },
    });
    await submitApproveLaunch(editor, approver, campaign.id);
    await waitUntil('15 submissions', async () => stack.peers.smsc.submissions.length >= 15, 30_000, 20);

    await redis.kill();
    const atKill = stack.peers.smsc.submissions.length;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await redis.start(); // empty: no jobs, no job schedulers
    expect(atKill).toBeLessThan(numbers.length); // the outage really came mid-campaign

    const report = await waitUntil(
      'the campaign to complete after Redis came back empty',
      async () => {
        const r = await editor.request<CampaignReportJson>('GET', `/api/campaigns/${campaign.id}`);
        return r.status === 'completed' ? r : null;
      },
      90_000,
      300,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- worker ---\n${stack.worker.output().slice(-6000)}`);
    });

    const submitted = stack.peers.smsc.submissions.map((s) => s.destination);
    expect(new Set(submitted).size).toBe(submitted.length); // nothing sent twice
    const rows: Array<{ status: string; n: string }> = await stack.ds.query(
      `SELECT status, count(*) AS n FROM deliveries WHERE campaign_id = $1 GROUP BY status`,
      [campaign.id],
    );
    // delivered: sent once and its receipt applied (or asked for); unknown: in flight at the kill, never re-sent.
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    expect(Object.keys(byStatus).filter((s) => s !== 'delivered' && s !== 'unknown')).toEqual([]);
    expect((byStatus.delivered ?? 0) + (byStatus.unknown ?? 0)).toBe(numbers.length);
    const delivered: Array<{ recipient_key: string }> = await stack.ds.query(
      `SELECT recipient_key FROM deliveries WHERE campaign_id = $1 AND status = 'delivered'`,
      [campaign.id],
    );
    const sent = new Set(submitted);
    expect(delivered.filter((r) => !sent.has(r.recipient_key))).toEqual([]); // delivered only what the SMSC got
    expect(report.channels.sms!.delivered).toBe(byStatus.delivered);
    expect(stack.worker.output()).toContain('job scheduler was missing');
  });
});
