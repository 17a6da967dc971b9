import request from 'supertest';
import { AuditService } from '@loa/audit';
import { signPartnerRequest } from '@loa/auth';
import { FanoutService, OverdueFollowUps, OverdueFollowUpsRepository } from '@loa/campaigns';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { MailTransport } from '@loa/email';
import { RadioBroadcastsRepository } from '@loa/radio';
import { CarrierPausesRepository, CarrierOrdersRepository } from '@loa/sms';
import { SmtpCapture, startSmtpCapture } from '../../tools/peers/smtp-capture';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';

const DISTRICT = 'dtt-mytu';
const PULLS_AND_MISSES = 'dtt-xa-mytu-thitran';
const NEVER_PULLS = 'dtt-xa-mytu-myhuong';
const contact = (code: string) => `${code}@truyenthanh.soctrang.demo`;
const HOUR = 3600_000;

/** Local "HH:MM" in Asia/Ho_Chi_Minh at `at`. */
function localSlot(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/**
 * Stations behind their schedule and carrier orders not acknowledged in time: reminded, then escalated, each step
 * once. Real PostgreSQL and Redis (in-process API), a real SMTP server capturing the mail, stations pulling and
 * reporting over HTTP with their keys, a carrier acknowledging over its signed partner API. Time is injected into
 * the follow-up runs (the slots are real minutes ago, so the stations' reports are in the past as the API requires).
 */
describe('overdue follow-ups: stations that do not pull or air, carrier orders not acknowledged', () => {
  let api: InProcessApi;
  let smtp: SmtpCapture;
  let followUps: OverdueFollowUps;
  let broadcasts: RadioBroadcastsRepository;
  let campaignId: string;
  let editorEmail: string;
  let approverEmail: string;
  const t0 = new Date();
  const firstSlot = new Date(t0.getTime() - 40 * 60_000);
  const secondSlot = new Date(t0.getTime() - 20 * 60_000);
  const http = () => request(api.app.getHttpServer());
  const stationKey = (code: string) => api.seed.stationKeys.find((s) => s.code === code)!.key;
  const mailTo = (address: string) => smtp.messages.filter((m) => m.envelopeTo.includes(address));

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    api = await startInProcessApi({
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      OVERDUE_AFTER_SECONDS: '3600',
      OVERDUE_MAX_REMINDERS: '1',
    });
    const get = <T>(token: { new (...a: never[]): T } | string | symbol) => api.app.get<T>(token, { strict: false });
    broadcasts = get(RadioBroadcastsRepository);
    followUps = new OverdueFollowUps(
      get<AppConfig>(APP_CONFIG),
      get(OverdueFollowUpsRepository),
      broadcasts,
      get(CarrierOrdersRepository),
      get(CarrierPausesRepository),
      get(MailTransport),
      get(AuditService),
    );
    const login = (role: string) => loginAs(api, role);
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    editorEmail = api.seed.users.find((x) => x.role === 'editor')!.email;
    approverEmail = api.seed.users.find((x) => x.role === 'approver')!.email;
    const editor = await login('editor');
    const approver = await login('approver');
    const admin = await login('admin');
    const directive = await http()
      .post('/api/directives')
      .set(as(editor))
      .send({
        text: 'UBND TỈNH SÓC TRĂNG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 1163/STTTT-TTBCBC\nV/v tuyên truyền phòng, chống dịch\nKính gửi: Các đài truyền thanh',
      })
      .expect(201);
    const created = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: directive.body.id,
        title: 'Tuyên truyền phòng, chống dịch',
        startsAt: new Date(t0.getTime() - HOUR).toISOString(),
        endsAt: new Date(t0.getTime() + 24 * HOUR).toISOString(),
        channels: {
          radio: {
            stationCodes: [DISTRICT],
            script: 'Bà con thực hiện tốt các biện pháp phòng, chống dịch.',
            slots: [localSlot(firstSlot), localSlot(secondSlot)],
          },
          sms: {
            text: 'So TTTT Soc Trang: chung tay phong, chong dich tai vandongxahoi.mattran.org.vn',
            stripDiacritics: true,
            carrierOrders: [
              { carrierCode: 'viettel', area: '92' },
              { carrierCode: 'vinaphone', area: '92' },
            ],
          },
        },
      })
      .expect(201);
    campaignId = created.body.id;
    await http().post(`/api/campaigns/${campaignId}/submit`).set(as(editor)).expect(200);
    await http().post(`/api/campaigns/${campaignId}/approve`).set(as(approver)).expect(200);
    await http().post(`/api/campaigns/${campaignId}/launch`).set(as(editor)).expect(200);
    await api.app.get(FanoutService).run(campaignId, 0);

    // The district and one commune pull their feeds; the other commune never does.
    for (const code of [DISTRICT, PULLS_AND_MISSES])
      await http().get(`/stations/${code}/feed.json`).set('x-station-key', stationKey(code)).expect(200);
    // The district airs both slots; the commune airs the first only.
    const report = (code: string, slot: Date) =>
      http()
        .post(`/stations/${code}/broadcasts`)
        .set('x-station-key', stationKey(code))
        .send({ scriptId: campaignId, slot: localSlot(slot), airedAt: slot.toISOString(), durationSeconds: 90 })
        .expect(201);
    await report(DISTRICT, firstSlot);
    await report(DISTRICT, secondSlot);
    await report(PULLS_AND_MISSES, firstSlot);

    // Vinaphone acknowledges its order; Viettel does not.
    const carrierKey = (
      await http()
        .post('/api/partner-keys')
        .set(as(admin))
        .send({ kind: 'carrier', partnerCode: 'vinaphone' })
        .expect(201)
    ).body.key as string;
    const orders = await http().get('/partners/carriers/vinaphone/orders').set('x-carrier-key', carrierKey).expect(200);
    const ts = Math.floor(Date.now() / 1000);
    await http()
      .post(`/partners/carriers/vinaphone/orders/${orders.body.orders[0].id}/ack`)
      .set('x-carrier-key', carrierKey)
      .set('x-loa-timestamp', String(ts))
      .set('x-loa-signature', signPartnerRequest(carrierKey, ts, ''))
      .expect(200);

    // What the lifecycle tick does: slots past their grace period without a report are marked missed.
    await broadcasts.markMissed(60, 72, t0);
  });

  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  it('reminds each station behind at once (its contact), and tells the department of the order not acknowledged', async () => {
    // Two workers checking at the same moment: each step is recorded and sent once.
    const [a, b] = await Promise.all([followUps.run(t0), followUps.run(t0)]);
    expect(a.reminded + b.reminded).toBe(2);
    expect(a.escalated + b.escalated).toBe(1);
    await smtp.waitFor(3, 10_000);
    expect(smtp.messages).toHaveLength(3);

    const [notPulled] = mailTo(contact(NEVER_PULLS));
    expect(notPulled.envelopeTo).toEqual([contact(NEVER_PULLS)]);
    expect(notPulled.subject).toBe(
      '[Loa] Nhắc lần 1: Đài Truyền thanh xã Mỹ Hương chưa tải bản tin — Tuyên truyền phòng, chống dịch',
    );
    expect(notPulled.text).toContain(`đến buổi phát đầu tiên (${localSlot(firstSlot)} ngày`);
    expect(notPulled.text).toContain('số 1163/STTTT-TTBCBC');

    const [missed] = mailTo(contact(PULLS_AND_MISSES));
    expect(missed.envelopeTo).toEqual([contact(PULLS_AND_MISSES)]);
    expect(missed.subject).toContain('chưa phát bản tin theo lịch');
    expect(missed.text).toContain(`không có báo cáo đã phát từ buổi phát ${localSlot(secondSlot)} ngày`);

    // The district aired both slots: nothing for it.
    expect(mailTo(contact(DISTRICT))).toHaveLength(0);

    const [order] = smtp.messages.filter((m) => m.subject?.includes('Nhà mạng'));
    expect(order.envelopeTo.sort()).toEqual([editorEmail, approverEmail].sort());
    expect(order.subject).toBe(
      '[Loa] Nhà mạng Viettel chưa xác nhận lệnh gửi tin nhắn: Tuyên truyền phòng, chống dịch',
    );
    expect(order.text).toContain('khu vực "Thành phố Cần Thơ"');
  });

  it('sends nothing more until the delay has passed since the reminder', async () => {
    expect(await followUps.run(t0)).toMatchObject({ reminded: 0, escalated: 0, checked: true });
    expect(await followUps.run(new Date(t0.getTime() + HOUR - 60_000))).toMatchObject({ reminded: 0, escalated: 0 });
    expect(smtp.messages).toHaveLength(3);
  });

  it('then tells the station above and the department, once, naming the station and the reminders', async () => {
    const later = new Date(t0.getTime() + HOUR + 60_000);
    expect(await followUps.run(later)).toMatchObject({ reminded: 0, escalated: 2, failed: 0 });
    expect(await followUps.run(new Date(later.getTime() + 5 * HOUR))).toMatchObject({ reminded: 0, escalated: 0 });
    expect(smtp.messages).toHaveLength(5);
    const escalations = smtp.messages.slice(3);
    for (const m of escalations) {
      expect(m.envelopeTo.sort()).toEqual([contact(DISTRICT), editorEmail, approverEmail].sort());
      expect(m.text).toContain('đã nhắc 1 lần');
      expect(m.text).toContain('Đề nghị Đài Truyền thanh huyện Mỹ Tú liên hệ đài cấp dưới');
    }
    expect(escalations.map((m) => m.subject).sort()).toEqual([
      '[Loa] Đài Truyền thanh thị trấn Huỳnh Hữu Nghĩa bỏ lỡ buổi phát: Tuyên truyền phòng, chống dịch',
      '[Loa] Đài Truyền thanh xã Mỹ Hương chưa nhận bản tin: Tuyên truyền phòng, chống dịch',
    ]);
  });

  it('lists every step for the console and audits each one', async () => {
    const editor = api.seed.users.find((x) => x.role === 'editor')!;
    const token = (await http().post('/api/auth/login').send({ email: editor.email, password: editor.password })).body
      .token as string;
    const res = await http()
      .get(`/api/campaigns/${campaignId}/follow-ups`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    const steps = (res.body as Array<{ problem: string; kind: string; status: string; subjectName: string }>).map(
      (f) => `${f.subjectName}|${f.problem}|${f.kind}|${f.status}`,
    );
    expect(steps.sort()).toEqual(
      [
        'Viettel (Thành phố Cần Thơ)|order_unacknowledged|escalation|sent',
        'Đài Truyền thanh thị trấn Huỳnh Hữu Nghĩa|missed_slot|reminder|sent',
        'Đài Truyền thanh thị trấn Huỳnh Hữu Nghĩa|missed_slot|escalation|sent',
        'Đài Truyền thanh xã Mỹ Hương|not_pulled|reminder|sent',
        'Đài Truyền thanh xã Mỹ Hương|not_pulled|escalation|sent',
      ].sort(),
    );
    const audited: Array<{ action: string; n: string }> = await api.ds.query(
      `SELECT action, count(*) AS n FROM audit_events WHERE target_id = $1 AND action LIKE '%.overdue.%'
        GROUP BY action ORDER BY action`,
      [campaignId],
    );
    expect(audited.map((a) => `${a.action}:${a.n}`)).toEqual([
      'carrier_order.overdue.escalate:1',
      'station.overdue.escalate:2',
      'station.overdue.remind:2',
    ]);
  });

  it('never re-sends a step a worker died sending: it is left unknown', async () => {
    await api.ds.query(
      `UPDATE overdue_follow_ups SET status = 'sending', created_at = now() - interval '1 hour'
        WHERE campaign_id = $1 AND kind = 'reminder'`,
      [campaignId],
    );
    expect(await followUps.run(new Date(t0.getTime() + 10 * HOUR))).toMatchObject({ reminded: 0, escalated: 0 });
    const rows: Array<{ status: string }> = await api.ds.query(
      `SELECT status FROM overdue_follow_ups WHERE campaign_id = $1 AND kind = 'reminder'`,
      [campaignId],
    );
    expect(rows.map((r) => r.status)).toEqual(['unknown', 'unknown']);
    expect(smtp.messages).toHaveLength(5);
  });

  it('tells the editor and approver once when a carrier pauses itself, with the errors it gave', async () => {
    await api.ds.query(
      `INSERT INTO carrier_pauses (campaign_id, carrier_code, reason, failures, window_size, samples)
       VALUES ($1, 'viettel', 'failure_rate', 412, 500, $2::jsonb)`,
      [campaignId, JSON.stringify([{ error: 'ESME_RINVSRCADR: invalid source address', count: 412 }])],
    );
    const at = new Date(t0.getTime() + 11 * HOUR);
    expect(await followUps.run(at)).toMatchObject({ escalated: 1, failed: 0 });
    expect(await followUps.run(new Date(at.getTime() + HOUR))).toMatchObject({ escalated: 0 });
    await smtp.waitFor(6, 10_000);
    expect(smtp.messages).toHaveLength(6);
    const notice = smtp.messages[5];
    expect(notice.envelopeTo.sort()).toEqual([editorEmail, approverEmail].sort());
    expect(notice.subject).toBe('[Loa] Đã tạm dừng gửi tin nhắn qua Viettel: Tuyên truyền phòng, chống dịch');
    expect(notice.text).toContain('412/500 tin gần nhất (82%) không gửi được');
    expect(notice.text).toContain('ESME_RINVSRCADR: invalid source address (412 lần)');
    expect(notice.text).toContain(`/campaigns/${campaignId}`);
    const [step]: Array<{ status: string }> = await api.ds.query(
      `SELECT status FROM overdue_follow_ups WHERE campaign_id = $1 AND subject_type = 'carrier_pause'`,
      [campaignId],
    );
    expect(step.status).toBe('sent');
  });
});
