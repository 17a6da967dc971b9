import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FanoutService } from '@loa/campaigns';
import { docxToText, pdfToText } from '@loa/directives';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';

const LETTER = readFileSync(
  join(__dirname, '../fixtures/directives/kien-giang-stttt-570-2021-06-5k-vaccine.txt'),
  'utf8',
);

/** GET /api/campaigns/:id/result-report over a launched campaign (in-process API, real PostgreSQL and Redis). */
describe('the result report letter (báo cáo kết quả) as DOCX and PDF', () => {
  let api: InProcessApi;
  let editor: string;
  let campaignId: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const http = () => request(api.app.getHttpServer());
  /** Collects a binary body into a Buffer (supertest would otherwise read it as text). */
  const binary: Parameters<request.Test['parse']>[0] = (res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    api = await startInProcessApi();
    const login = (role: string) => loginAs(api, role);
    editor = await login('editor');
    const approver = await login('approver');
    const d = await http().post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const c = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: d.body.id,
        title: 'Thông điệp 5K và tiêm vắc xin',
        channels: {
          email: { agencyGroups: ['so-ban-nganh'] },
          radio: { stationCodes: ['dtt-mytu'], script: 'Bà con thực hiện thông điệp 5K.' },
        },
      })
      .expect(201);
    campaignId = c.body.id;
    await http().post(`/api/campaigns/${campaignId}/submit`).set(as(editor)).expect(200);
    await http().post(`/api/campaigns/${campaignId}/approve`).set(as(approver)).expect(200);
    await http().post(`/api/campaigns/${campaignId}/launch`).set(as(editor)).expect(200);
    await api.app.get(FanoutService).run(campaignId, 0);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers a DOCX that cites the directive, names the issuer as recipient and states the channels', async () => {
    const res = await http()
      .get(`/api/campaigns/${campaignId}/result-report`)
      .query({ signerTitle: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC', signerName: 'Trần Văn Ký' })
      .set(as(editor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="bao-cao-ket-qua-[0-9a-f]{8}\.docx"/u);
    const text = docxToText(res.body as Buffer).replace(/\s+/gu, ' ');
    // The organisation as it is today (config/organizations): the department Sở TTTT Sóc Trăng became.
    expect(text).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ THÀNH PHỐ CẦN THƠ');
    expect(text).toMatch(/Số: +\/BC-SKHCN/u);
    // The letter's signer no longer exists: the report goes to the body that carries its work today.
    expect(text).toContain('Kính gửi: Sở Khoa học và Công nghệ tỉnh An Giang.');
    expect(text).toContain(
      'Thực hiện Công văn số 570/STTTT-TTBCBC ngày 4/6/2021 của Sở Thông tin và Truyền thông tỉnh Kiên Giang',
    );
    expect(text).toContain('1. Thư điện tử: đã gửi văn bản tới 0/3 cơ quan, đơn vị');
    // The district station and the commune stations relaying it.
    expect(text).toContain('2. Hệ thống truyền thanh cơ sở: 3 đài truyền thanh; đã phát 0 lượt');
    expect(text).toContain('về việc đẩy mạnh thông tin, tuyên truyền');
    expect(text).toContain('KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC');
    expect(text).toContain('Trần Văn Ký');
  });

  it('answers a PDF with the font embedded, to another authority when the office picks one', async () => {
    const res = await http()
      .get(`/api/campaigns/${campaignId}/result-report`)
      .query({ format: 'pdf', recipient: 'Ủy ban nhân dân tỉnh Sóc Trăng' })
      .set(as(editor))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.toString('latin1')).toMatch(/FontName \/[A-Z]{6}\+LiberationSerif/u);
    const text = (await pdfToText(pdf)).replace(/\s+/gu, ' ');
    expect(text).toContain('Kính gửi: Ủy ban nhân dân tỉnh Sóc Trăng.');
    expect(text).toContain('Cần Thơ, ngày');
  });

  it('refuses an unknown format naming the field, and another organisation gets 404', async () => {
    const bad = await http()
      .get(`/api/campaigns/${campaignId}/result-report`)
      .query({ format: 'odt' })
      .set(as(editor))
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('format');
    const other = (
      await http()
        .post('/api/auth/login')
        .send({ email: api.other.adminEmail, password: api.other.adminPassword })
        .expect(200)
    ).body.token as string;
    await http().get(`/api/campaigns/${campaignId}/result-report`).set(as(other)).expect(404);
  });
});
