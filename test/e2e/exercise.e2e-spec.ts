import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoaClient, LoaHttpError } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { loginAs } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';

jest.setTimeout(180_000);

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const TEST_PHONE = '0961 000 777';
const TEST_MSISDN = '84961000777';
const TEST_MAILBOX = 'dien-tap@soctrang.demo';
const STATION = 'dtt-mytu';
const HEADLINE = 'Chung tay ủng hộ đồng bào';

/**
 * An exercise (CAP status Exercise) goes through approval and every channel like a real campaign, but reaches only
 * the organisation's test list: api + worker as processes, a real SMPP peer and SMTP capture, a portal loading its
 * embed, a station pulling its feeds with its key.
 */
describe('an exercise reaches only the test list, and every channel marks it', () => {
  let stack: Stack;
  let editor: LoaClient;
  let approver: LoaClient;
  let admin: LoaClient;
  let campaignId: string;

  beforeAll(async () => {
    stack = await startStack();
    [editor, approver, admin] = await Promise.all(
      ['editor', 'approver', 'admin'].map((role) => loginAs(stack.baseUrl, stack.seed, role)),
    );
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: LoaHttpError) => e,
    );

  it('refuses a bad test list entry by entry, keeping the list it had', async () => {
    const before = await admin.request<{ msisdns: string[]; emails: string[] }>('GET', '/api/admin/test-list');
    const e = await refusal(
      admin.request('PUT', '/api/admin/test-list', { msisdns: ['0961 000 777', '12345'], emails: ['khong-phai-thu'] }),
    );
    expect(e.status).toBe(422);
    expect((e.body as { errors: Array<{ field: string }> }).errors.map((p) => p.field)).toEqual([
      'msisdns[1]',
      'emails[0]',
    ]);
    await expect(admin.request('GET', '/api/admin/test-list')).resolves.toEqual(before);
    await expect(
      refusal(editor.request('PUT', '/api/admin/test-list', { msisdns: [], emails: [] })),
    ).resolves.toMatchObject({ status: 403 });
  });

  it('will not launch while the test list cannot reach a channel, and says which', async () => {
    await admin.request('PUT', '/api/admin/test-list', { msisdns: [TEST_PHONE], emails: [] });
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    ({ id: campaignId } = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Diễn tập: vận động ủng hộ',
      mode: 'exercise',
      channels: {
        sms: {
          text: 'So TTTT Soc Trang: ung ho dong bao tai vandongxahoi.mattran.org.vn',
          stripDiacritics: true,
          subscribers: stack.seed.subscribers,
          carrierOrders: [{ carrierCode: 'viettel', area: '92' }],
        },
        email: { agencyGroups: ['so-ban-nganh'] },
        banner: { headline: HEADLINE, targetUrl: 'https://vandongxahoi.mattran.org.vn/' },
        radio: { stationCodes: [STATION], script: 'Bà con chung tay ủng hộ đồng bào bị thiên tai.' },
      },
    }));
    await editor.request('POST', `/api/campaigns/${campaignId}/submit`);
    await approver.request('POST', `/api/campaigns/${campaignId}/approve`);
    const e = await refusal(editor.request('POST', `/api/campaigns/${campaignId}/launch`));
    expect(e.status).toBe(422);
    expect(JSON.stringify(e.body)).toMatch(/mode: danh sách thử nghiệm chưa có địa chỉ thư/);
    await expect(editor.request('GET', `/api/campaigns/${campaignId}`)).resolves.toMatchObject({ status: 'approved' });
  });

  it('sends SMS and e-mail to the test list only, marked, and publishes no carrier order', async () => {
    await admin.request('PUT', '/api/admin/test-list', { msisdns: [TEST_PHONE], emails: [TEST_MAILBOX] });
    const plan = await approver.request<{ mode: string; testList: unknown }>(
      'GET',
      `/api/campaigns/${campaignId}/plan`,
    );
    expect(plan).toMatchObject({ mode: 'exercise', testList: { msisdns: [TEST_MSISDN], emails: [TEST_MAILBOX] } });
    await editor.request('POST', `/api/campaigns/${campaignId}/launch`);

    const report = () =>
      editor.request<{ channels: { sms: { delivered: number; total: number }; email: { sent: number } } }>(
        'GET',
        `/api/campaigns/${campaignId}`,
      );
    await waitUntil(
      'the test phone and mailbox reached',
      async () => {
        const r = await report();
        return r.channels.sms.delivered === 1 && r.channels.email.sent === 1 ? r : null;
      },
      60_000,
      200,
    );
    const r = await report();
    expect(r.channels.sms.total).toBe(1);
    expect(stack.peers.smsc.submissions.map((s) => s.destination)).toEqual([TEST_MSISDN]);
    expect(stack.peers.smsc.submissions[0].text).toMatch(/^\[DIEN TAP\] So TTTT Soc Trang/);
    const mail = stack.peers.smtp.messages;
    expect(mail.map((m) => m.envelopeTo)).toEqual([[TEST_MAILBOX]]);
    expect(mail[0].subject).toMatch(/^\[DIỄN TẬP\] V\/v /);
    expect(mail[0].text).toMatch(/^\[DIỄN TẬP\] Đây là thư diễn tập/);
    // No carrier is asked to send to a whole area for a rehearsal.
    const orders: unknown[] = await stack.ds.query(`SELECT 1 FROM carrier_orders WHERE campaign_id = $1`, [campaignId]);
    expect(orders).toEqual([]);
  });

  it('shows the banner only in the preview, never to a portal', async () => {
    const portal = stack.seed.portals[0];
    const served = await (await fetch(`${stack.baseUrl}/embed/${portal.embedKey}`)).text();
    expect(served).not.toContain(HEADLINE);
    const preview = await editor.raw('GET', `/api/campaigns/${campaignId}/banner-preview`);
    expect(preview.status).toBe(200);
    expect(await preview.text()).toContain(HEADLINE);
  });

  it("marks the station's feeds so that nobody airs it", async () => {
    const key = stack.seed.stationKeys.find((s) => s.code === STATION)!.key;
    const get = async (feed: string) =>
      (await fetch(`${stack.baseUrl}/stations/${STATION}/${feed}`, { headers: { 'x-station-key': key } })).text();
    const json = JSON.parse(await get('feed.json')) as { scripts: Array<{ campaignId: string; mode: string }> };
    expect(json.scripts.find((s) => s.campaignId === campaignId)).toMatchObject({ mode: 'exercise', doNotAir: true });
    const cap = await get('feed.cap');
    expect(cap).toContain('<status>Exercise</status>');
    expect(cap).toContain('KHÔNG PHÁT LÊN LOA');
    expect(await get('feed.rss')).toContain('[DIỄN TẬP]');
  });

  it("sends an operator's test SMS to their own phone only, marked, once a minute however often they press", async () => {
    const refused = await refusal(admin.request('POST', `/api/campaigns/${campaignId}/test-sms`));
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toMatch(/phone: tài khoản của bạn chưa có số điện thoại/);

    const [first, second] = await Promise.all([
      editor.request<{ to: string; text: string; segments: number }>('POST', `/api/campaigns/${campaignId}/test-sms`),
      editor.request<{ to: string }>('POST', `/api/campaigns/${campaignId}/test-sms`),
    ]);
    expect(first).toMatchObject({ to: '84961000111', segments: 1 });
    expect(first.text).toMatch(/^\[THU\] \[DIEN TAP\] So TTTT Soc Trang/);
    expect(second.to).toBe(first.to);
    // One message a minute per person and campaign: as many as the distinct jobs the two presses asked for.
    const audit = await editor.request<{ events: Array<{ action: string; after: { jobId?: string } }> }>(
      'GET',
      `/api/campaigns/${campaignId}/audit`,
    );
    const jobs = new Set(audit.events.filter((e) => e.action === 'campaign.test_sms').map((e) => e.after.jobId));
    expect(jobs.size).toBeGreaterThanOrEqual(1);
    const toEditor = () => stack.peers.smsc.submissions.filter((x) => x.destination === first.to);
    await waitUntil('the test SMS submitted', async () => (toEditor().length >= jobs.size ? true : null), 30_000, 100);
    await waitUntil(
      'its outcome audited',
      async () => {
        const a = await editor.request<{ events: Array<{ action: string }> }>(
          'GET',
          `/api/campaigns/${campaignId}/audit`,
        );
        return a.events.filter((e) => e.action === 'campaign.test_sms.sent').length >= jobs.size || null;
      },
      30_000,
      100,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(toEditor()).toHaveLength(jobs.size);
    expect(toEditor()[0].text).toBe(first.text);
    // No subscriber's row, no delivery for the editor's number.
    const rows: unknown[] = await stack.ds.query(
      `SELECT 1 FROM deliveries WHERE campaign_id = $1 AND recipient_key = $2`,
      [campaignId, first.to],
    );
    expect(rows).toEqual([]);
  });

  it('keeps the exercise apart from real campaigns in the list and the report', async () => {
    const list = (mode: string) =>
      editor.request<{ items: Array<{ id: string; mode: string }> }>('GET', `/api/campaigns?mode=${mode}`);
    expect((await list('actual')).items.map((c) => c.id)).not.toContain(campaignId);
    expect((await list('exercise')).items).toEqual([expect.objectContaining({ id: campaignId, mode: 'exercise' })]);
    const csv = await (await editor.raw('GET', `/api/campaigns/${campaignId}/report.csv`)).text();
    expect(csv.split('\r\n')[1]).toBe('campaign,*,mode,exercise');
  });
});
