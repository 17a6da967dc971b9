import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { signAckToken } from '@loa/email';
import { LoaClient } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import type { CapturedMail } from '../../tools/peers/smtp-capture';
import { SCREENSHOTS, launchChromium } from '../support/browser';
import { sampleLetterText } from '../support/letter-files';
import { Stack, startStack } from '../support/stack';

jest.setTimeout(120_000);

const LINK_SECRET = 'e2e-link-signing-secret-at-least-32-characters';

interface Acknowledgement {
  reminders: number;
  escalatedAt: string | null;
  agencyCode: string;
  agencyName: string | null;
  email: string | null;
  status: string;
  sentAt: string | null;
  acknowledgedAt: string | null;
}

/** The one acknowledgement link in an e-mail's text, and the same link in its HTML. */
function ackLinkOf(mail: CapturedMail, baseUrl: string): string {
  const links = (mail.text ?? '').match(/https?:\/\/\S+\/ack\/\S+/gu) ?? [];
  expect(links).toHaveLength(1);
  const [link] = links as [string];
  expect(link.startsWith(`${baseUrl}/ack/`)).toBe(true);
  expect(mail.html).toContain(`href="${link}"`);
  return link;
}

describe('agencies acknowledge the dispatch from their e-mail (api + worker processes, real SMTP peer)', () => {
  let stack: Stack;
  let editor: LoaClient;
  let campaignId: string;
  let mails: CapturedMail[];

  beforeAll(async () => {
    stack = await startStack({ LINK_SIGNING_SECRET: LINK_SECRET });
    const api = new LoaClient(stack.baseUrl);
    const user = (role: string) => stack.seed.users.find((u) => u.role === role)!;
    editor = await api.login(user('editor').email, user('editor').password);
    const approver = await api.login(user('approver').email, user('approver').password);
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: sampleLetterText() });
    const now = Date.now();
    const created = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Xác nhận đã nhận công văn',
      startsAt: new Date(now - 1000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      channels: { email: { agencyGroups: ['so-ban-nganh', 'ubnd-huyen'] } },
    });
    campaignId = created.id;
    await editor.request('POST', `/api/campaigns/${campaignId}/submit`);
    await approver.request('POST', `/api/campaigns/${campaignId}/approve`);
    await editor.request('POST', `/api/campaigns/${campaignId}/launch`);
    const [{ n }] = await stack.ds.query(
      `SELECT count(*)::int AS n FROM agencies WHERE group_code IN ('so-ban-nganh', 'ubnd-huyen')`,
    );
    expect(n).toBeGreaterThanOrEqual(4);
    mails = await waitUntil(
      'every agency e-mailed',
      async () => (stack.peers.smtp.messages.length >= n ? [...stack.peers.smtp.messages] : null),
      30_000,
    );
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const list = () => editor.request<Acknowledgement[]>('GET', `/api/campaigns/${campaignId}/acknowledgements`);

  it('gives every agency its own link; opening it shows the letter and records nothing; the button records it once', async () => {
    const links = mails.map((m) => ackLinkOf(m, stack.baseUrl));
    expect(new Set(links).size).toBe(mails.length);
    expect((await list()).every((a) => a.acknowledgedAt === null && a.sentAt !== null)).toBe(true);

    // A mail gateway scanning the message opens the link: that is not an acknowledgement.
    const opened = await fetch(links[0]);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('no-store');
    expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
    const page = await opened.text();
    expect(page).toContain('Xác nhận đã nhận văn bản');
    expect(page).toContain('<button type="submit">Xác nhận đã nhận</button>');
    expect(page).not.toMatch(/<script/iu);
    expect((await list()).filter((a) => a.acknowledgedAt !== null)).toHaveLength(0);

    // Two of the agencies press the button; one of them twice.
    const clicked = mails.slice(0, 2);
    const pressed: string[] = [];
    for (const m of clicked) {
      const res = await fetch(ackLinkOf(m, stack.baseUrl), { method: 'POST' });
      expect(res.status).toBe(200);
      pressed.push(await res.text());
    }
    expect(pressed[0]).toContain('Đã ghi nhận xác nhận');
    const again = await fetch(ackLinkOf(clicked[0], stack.baseUrl), { method: 'POST' });
    expect(await again.text()).toContain('Văn bản đã được xác nhận trước đó');

    const acks = await list();
    const clickedEmails = clicked.flatMap((m) => m.envelopeTo).sort();
    expect(
      acks
        .filter((a) => a.acknowledgedAt !== null)
        .map((a) => a.email)
        .sort(),
    ).toEqual(clickedEmails);
    expect(acks.filter((a) => a.acknowledgedAt === null)).toHaveLength(mails.length - 2);

    const report = await editor.request<{ channels: { email: { acknowledged: number; sent: number } } }>(
      'GET',
      `/api/campaigns/${campaignId}`,
    );
    expect(report.channels.email.acknowledged).toBe(2);
    const audit: Array<{ n: number }> = await stack.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'email.acknowledge' AND target_id = $1`,
      [campaignId],
    );
    expect(audit[0].n).toBe(2);
    // The campaign's trail names the agency that acknowledged, as it names the operators.
    const trail = await editor.request<{ events: Array<{ action: string; actorName: string | null }> }>(
      'GET',
      `/api/campaigns/${campaignId}/audit`,
    );
    const names = trail.events.filter((e) => e.action === 'email.acknowledge').map((e) => e.actorName);
    expect(names.sort()).toEqual(
      acks
        .filter((a) => a.acknowledgedAt !== null)
        .map((a) => a.agencyName)
        .sort(),
    );
  });

  it('works in a browser on a phone: one button, then the time it was recorded, in Vietnamese', async () => {
    const browser: Browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const errors: string[] = [];
      // Every resource the page loads answers (the browser's own favicon request aside).
      page.on('response', (r) => {
        if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(ackLinkOf(mails[3], stack.baseUrl));
      await page.getByRole('heading', { name: 'Xác nhận đã nhận văn bản' }).waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'ack-01-confirm.png'), fullPage: true });
      await page.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
      await page.getByRole('heading', { name: 'Đã ghi nhận xác nhận' }).waitFor();
      expect(await page.textContent('main')).toMatch(/lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}/u);
      await page.screenshot({ path: join(SCREENSHOTS, 'ack-02-recorded.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
    expect((await list()).filter((a) => a.acknowledgedAt !== null)).toHaveLength(3);
  });

  it('answers a forged, a broken and an expired link with a page that says what to do, recording nothing', async () => {
    const link = ackLinkOf(mails[2], stack.baseUrl);
    const token = link.slice(link.lastIndexOf('/') + 1);
    const [id] = token.split('.');

    const forged = await fetch(`${stack.baseUrl}/ack/${id}.${token.split('.')[1]}.${'A'.repeat(22)}`, {
      method: 'POST',
    });
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('Liên kết xác nhận không hợp lệ');

    const cut = await fetch(link.slice(0, -5));
    expect(cut.status).toBe(404);

    const deliveryId = BigInt(parseInt(id, 36)).toString();
    const expiredToken = signAckToken({ deliveryId, expiresAt: new Date(Date.now() - 60_000) }, LINK_SECRET);
    const expired = await fetch(`${stack.baseUrl}/ack/${expiredToken}`, { method: 'POST' });
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('Liên kết xác nhận đã hết hạn');

    const third = (await list()).find((a) => mails[2].envelopeTo.includes(a.email ?? ''));
    expect(third?.acknowledgedAt).toBeNull();
  });
});

describe('silent agencies are reminded, then their silence is reported (api + worker processes, real SMTP peer)', () => {
  let stack: Stack;
  /**
   * Short delays stand for the hours a normal campaign waits; the rule itself is unit-tested with injected time. Three
   * seconds leave the two clicks below (a few milliseconds after the dispatches are seen) well inside the first delay.
   */
  const DELAY_S = 3;

  beforeAll(async () => {
    stack = await startStack({
      ACK_REMIND_AFTER_SECONDS: String(DELAY_S),
      ACK_MAX_REMINDERS: '2',
      ACK_CHECK_INTERVAL_MS: '300',
    });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('reminds only those who did not click, twice, across a worker crash, then tells the editor and approver exactly who', async () => {
    const api = new LoaClient(stack.baseUrl);
    const user = (role: string) => stack.seed.users.find((u) => u.role === role)!;
    const editor = await api.login(user('editor').email, user('editor').password);
    const approver = await api.login(user('approver').email, user('approver').password);
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: sampleLetterText() });
    const now = Date.now();
    const { id } = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Nhắc cơ quan xác nhận',
      startsAt: new Date(now - 1000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      channels: { email: { agencyGroups: ['so-ban-nganh', 'ubnd-huyen'] } },
    });
    await editor.request('POST', `/api/campaigns/${id}/submit`);
    await approver.request('POST', `/api/campaigns/${id}/approve`);
    await editor.request('POST', `/api/campaigns/${id}/launch`);
    const smtp = stack.peers.smtp;
    const dispatches = await waitUntil(
      'every agency e-mailed',
      async () => (smtp.messages.length >= 5 ? [...smtp.messages] : null),
      30_000,
    );
    expect(dispatches).toHaveLength(5);
    // Two agencies acknowledge at once (well inside the delay).
    const clickers = dispatches.slice(0, 2);
    for (const m of clickers) {
      expect((await fetch(ackLinkOf(m, stack.baseUrl), { method: 'POST' })).status).toBe(200);
    }
    const silent = dispatches.slice(2).flatMap((m) => m.envelopeTo);
    const reminders = (n: number) => smtp.messages.filter((m) => m.subject?.startsWith(`[Nhắc lần ${n}]`));

    // The first round of reminders, then the worker crashes and comes back.
    await waitUntil('first reminders', async () => reminders(1).length >= 3 || null, 30_000);
    await stack.worker.kill();
    await stack.startWorker();
    const escalation = await waitUntil(
      'the escalation',
      async () => smtp.messages.find((m) => m.headers['x-loa-escalation'] === 'acknowledgements') ?? null,
      60_000,
    );
    // Quiet for two more delays: nothing more is sent, and nothing was sent twice.
    await new Promise((r) => setTimeout(r, 2 * DELAY_S * 1000));

    for (const n of [1, 2]) {
      expect(
        reminders(n)
          .flatMap((m) => m.envelopeTo)
          .sort(),
      ).toEqual([...silent].sort());
    }
    expect(reminders(3)).toHaveLength(0);
    const first = reminders(1)[0];
    expect(first.text).toContain('Quý cơ quan chưa xác nhận đã nhận văn bản dưới đây, gửi lúc');
    expect(first.attachments).toHaveLength(1);
    // The reminder carries the same link as the dispatch it follows.
    const original = dispatches.find((m) => m.envelopeTo[0] === first.envelopeTo[0])!;
    expect(ackLinkOf(first, stack.baseUrl)).toBe(ackLinkOf(original, stack.baseUrl));

    const escalations = smtp.messages.filter((m) => m.headers['x-loa-escalation'] === 'acknowledgements');
    expect(escalations).toHaveLength(1);
    expect([...escalation.envelopeTo].sort()).toEqual([user('editor').email, user('approver').email].sort());
    for (const email of silent) expect(escalation.text).toContain(`<${email}>`);
    for (const m of clickers) expect(escalation.text).not.toContain(m.envelopeTo[0]);
    expect(escalation.text).toContain(`${stack.baseUrl}/campaigns/${id}`);

    const acks = await editor.request<Acknowledgement[]>('GET', `/api/campaigns/${id}/acknowledgements`);
    const bySilence = acks.filter((a) => a.acknowledgedAt === null);
    expect(bySilence.map((a) => a.email).sort()).toEqual([...silent].sort());
    expect(bySilence.every((a) => a.reminders === 2 && a.escalatedAt !== null)).toBe(true);
    expect(acks.filter((a) => a.acknowledgedAt !== null).every((a) => a.reminders === 0)).toBe(true);
    const audit: Array<{ action: string; n: number }> = await stack.ds.query(
      `SELECT action, count(*)::int AS n FROM audit_events WHERE target_id = $1 AND action LIKE 'email.acknowledgement.%'
        GROUP BY action ORDER BY action`,
      [id],
    );
    expect(audit).toEqual([
      { action: 'email.acknowledgement.escalate', n: 3 },
      { action: 'email.acknowledgement.remind', n: 6 },
    ]);
  });
});
