import { Queue } from 'bullmq';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CampaignReportJson } from '../../tools/run/demo-campaign';
import { LoaClient } from '../../tools/run/loa-client';
import { reassemble } from '../../tools/peers/smsc-simulator';
import { AppProcess, startApp } from '../../tools/run/processes';
import { loginAs, submitApproveLaunch, untilCompleted } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const MESSAGES = 600;
/** 100 UCS-2 units: two parts (67 + 33) for every subscriber. */
const TEXT =
  'Sở TTTT Sóc Trăng: mời bà con chung tay ủng hộ Quỹ phòng, chống dịch tại vandongxahoi.mattran.org.vn!'.padEnd(
    100,
    '.',
  );

jest.setTimeout(180_000);

/**
 * An SMSC that sends each delivery receipt before its submit_sm_resp (it delivers at once and answers late), under
 * load, with two worker processes sharing the campaign: every receipt arrives for a message id Loa has not stored
 * yet. Each must be kept and applied when its id is stored — no message may stay `sent` for want of its receipt,
 * and the status query (the safety net) is set too late to rescue any within the test.
 */
describe('receipts that arrive before their message id is stored (two workers, real SMPP peer)', () => {
  let stack: Stack;
  let second: AppProcess;
  let editor: LoaClient;
  let approver: LoaClient;

  beforeAll(async () => {
    stack = await startStack({
      RECEIPT_QUERY_AFTER_SECONDS: '600',
      RECEIPT_QUERY_EVERY_SECONDS: '600',
      RECEIPT_TIMEOUT_SECONDS: '600',
    });
    stack.peers.smscOptions.receiptBeforeResponse = true;
    stack.peers.smscOptions.latencyMs = 2;
    second = startApp('worker', stack.env);
    editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
  });

  afterAll(async () => {
    await second?.stop();
    await stack?.stop();
  });

  it('delivers every two-part message although each receipt came before its submit response', async () => {
    const directiveId = (await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER })).id;
    const subscribers = Array.from({ length: MESSAGES }, (_, i) => `096${String(2_000_000 + i)}`);
    const c = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId,
      title: 'Biên nhận đến sớm / early receipts',
      channels: { sms: { text: TEXT, subscribers } },
    });
    const before = stack.peers.smsc.submissions.length;
    await submitApproveLaunch(editor, approver, c.id);
    const report = await untilCompleted<CampaignReportJson>(editor, c.id, 150_000).catch(async (e: Error) => {
      const stuck: Array<{ status: string; n: number }> = await stack.ds.query(
        `SELECT status, count(*)::int AS n FROM deliveries WHERE campaign_id = $1 GROUP BY status`,
        [c.id],
      );
      throw new Error(`${e.message}: ${JSON.stringify(stuck)}\n--- worker ---\n${stack.worker.output().slice(-3000)}`);
    });
    expect(report.channels.sms).toMatchObject({ delivered: MESSAGES, failed: 0, unknown: 0 });

    // Both workers sent, each part once, and every text arrived whole at the SMSC.
    const pdus = stack.peers.smsc.submissions.slice(before);
    expect(pdus).toHaveLength(2 * MESSAGES);
    expect(new Set(pdus.map((p) => p.systemId + p.destination + p.udh?.sequence)).size).toBe(2 * MESSAGES);
    const texts = reassemble(pdus);
    expect(texts).toHaveLength(MESSAGES);
    expect(texts.every((t) => t.text === TEXT)).toBe(true);
    const [{ n: queried }]: Array<{ n: number }> = await stack.ds.query(
      `SELECT count(*)::int AS n FROM deliveries WHERE campaign_id = $1 AND status_queried_at IS NOT NULL`,
      [c.id],
    );
    expect(queried).toBe(0); // settled by the receipts themselves, not by asking the SMSC
    const [{ n: kept }]: Array<{ n: number }> = await stack.ds.query(`SELECT count(*)::int AS n FROM early_receipts`);
    expect(kept).toBe(0); // each kept receipt was applied and let go
    // Part receipts are not settled in the receipt batcher's one statement: each went to the receipts queue and was
    // kept (its id not stored yet), applied (stored meanwhile), or found already applied by the send path that
    // stored the id while the receipt was being kept — whichever racer won; none failed.
    const receipts = new Queue('receipts', {
      connection: { host: '127.0.0.1', port: 6379 },
      prefix: stack.env.QUEUE_PREFIX,
    });
    try {
      const done = await receipts.getJobs(['completed'], 0, -1);
      expect(done.length).toBeGreaterThan(0); // the queue keeps the last 1,000 completed
      const results = new Set(done.map((j) => String(j.returnvalue)));
      expect([...results].filter((r) => !['kept', 'applied', 'already-final'].includes(r))).toEqual([]);
      expect(await receipts.getJobCountByTypes('failed')).toBe(0);
    } finally {
      await receipts.close();
    }
    // Both workers were bound to the SMSC while the campaign ran.
    expect([stack.worker.output(), second.output()].filter((o) => /bound to SMSC/.test(o))).toHaveLength(2);
  });
});
