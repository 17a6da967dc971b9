import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FanoutService } from '@loa/campaigns';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');

/** The lists the console pages through: campaigns and directives, searched, filtered and paginated. */
describe('console lists: GET /api/campaigns and /api/directives (in-process API, real PostgreSQL)', () => {
  let api: InProcessApi;
  let editor: string;
  let approver: string;
  let otherAdmin: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startInProcessApi({ RATE_LIMIT_API_PER_MINUTE: '100000' });
    const http = api.app.getHttpServer();
    const login = async (email: string, password: string) =>
      (await request(http).post('/api/auth/login').send({ email, password }).expect(200)).body.token as string;
    const user = (role: string) => api.seed.users.find((u) => u.role === role)!;
    editor = await login(user('editor').email, user('editor').password);
    approver = await login(user('approver').email, user('approver').password);
    otherAdmin = await login(api.other.adminEmail, api.other.adminPassword);
    const directive = await request(http).post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const make = async (title: string, channels: Record<string, unknown>, startsAt: string, endsAt: string) =>
      (
        await request(http)
          .post('/api/campaigns')
          .set(as(editor))
          .send({ directiveId: directive.body.id, title, channels, startsAt, endsAt })
          .expect(201)
      ).body.id as string;
    ids.fund = await make(
      'Ủng hộ Quỹ vì người nghèo',
      { radio: { stationCodes: ['dtt-mytu'], script: 'Kính mời bà con ủng hộ.' } },
      '2026-10-01T00:00:00Z',
      '2026-10-31T00:00:00Z',
    );
    ids.vaccine = await make(
      'Tiêm vắc-xin 50% dân số',
      { email: { agencyCodes: ['so-yte'] } },
      '2026-12-01T00:00:00Z',
      '2026-12-20T00:00:00Z',
    );
    ids.flood = await make(
      'Phòng chống lụt bão',
      { radio: { stationCodes: ['dtt-mytu'], script: 'Bà con chú ý phòng chống lụt bão.' } },
      '2027-01-01T00:00:00Z',
      '2027-01-10T00:00:00Z',
    );
    await request(http).post(`/api/campaigns/${ids.flood}/submit`).set(as(editor)).expect(200);
  });

  afterAll(async () => {
    await api?.close();
  });

  const get = (path: string, token = editor) => request(api.app.getHttpServer()).get(path).set(as(token));

  it('lists the newest first with the channels, document code and creator, and counts them', async () => {
    const res = await get('/api/campaigns').expect(200);
    expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([ids.flood, ids.vaccine, ids.fund]);
    expect(res.body.items[2]).toMatchObject({
      title: 'Ủng hộ Quỹ vì người nghèo',
      status: 'draft',
      channels: ['radio'],
      documentCode: expect.stringContaining('STTTT'),
      createdByName: expect.any(String),
    });
  });

  it('searches without accents or case, and takes "%" literally', async () => {
    const byWords = await get('/api/campaigns?q=UNG%20HO%20quy').expect(200);
    expect(byWords.body.items.map((c: { id: string }) => c.id)).toEqual([ids.fund]);
    const literal = await get(`/api/campaigns?q=${encodeURIComponent('50%')}`).expect(200);
    expect(literal.body.items.map((c: { id: string }) => c.id)).toEqual([ids.vaccine]);
    expect((await get(`/api/campaigns?q=${encodeURIComponent('5%d')}`).expect(200)).body.total).toBe(0);
  });

  it('filters by status, channel and window, and pages', async () => {
    const waiting = await get('/api/campaigns?status=pending_approval').expect(200);
    expect(waiting.body.items.map((c: { id: string }) => c.id)).toEqual([ids.flood]);
    const two = await get('/api/campaigns?status=draft,pending_approval&channel=radio').expect(200);
    expect(two.body.items.map((c: { id: string }) => c.id)).toEqual([ids.flood, ids.fund]);
    const december = await get('/api/campaigns?from=2026-12-05T00:00:00Z&to=2026-12-31T00:00:00Z').expect(200);
    expect(december.body.items.map((c: { id: string }) => c.id)).toEqual([ids.vaccine]);
    const page2 = await get('/api/campaigns?pageSize=2&page=2').expect(200);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual([ids.fund]);
    const past = await get('/api/campaigns?pageSize=2&page=9').expect(200);
    expect(past.body).toMatchObject({ total: 3, items: [] });
  });

  it('refuses bad filters naming the field', async () => {
    const status = await get('/api/campaigns?status=flying').expect(400);
    expect(String(status.body.message)).toMatch(/status must be among/);
    expect(String((await get('/api/campaigns?channel=fax').expect(400)).body.message)).toMatch(/channel/);
    expect(String((await get('/api/campaigns?pageSize=1000').expect(400)).body.message)).toMatch(/pageSize/);
    expect(String((await get('/api/campaigns?from=yesterday').expect(400)).body.message)).toMatch(/from/);
  });

  it('shows another organisation nothing of this one', async () => {
    expect((await get('/api/campaigns', otherAdmin).expect(200)).body).toMatchObject({ total: 0, items: [] });
    expect((await get('/api/directives', otherAdmin).expect(200)).body).toMatchObject({ total: 0, items: [] });
    await get(`/api/campaigns/${ids.fund}/audit`, otherAdmin).expect(404);
  });

  it('lists directives with their issuer, date and number of campaigns', async () => {
    const res = await get('/api/directives?q=so%20thong%20tin', approver).expect(200);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ campaigns: 3, issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG' });
  });

  it("answers a directive's own date as the CLI prints it: { year, month } when the day is left blank", async () => {
    const list = await get('/api/directives?q=so%20thong%20tin').expect(200);
    expect(list.body.items[0].date).toBeNull();
    const one = await get(`/api/directives/${list.body.items[0].id}`).expect(200);
    expect(one.body.fields.date).toEqual({ year: 2021, month: 9 });
  });

  it("gives every operator the campaign's audit trail, newest first", async () => {
    const res = await get(`/api/campaigns/${ids.flood}/audit`, approver).expect(200);
    expect(res.body.events.map((e: { action: string }) => e.action)).toEqual(['campaign.submit', 'campaign.create']);
  });

  it("shows what each channel will send and to whom, and no other organisation's plan", async () => {
    const radio = await get(`/api/campaigns/${ids.fund}/plan`, approver).expect(200);
    expect(radio.body).toMatchObject({ status: 'draft', createdByName: expect.any(String), approvedBy: null });
    expect(radio.body.channels.radio.content).toMatchObject({ stationCodes: ['dtt-mytu'] });
    const stations = radio.body.channels.radio.recipients as Array<{ code: string; relaysFrom?: string }>;
    expect(stations[0]).toMatchObject({ code: 'dtt-mytu', detail: 'district' });
    expect(stations.slice(1).every((s) => s.relaysFrom === 'dtt-mytu')).toBe(true);
    expect(stations.length).toBeGreaterThan(1);
    const email = await get(`/api/campaigns/${ids.vaccine}/plan`).expect(200);
    expect(email.body.channels.email.recipients).toEqual([
      { code: 'so-yte', name: 'Sở Y tế tỉnh Sóc Trăng', detail: 'syt@soctrang.demo' },
    ]);
    await get(`/api/campaigns/${ids.fund}/plan`, otherAdmin).expect(404);
    await get('/api/campaigns/not-a-uuid/plan').expect(404);
  });

  it('draws SMS deliveries over time in round buckets, and exports the report as CSV', async () => {
    const http = api.app.getHttpServer();
    const directive = await request(http).post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const numbers = ['0912345001', '0912345002', '0912345003', '0912345004'];
    const c = await request(http)
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: directive.body.id,
        title: 'Biểu đồ',
        channels: { sms: { text: 'Loa: thu', subscribers: numbers } },
      })
      .expect(201);
    const id = c.body.id as string;
    await request(http).post(`/api/campaigns/${id}/submit`).set(as(editor)).expect(200);
    await request(http).post(`/api/campaigns/${id}/approve`).set(as(approver)).expect(200);
    await request(http).post(`/api/campaigns/${id}/launch`).set(as(editor)).expect(200);
    await api.app.get(FanoutService).run(id, 0);
    const keys = (
      (await api.ds.query(
        `SELECT recipient_key FROM deliveries WHERE campaign_id = $1 AND channel = 'sms' ORDER BY recipient_key`,
        [id],
      )) as Array<{ recipient_key: string }>
    ).map((r) => r.recipient_key);
    expect(keys).toHaveLength(4);
    // What the SMS worker would have recorded (the sending itself is the e2e suites' subject): four handed over
    // within 40 s, three delivered and one failed.
    await api.ds.query(
      `UPDATE deliveries d SET status = x.status, sent_at = x.sent, final_at = x.final
         FROM (VALUES ($2, 'delivered', '2026-12-01T10:00:00Z'::timestamptz, '2026-12-01T10:00:12Z'::timestamptz),
                      ($3, 'delivered', '2026-12-01T10:00:03Z', '2026-12-01T10:00:14Z'),
                      ($4, 'failed', '2026-12-01T10:00:20Z', '2026-12-01T10:00:21Z'),
                      ($5, 'delivered', '2026-12-01T10:00:40Z', '2026-12-01T10:00:44Z')) AS x(key, status, sent, final)
        WHERE d.campaign_id = $1 AND d.channel = 'sms' AND d.recipient_key = x.key`,
      [id, ...keys],
    );
    const t = await get(`/api/campaigns/${id}/timeline?channel=sms`).expect(200);
    expect(t.body.bucketSeconds).toBe(1);
    const total = (k: 'sent' | 'delivered' | 'failed') =>
      (t.body.points as Array<Record<string, number>>).reduce((a, p) => a + p[k], 0);
    expect([total('sent'), total('delivered'), total('failed')]).toEqual([4, 3, 1]);
    expect(t.body.points[0]).toMatchObject({ at: '2026-12-01T10:00:00.000Z', sent: 1 });
    await get(`/api/campaigns/${id}/timeline?channel=fax`).expect(400);

    const csv = await get(`/api/campaigns/${id}/report.csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('sms,*,delivered,3\r\n');
    expect(csv.text).toContain('sms,*,failed,1\r\n');
    await get(`/api/campaigns/${id}/report.csv`, otherAdmin).expect(404);
  });

  it('tells the console who is signed in', async () => {
    const me = await get('/api/auth/me', approver).expect(200);
    expect(me.body).toMatchObject({ role: 'approver', email: expect.any(String), displayName: expect.any(String) });
    await request(api.app.getHttpServer()).get('/api/auth/me').expect(401);
  });
});
