import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoaClient } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { loginAs, submitApproveLaunch } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const numbers = (n: number, offset: number) =>
  Array.from({ length: n }, (_, i) => `096 ${String(4_000_000 + offset + i)}`);

/** An emergency goes ahead of ordinary work already queued on the same carrier (api + worker processes, SMPP peer). */
describe('emergency campaigns jump the queue', () => {
  let stack: Stack;
  let editor: LoaClient;
  let approver: LoaClient;

  beforeAll(async () => {
    stack = await startStack({ DELIVERY_BATCH_SIZE: '20' });
    editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function launch(title: string, subscribers: string[], emergency: boolean): Promise<string> {
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    const { id } = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title,
      emergency,
      channels: { sms: { text: emergency ? 'KHAN: so tan ngay' : 'Thong bao thuong', subscribers } },
    });
    await submitApproveLaunch(editor, approver, id);
    return id;
  }

  it("sends an emergency's messages before the rest of an ordinary campaign already waiting", async () => {
    stack.peers.smscOptions.latencyMs = 200; // ~50 messages a second with a window of 10
    const ordinary = numbers(300, 0);
    const urgent = numbers(40, 10_000);
    await launch('Thông báo thường', ordinary, false);
    const submitted = () => stack.peers.smsc.submissions.map((s) => s.destination);
    await waitUntil('the ordinary campaign under way', async () => submitted().length >= 20 || null, 30_000, 10);
    await launch('Sơ tán khẩn cấp', urgent, true);
    await waitUntil('every message submitted', async () => submitted().length >= 340 || null, 120_000, 100);

    const order = submitted();
    expect(new Set(order).size).toBe(340);
    const at = urgent.map((n) => order.indexOf(n.replace(/\D/gu, '').replace(/^0/u, '84')));
    expect(at.every((i) => i >= 0)).toBe(true);
    // Only the batch in hand (and what went while the emergency was being approved) went before it: the ordinary
    // campaign's remaining batches waited behind the emergency's.
    const ordinaryAfter = order.length - 1 - Math.max(...at);
    expect(ordinaryAfter).toBeGreaterThanOrEqual(100);
    stack.peers.smscOptions.latencyMs = 0;
  });
});
