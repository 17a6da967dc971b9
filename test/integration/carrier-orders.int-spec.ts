import request from 'supertest';
import { signPartnerRequest } from '@loa/auth';
import { FanoutService } from '@loa/campaigns';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';

describe('carrier orders: published, pulled, acknowledged and reported by each carrier alone', () => {
  let api: InProcessApi;
  let http: ReturnType<InProcessApi['app']['getHttpServer']>;
  let editor: string;
  let admin: string;
  const keys: Record<string, string> = {};
  let campaignId: string;

  beforeAll(async () => {
    api = await startInProcessApi();
    http = api.app.getHttpServer();
    const login = (role: string) => loginAs(api, role);
    editor = await login('editor');
    admin = await login('admin');
    for (const carrier of ['viettel', 'vinaphone']) {
      keys[carrier] = (
        await request(http)
          .post('/api/partner-keys')
          .set('authorization', `Bearer ${admin}`)
          .send({ kind: 'carrier', partnerCode: carrier })
          .expect(201)
      ).body.key;
    }
    const directive = await request(http)
      .post('/api/directives')
      .set('authorization', `Bearer ${editor}`)
      .send({
        text: 'UBND TỈNH SÓC TRĂNG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 1163/STTTT-TTBCBC\nV/v nhắn tin tuyên truyền\nKính gửi: Các doanh nghiệp viễn thông',
      })
      .expect(201);
    const campaign = await request(http)
      .post('/api/campaigns')
      .set('authorization', `Bearer ${editor}`)
      .send({
        directiveId: directive.body.id,
        title: 'Nhắn tin theo địa bàn',
        channels: {
          sms: {
            text: 'Sở TTTT Sóc Trăng: chung tay ủng hộ phòng, chống dịch tại vandongxahoi.mattran.org.vn',
            stripDiacritics: true,
            carrierOrders: [
              { carrierCode: 'viettel', area: '92' },
              { carrierCode: 'vinaphone', area: '92' },
            ],
          },
        },
      })
      .expect(201);
    campaignId = campaign.body.id;
    const approver = await login('approver');
    await request(http)
      .post(`/api/campaigns/${campaignId}/submit`)
      .set('authorization', `Bearer ${editor}`)
      .expect(200);
    await request(http)
      .post(`/api/campaigns/${campaignId}/approve`)
      .set('authorization', `Bearer ${approver}`)
      .expect(200);
    await request(http)
      .post(`/api/campaigns/${campaignId}/launch`)
      .set('authorization', `Bearer ${editor}`)
      .expect(200);
    await api.app.get(FanoutService).run(campaignId, 0); // what the worker does on launch
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A carrier's signed POST (HMAC over timestamp and body), as the partner API requires. */
  const signedPost = (path: string, key: string, body?: object, timestamp = Math.floor(Date.now() / 1000)) => {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const r = request(http)
      .post(path)
      .set('x-carrier-key', key)
      .set('x-loa-timestamp', String(timestamp))
      .set('x-loa-signature', signPartnerRequest(key, timestamp, raw));
    return body === undefined ? r : r.set('content-type', 'application/json').send(raw);
  };

  const orders = (carrier: string, key = keys[carrier]) =>
    request(http).get(`/partners/carriers/${carrier}/orders`).set('x-carrier-key', key);

  it('shows each carrier its own order, with the rendered text, sender name, window and legal basis', async () => {
    const res = await orders('viettel').expect(200);
    expect(res.body.orders).toHaveLength(1);
    const o = res.body.orders[0];
    expect(o.text).toBe('So TTTT Soc Trang: chung tay ung ho phong, chong dich tai vandongxahoi.mattran.org.vn');
    expect(o.senderName).toBe('SoTTTT-ST');
    expect(o.legalBasis).toBe('1163/STTTT-TTBCBC');
    expect(o.area).toBe('92');
    expect(o.areaName).toBe('Thành phố Cần Thơ');
    expect(o.status).toBe('open');
  });

  it('keeps carriers apart: another carrier’s key, path or order id finds nothing', async () => {
    const viettelOrder = (await orders('viettel').expect(200)).body.orders[0].id;
    await orders('viettel', keys.vinaphone).expect(404);
    await signedPost(`/partners/carriers/vinaphone/orders/${viettelOrder}/ack`, keys.vinaphone).expect(404);
    await orders('viettel', 'loa_carrier_forged').expect(401);
    const vina = (await orders('vinaphone').expect(200)).body.orders;
    expect(vina).toHaveLength(1);
    expect(vina[0].id).not.toBe(viettelOrder);
  });

  it('takes acknowledgements and progress reports, refusing replays and counts that go down', async () => {
    const id = (await orders('viettel').expect(200)).body.orders[0].id;
    const path = `/partners/carriers/viettel/orders/${id}`;
    const send = (body: object) => signedPost(`${path}/report`, keys.viettel, body);
    // Unsigned, wrongly signed, or replayed outside the window: refused before anything is read.
    await request(http).post(`${path}/ack`).set('x-carrier-key', keys.viettel).expect(401);
    await signedPost(`${path}/ack`, keys.viettel, undefined, Math.floor(Date.now() / 1000) - 600).expect(401);
    await signedPost(`${path}/report`, keys.viettel, { submitted: 1 }).set('x-loa-signature', 'sha256=00').expect(401);
    expect((await signedPost(`${path}/ack`, keys.viettel).expect(200)).body.status).toBe('acknowledged');
    await signedPost(`${path}/ack`, keys.viettel).expect(200);
    const t0 = Date.now();
    await send({ submitted: 1000, delivered: 600, failed: 10, reportedAt: new Date(t0).toISOString() }).expect(200);
    await send({ submitted: 1000, delivered: 600, failed: 10, reportedAt: new Date(t0).toISOString() }).expect(409);
    await send({ submitted: 900, delivered: 650, failed: 10, reportedAt: new Date(t0 + 1000).toISOString() }).expect(
      409,
    );
    await send({ submitted: 10, delivered: 9, failed: 5, reportedAt: new Date(t0 + 1000).toISOString() }).expect(409);
    await send({ submitted: 'many', delivered: 1, failed: 0, reportedAt: 'x' }).expect(400);
    const done = await send({
      submitted: 1200,
      delivered: 1150,
      failed: 30,
      reportedAt: new Date(t0 + 2000).toISOString(),
      final: true,
    }).expect(200);
    expect(done.body.status).toBe('completed');
    await send({ submitted: 1300, delivered: 1150, failed: 30, reportedAt: new Date(t0 + 3000).toISOString() }).expect(
      409,
    );

    const report = await request(http)
      .get(`/api/campaigns/${campaignId}`)
      .set('authorization', `Bearer ${editor}`)
      .expect(200);
    expect(report.body.channels.sms.carrierOrders).toEqual([
      expect.objectContaining({
        carrierCode: 'viettel',
        status: 'completed',
        submitted: 1200,
        delivered: 1150,
        failed: 30,
      }),
      expect.objectContaining({ carrierCode: 'vinaphone', status: 'open', submitted: 0 }),
    ]);
    const audit: Array<{ action: string }> = await api.ds.query(
      `SELECT action FROM audit_events WHERE target_type = 'carrier_order' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'carrier_order.acknowledge',
      'carrier_order.report',
      'carrier_order.complete',
    ]);
  });

  it('withdraws open orders when the campaign is cancelled', async () => {
    await request(http)
      .post(`/api/campaigns/${campaignId}/cancel`)
      .set('authorization', `Bearer ${editor}`)
      .expect(200);
    const vina = (await orders('vinaphone').expect(200)).body.orders[0];
    expect(vina.status).toBe('cancelled');
    expect(vina.campaignStatus).toBe('cancelled');
  });
});
