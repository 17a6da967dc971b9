import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoaClient } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { loginAs, submitApproveLaunch } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const SUBSCRIBERS = Array.from({ length: 150 }, (_, i) => `096 ${String(3_000_000 + i)}`);
const AGENCY_GROUPS = ['so-ban-nganh', 'ubnd-huyen', 'bao-chi', 'ubnd-xa'];

/**
 * Pause stops every channel at once and resume finishes the work with nothing lost or doubled: SMS through the
 * SMPP simulator (slowed so the pause lands mid-send), e-mail through the SMTP capture, the station's feed and the
 * portal's banner. The api and the worker are separate processes, as deployed.
 */
describe('pause and resume on every channel (api + worker processes, real peers)', () => {
  let stack: Stack;
  let editor: LoaClient;
  let approver: LoaClient;

  beforeAll(async () => {
    stack = await startStack();
    editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const smsSubmitted = () => stack.peers.smsc.submissions.map((s) => s.destination);
  const mailsTo = () => stack.peers.smtp.messages.flatMap((m) => m.envelopeTo);
  const feed = async () => {
    const station = stack.seed.stationKeys.find((s) => s.code === 'dtt-mytu')!;
    const res = await fetch(`${stack.baseUrl}/stations/dtt-mytu/feed.json`, {
      headers: { 'x-station-key': station.key },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { scripts: Array<{ status: string; title: string }> };
  };
  const banner = async () => {
    const portal = stack.seed.portals.find((p) => p.code === 'cong-ttdt-tinh')!;
    return (await fetch(`${stack.baseUrl}/embed/${portal.embedKey}`)).text();
  };
  const rowStatuses = async (id: string) =>
    Object.fromEntries(
      (
        (await stack.ds.query(
          `SELECT channel || ':' || status AS k, count(*)::int AS n FROM deliveries WHERE campaign_id = $1
            GROUP BY 1 ORDER BY 1`,
          [id],
        )) as Array<{ k: string; n: number }>
      ).map((r) => [r.k, r.n]),
    );

  it('pauses SMS, e-mail, the station feed and the banner together, and resume sends the rest exactly once', async () => {
    stack.peers.smscOptions.latencyMs = 40;
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    const title = 'Tạm dừng và tiếp tục';
    const now = Date.now();
    const { id } = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title,
      startsAt: new Date(now - 1000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      channels: {
        sms: { text: 'So TTTT: tam dung va tiep tuc', subscribers: SUBSCRIBERS },
        email: { agencyGroups: AGENCY_GROUPS },
        radio: { stationCodes: ['dtt-mytu'], script: 'Kính mời bà con ủng hộ Quỹ phòng, chống dịch.' },
        banner: {
          portalCodes: ['cong-ttdt-tinh'],
          headline: title,
          body: 'Ủng hộ Quỹ',
          targetUrl: 'https://vandongxahoi.mattran.org.vn',
        },
      },
    });
    await submitApproveLaunch(editor, approver, id);
    const [{ n: agencies }] = await stack.ds.query(
      `SELECT count(*)::int AS n FROM agencies WHERE group_code = ANY($1)`,
      [AGENCY_GROUPS],
    );

    // Mid-send: some SMS out, the station has the script, the banner shows.
    await waitUntil('30 SMS submitted', async () => smsSubmitted().length >= 30 || null, 30_000, 20);
    await editor.request('POST', `/api/campaigns/${id}/pause`);
    expect((await feed()).scripts.find((s) => s.title === title)?.status).toBe('paused');
    // Portals' banners are served from memory: every API process drops a paused one within about a second.
    await waitUntil('the banner withdrawn', async () => !(await banner()).includes(title) || null, 3000, 50);

    // What was in flight settles; then nothing more goes out while paused.
    await new Promise((r) => setTimeout(r, 1500));
    const atPause = { sms: smsSubmitted().length, mail: mailsTo().length };
    expect(atPause.sms).toBeLessThan(SUBSCRIBERS.length);
    await new Promise((r) => setTimeout(r, 3000));
    expect(smsSubmitted().length).toBe(atPause.sms);
    expect(mailsTo().length).toBe(atPause.mail);
    const paused = await rowStatuses(id);
    expect(paused['sms:queued']).toBeGreaterThan(0);

    await editor.request('POST', `/api/campaigns/${id}/resume`);
    expect((await feed()).scripts.find((s) => s.title === title)?.status).toBe('active');
    await waitUntil('the banner back', async () => (await banner()).includes(title) || null, 3000, 50);
    await waitUntil(
      'every SMS and e-mail row final',
      async () => {
        const s = await rowStatuses(id);
        return !s['sms:queued'] && !s['sms:sending'] && !s['email:queued'] && !s['email:sending'] ? s : null;
      },
      90_000,
      300,
    );

    const sms = smsSubmitted();
    expect(new Set(sms).size).toBe(sms.length); // nothing sent twice
    expect(sms.length).toBe(SUBSCRIBERS.length); // nothing lost
    const mails = mailsTo();
    expect(new Set(mails).size).toBe(mails.length);
    expect(mails.length).toBe(agencies);
    const final = await rowStatuses(id);
    expect((final['sms:delivered'] ?? 0) + (final['sms:sent'] ?? 0)).toBe(SUBSCRIBERS.length);
    expect(final['email:sent']).toBe(agencies);
    const trail = await editor.request<{ events: Array<{ action: string }> }>('GET', `/api/campaigns/${id}/audit`);
    expect(trail.events.map((e) => e.action)).toEqual(expect.arrayContaining(['campaign.pause', 'campaign.resume']));
    stack.peers.smscOptions.latencyMs = 0;
  });
});
