import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FanoutService } from '@loa/campaigns';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';

const LETTER_2021 = readFileSync(
  join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'),
  'utf8',
);
/** A letter of the merged city after the reform (Sóc Trăng is part of Cần Thơ since 1 July 2025). */
const LETTER_2025 = [
  'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ',
  'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
  'Số: 512/SKHCN-BCVT',
  'Cần Thơ, ngày 15 tháng 9 năm 2025',
  'V/v tuyên truyền vận động ủng hộ Quỹ Vì người nghèo',
  'Kính gửi: Ủy ban nhân dân các xã, phường, đặc khu trên địa bàn thành phố Cần Thơ.',
  'Đề nghị các đơn vị tuyên truyền trên hệ thống truyền thanh cơ sở, cổng thông tin điện tử.',
].join('\n');

/** The two communes of the campaign: Phường Sóc Trăng (once Phường 5–8) and Xã Mỹ Hương (once three communes). */
const PHUONG_SOC_TRANG = '31507';
const XA_MY_HUONG = '31591';

/**
 * A campaign's area on real PostgreSQL through the API: a campaign for two communes reaches only the stations,
 * portals and carrier-order areas within them; a former unit is refused with what it became; letters from before
 * and after the reform propose the same area.
 */
describe('campaign areas (administrative units after the 2025 reform)', () => {
  let api: InProcessApi;
  let editor: string;
  let approver: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startInProcessApi({ RATE_LIMIT_API_PER_MINUTE: '100000' });
    const login = (role: string) => loginAs(api, role);
    [editor, approver] = [await login('editor'), await login('approver')];
    // Two commune stations and a ward's portal beside the demo directory (district stations, province portals).
    for (const [code, name, unit] of [
      ['dtt-phuong-soctrang', 'Đài Truyền thanh phường Sóc Trăng', PHUONG_SOC_TRANG],
      ['dtt-xa-myhuong-moi', 'Đài Truyền thanh xã Mỹ Hương', XA_MY_HUONG],
    ]) {
      await api.ds.query(
        `INSERT INTO stations (organization_id, code, name, level, admin_unit_code, region, broadcast_slots, time_zone)
         SELECT organization_id, $1, $2, 'commune', $3, region, broadcast_slots, time_zone FROM stations WHERE code = 'dtt-mytu'`,
        [code, name, unit],
      );
    }
    await api.ds.query(
      `INSERT INTO portals (organization_id, code, name, url, embed_key, admin_unit_code)
       SELECT organization_id, 'cong-phuong-soctrang', 'Trang thông tin phường Sóc Trăng', 'https://phuongsoctrang.cantho.gov.vn',
              'area-spec-embed-key', $1 FROM portals WHERE code = 'cong-ttdt-tinh'`,
      [PHUONG_SOC_TRANG],
    );
    // The people's committees of the two new communes, one group.
    for (const [code, name, unit] of [
      ['ubnd-xa-myhuong', 'UBND xã Mỹ Hương', XA_MY_HUONG],
      ['ubnd-phuong-soctrang', 'UBND phường Sóc Trăng', PHUONG_SOC_TRANG],
    ]) {
      await api.ds.query(
        `INSERT INTO agencies (organization_id, code, name, email, group_code, admin_unit_code)
         SELECT organization_id, $1, $2, $1 || '@cantho.demo', 'ubnd-xa-moi', $3 FROM agencies WHERE code = 'so-yte'`,
        [code, name, unit],
      );
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  async function directive(text = LETTER_2021): Promise<{
    id: string;
    plan: { area: { proposed: Array<{ code: string }> }; issuer: unknown; notes: Array<{ code: string }> };
  }> {
    const res = await request(api.app.getHttpServer())
      .post('/api/directives')
      .set(as(editor))
      .send({ text })
      .expect(201);
    return res.body;
  }

  const create = async (body: Record<string, unknown>) =>
    request(api.app.getHttpServer())
      .post('/api/campaigns')
      .set(as(editor))
      .send({ directiveId: (await directive()).id, title: 'Vận động ủng hộ', ...body });

  it('reaches only the stations, portals and carrier-order areas within a two-commune area', async () => {
    const http = api.app.getHttpServer();
    const created = await create({
      area: [PHUONG_SOC_TRANG, XA_MY_HUONG],
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      channels: {
        radio: { stationCodes: [], script: 'Kính thưa bà con' },
        banner: {
          headline: 'Chung tay ủng hộ',
          body: 'Quỹ Vì người nghèo',
          targetUrl: 'https://vandongxahoi.mattran.org.vn',
          portalCodes: ['cong-phuong-soctrang'],
        },
        sms: { text: 'Ung ho Quy Vi nguoi ngheo', carrierOrders: [{ carrierCode: 'viettel', area: PHUONG_SOC_TRANG }] },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body.area).toEqual([
      { code: PHUONG_SOC_TRANG, name: 'Phường Sóc Trăng', level: 'commune' },
      { code: XA_MY_HUONG, name: 'Xã Mỹ Hương', level: 'commune' },
    ]);
    const plan = await request(http).get(`/api/campaigns/${id}/plan`).set(as(editor)).expect(200);
    expect(plan.body.channels.radio.content.stationCodes).toEqual(['dtt-phuong-soctrang', 'dtt-xa-myhuong-moi']);
    expect(plan.body.area.map((u: { name: string }) => u.name)).toEqual(['Phường Sóc Trăng', 'Xã Mỹ Hương']);
    expect(plan.body.channels.banner.recipients.map((r: { code: string }) => r.code)).toEqual(['cong-phuong-soctrang']);

    await request(http).post(`/api/campaigns/${id}/submit`).set(as(editor)).expect(200);
    await request(http).post(`/api/campaigns/${id}/approve`).set(as(approver)).expect(200);
    await request(http).post(`/api/campaigns/${id}/launch`).set(as(editor)).expect(200);
    await api.app.get(FanoutService).run(id, 0);

    const radio: Array<{ code: string }> = await api.ds.query(
      `SELECT recipient_key AS code FROM deliveries WHERE campaign_id = $1 AND channel = 'radio' ORDER BY 1`,
      [id],
    );
    expect(radio.map((r) => r.code)).toEqual(['dtt-phuong-soctrang', 'dtt-xa-myhuong-moi']);
    const orders: Array<{ area: string; area_name: string }> = await api.ds.query(
      `SELECT area, area_name FROM carrier_orders WHERE campaign_id = $1`,
      [id],
    );
    expect(orders).toEqual([{ area: PHUONG_SOC_TRANG, area_name: 'Phường Sóc Trăng' }]);
    const [audit]: Array<{ after: { area: string[] } }> = await api.ds.query(
      `SELECT after FROM audit_events WHERE target_id = $1 AND action = 'campaign.create'`,
      [id],
    );
    expect(audit.after.area).toEqual([PHUONG_SOC_TRANG, XA_MY_HUONG]);
  });

  it('refuses what lies outside the area, naming the field, and stores nothing', async () => {
    const [{ n: before }]: Array<{ n: string }> = await api.ds.query(`SELECT count(*) AS n FROM campaigns`);
    const outside = await create({
      area: [PHUONG_SOC_TRANG],
      channels: { radio: { stationCodes: ['dtt-mytu'], script: 'Kính thưa bà con' } },
    });
    expect(outside.status).toBe(422);
    expect(JSON.stringify(outside.body)).toContain('channels.radio.stationCodes');
    const provincePortal = await create({
      area: [PHUONG_SOC_TRANG],
      channels: {
        banner: {
          headline: 'h',
          body: 'b',
          targetUrl: 'https://vandongxahoi.mattran.org.vn',
          portalCodes: ['cong-ttdt-tinh'],
        },
      },
    });
    expect(provincePortal.status).toBe(422);
    expect(JSON.stringify(provincePortal.body)).toContain('channels.banner.portalCodes');
    const order = await create({
      area: [XA_MY_HUONG],
      channels: { sms: { text: 'x', carrierOrders: [{ carrierCode: 'viettel', area: '92' }] } },
    });
    expect(order.status).toBe(422);
    expect(JSON.stringify(order.body)).toContain('channels.sms.carrierOrders[0].area');
    const former = await create({ area: ['94'], channels: { radio: { stationCodes: [], script: 'x' } } });
    expect(former.status).toBe(422);
    expect(JSON.stringify(former.body)).toContain('it is now part of 92 Thành phố Cần Thơ');
    const notACode = await create({ area: ['Sóc Trăng'], channels: { radio: { stationCodes: [], script: 'x' } } });
    expect(notACode.status).toBe(400);
    const [{ n: after }]: Array<{ n: string }> = await api.ds.query(`SELECT count(*) AS n FROM campaigns`);
    expect(after).toBe(before);
  });

  it('refuses a malformed area or mode on a new campaign, an edit and a letter’s proposal, naming the field', async () => {
    const http = api.app.getHttpServer();
    const radio = { radio: { stationCodes: [], script: 'Kính thưa bà con' } };
    const areaError = 'area must list codes of administrative units, e.g. 92 or 31507';
    const modeError = 'mode must be one of actual, exercise, test';
    const refused = (res: request.Response, error: string) => {
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(error);
    };
    const [{ n: before }]: Array<{ n: string }> = await api.ds.query(`SELECT count(*) AS n FROM campaigns`);
    refused(await create({ area: [PHUONG_SOC_TRANG, '3150x'], channels: radio }), areaError);
    refused(
      await create({ area: Array(501).fill(PHUONG_SOC_TRANG), channels: radio }),
      'area must contain no more than 500',
    );
    refused(await create({ mode: 'drill', channels: radio }), modeError);
    const letter = await directive();
    const proposal = (body: Record<string, unknown>) =>
      request(http).post(`/api/directives/${letter.id}/campaign`).set(as(editor)).send(body);
    refused(await proposal({ area: ['Sóc Trăng'] }), areaError);
    refused(await proposal({ mode: 'drill' }), modeError);
    const [{ n: after }]: Array<{ n: string }> = await api.ds.query(`SELECT count(*) AS n FROM campaigns`);
    expect(after).toBe(before);

    const draft = await create({ area: [XA_MY_HUONG], mode: 'exercise', channels: radio });
    expect(draft.status).toBe(201);
    const edit = (body: Record<string, unknown>) =>
      request(http).patch(`/api/campaigns/${draft.body.id}`).set(as(editor)).send(body);
    refused(await edit({ area: ['31591', '9'] }), areaError);
    refused(await edit({ mode: 'drill' }), modeError);
    const kept = await request(http).get(`/api/campaigns/${draft.body.id}`).set(as(editor)).expect(200);
    expect(kept.body.mode).toBe('exercise');
    expect(kept.body.area.map((u: { code: string }) => u.code)).toEqual([XA_MY_HUONG]);
    // Well-formed, such an edit is taken (the area grows: the stations it chose stay within it).
    const taken = await edit({ area: [PHUONG_SOC_TRANG, XA_MY_HUONG], mode: 'actual' });
    expect(taken.status).toBe(200);
    expect(taken.body.mode).toBe('actual');
    expect(taken.body.area.map((u: { code: string }) => u.code)).toEqual([PHUONG_SOC_TRANG, XA_MY_HUONG]);
  });

  it('writes to the members of an agency group within the area only', async () => {
    const http = api.app.getHttpServer();
    const created = await create({
      area: [XA_MY_HUONG],
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      channels: { email: { agencyGroups: ['ubnd-xa-moi'] } },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const plan = await request(http).get(`/api/campaigns/${id}/plan`).set(as(editor)).expect(200);
    expect(plan.body.channels.email.content).toMatchObject({ agencyGroups: [], agencyCodes: ['ubnd-xa-myhuong'] });
    expect(plan.body.channels.email.recipients.map((r: { code: string }) => r.code)).toEqual(['ubnd-xa-myhuong']);
    await request(http).post(`/api/campaigns/${id}/submit`).set(as(editor)).expect(200);
    await request(http).post(`/api/campaigns/${id}/approve`).set(as(approver)).expect(200);
    await request(http).post(`/api/campaigns/${id}/launch`).set(as(editor)).expect(200);
    await api.app.get(FanoutService).run(id, 0);
    const email: Array<{ code: string }> = await api.ds.query(
      `SELECT recipient_key AS code FROM deliveries WHERE campaign_id = $1 AND channel = 'email'`,
      [id],
    );
    expect(email).toEqual([{ code: 'ubnd-xa-myhuong' }]);
    // The whole province holds both: the group stays a group.
    const wide = await create({ area: ['92'], channels: { email: { agencyGroups: ['ubnd-xa-moi'] } } });
    expect(wide.status).toBe(201);
    const widePlan = await request(http).get(`/api/campaigns/${wide.body.id}/plan`).set(as(editor)).expect(200);
    expect(widePlan.body.channels.email.content).toMatchObject({ agencyGroups: ['ubnd-xa-moi'] });
    expect(widePlan.body.channels.email.recipients).toHaveLength(2);
  });

  it('proposes the same area for a 2021 Sóc Trăng letter and a 2025 letter of the merged city', async () => {
    const old = await directive(LETTER_2021);
    const merged = await directive(LETTER_2025);
    expect(old.plan.area.proposed).toEqual([{ code: '92', name: 'Thành phố Cần Thơ', level: 'province' }]);
    expect(merged.plan.area.proposed).toEqual(old.plan.area.proposed);
  });

  it('reads both letters as the organisation’s own: the 2021 signer is the body it grew out of', async () => {
    const old = await directive(LETTER_2021);
    const merged = await directive(LETTER_2025);
    expect(old.plan.issuer).toEqual({
      signer: {
        code: '94-stttt',
        name: 'Sở Thông tin và Truyền thông tỉnh Sóc Trăng',
        shortName: 'Sở TTTT Sóc Trăng',
        validTo: '2025-02-28',
      },
      now: [expect.objectContaining({ code: '92-skhcn-2025-07', name: 'Sở Khoa học và Công nghệ thành phố Cần Thơ' })],
      yours: true,
    });
    expect(old.plan.notes).toContainEqual(expect.objectContaining({ code: 'issuer-former-body' }));
    expect(merged.plan.issuer).toEqual({
      signer: expect.objectContaining({ code: '92-skhcn-2025-07', validTo: null }),
      now: [expect.objectContaining({ code: '92-skhcn-2025-07' })],
      yours: true,
    });
    // Another department of the same city is not the organisation.
    const other = await directive(LETTER_2025.replace('SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH'));
    expect(other.plan.issuer).toMatchObject({ signer: { code: '92-svhttdl-2025-07' }, yours: false });
  });

  it('leaves out subscribers whose list puts them outside the area, saying why', async () => {
    const http = api.app.getHttpServer();
    const created = await create({
      area: [XA_MY_HUONG],
      channels: {
        sms: { text: 'Ung ho Quy Vi nguoi ngheo', carrierOrders: [{ carrierCode: 'viettel', area: XA_MY_HUONG }] },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const csv = [
      'Số điện thoại,Địa bàn',
      '0961 300 001,Xã Mỹ Hương',
      '0961 300 002,xã Phú Mỹ', // merged into Mỹ Hương in 2025: in
      '0961 300 003,Phường Sóc Trăng', // out
      '0961 300 004,', // no place given: kept
      '0961 300 005,Nơi không có', // not a place the map knows: kept
    ].join('\n');
    const res = await request(http)
      .post(`/api/campaigns/${id}/audience`)
      .set(as(editor))
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'thue-bao.csv', contentType: 'text/csv' })
      .expect(201);
    expect(res.body).toMatchObject({ rows: 5, accepted: 4, rejected: 1 });
    const rejects = await request(http)
      .get(`/api/campaigns/${id}/audience/imports/${res.body.importId}/rejects.csv`)
      .set(as(editor))
      .expect(200);
    expect(rejects.text).toContain('Ngoài khu vực của chiến dịch / outside the campaign');
    expect(rejects.text).toContain('Phường Sóc Trăng');
  });
});
