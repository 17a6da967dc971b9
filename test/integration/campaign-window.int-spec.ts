import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { FanoutService, LifecycleService } from '@loa/campaigns';
import { EmailDispatchService } from '@loa/email';
import { SmtpCapture, startSmtpCapture } from '../../tools/peers/smtp-capture';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const HOUR = 3_600_000;

/**
 * A campaign's start and end hold for e-mail and SMS as they do for radio and banners: the batch runner (shared by
 * both channels) is given the time, so "an hour later" is injected, not waited for. Real PostgreSQL, Redis and an
 * SMTP server on loopback.
 */
describe("a campaign's window on the send path (in-process API, real PostgreSQL, Redis and SMTP peer)", () => {
  let api: InProcessApi;
  let smtp: SmtpCapture;
  let editor: string;
  let approver: string;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    api = await startInProcessApi({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
    const login = (role: string) => loginAs(api, role);
    editor = await login('editor');
    approver = await login('approver');
  });

  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  /** An approved, launched e-mail campaign whose window starts `startInMs` from now; its rows materialised. */
  async function launched(
    startInMs: number,
    lengthMs: number,
  ): Promise<{ id: string; rows: string[]; startsAt: Date }> {
    const d = await http().post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const startsAt = new Date(Date.now() + startInMs);
    const c = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: d.body.id,
        title: 'Gửi công văn theo lịch',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + lengthMs).toISOString(),
        channels: { email: { agencyGroups: ['so-ban-nganh'] } },
      })
      .expect(201);
    const id = c.body.id as string;
    await http().post(`/api/campaigns/${id}/submit`).set(as(editor)).expect(200);
    await http().post(`/api/campaigns/${id}/approve`).set(as(approver)).expect(200);
    await http().post(`/api/campaigns/${id}/launch`).set(as(editor)).expect(200);
    await api.app.get(FanoutService).run(id, 0);
    const rows: Array<{ id: string }> = await api.ds.query(
      `SELECT id::text FROM deliveries WHERE campaign_id = $1 AND channel = 'email' ORDER BY id`,
      [id],
    );
    expect(rows.length).toBe(3);
    return { id, rows: rows.map((r) => r.id), startsAt };
  }

  const statuses = async (id: string) =>
    (
      await api.ds.query(`SELECT status FROM deliveries WHERE campaign_id = $1 AND channel = 'email' ORDER BY id`, [id])
    ).map((r: { status: string }) => r.status);

  it('sends nothing before the start, says when to run again, then sends everything at the start', async () => {
    const { id, rows, startsAt } = await launched(HOUR, 2 * HOUR);
    const dispatch = api.app.get(EmailDispatchService);
    const before = smtp.messages.length;

    const early = await dispatch.sendBatch({ campaignId: id, deliveryIds: rows }, new Date(startsAt.getTime() - 1000));
    expect(early).toMatchObject({ claimed: 0, stoppedBy: 'not-started', deferUntil: startsAt });
    expect(await statuses(id)).toEqual(['queued', 'queued', 'queued']);
    // The reconciler does not hand a campaign that has not started back to the queue either.
    expect((await api.app.get(LifecycleService).tick()).refannedOut).toBe(0);
    expect(smtp.messages.length).toBe(before);

    const onTime = await dispatch.sendBatch({ campaignId: id, deliveryIds: rows }, new Date(startsAt.getTime() + 1000));
    expect(onTime).toMatchObject({ claimed: 3, accepted: 3, stoppedBy: null });
    expect(onTime.deferUntil).toBeUndefined();
    expect(await statuses(id)).toEqual(['sent', 'sent', 'sent']);
    expect(smtp.messages.length).toBe(before + 3);
  });

  it('sends nothing after the end: what is left is expired and reported, not dropped and not sent late', async () => {
    const { id, rows, startsAt } = await launched(HOUR, HOUR);
    const before = smtp.messages.length;
    const late = await api.app
      .get(EmailDispatchService)
      .sendBatch({ campaignId: id, deliveryIds: rows.slice(0, 2) }, new Date(startsAt.getTime() + HOUR));
    expect(late).toMatchObject({ claimed: 0, stoppedBy: 'ended' });
    expect(await statuses(id)).toEqual(['expired', 'expired', 'queued']);

    // The row whose job never ran: the reconciler expires it once the window is over.
    await api.ds.query(
      `UPDATE campaigns SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 second'
                         WHERE id = $1`,
      [id],
    );
    expect((await api.app.get(LifecycleService).tick()).expiredUnsent).toBe(1);
    expect(await statuses(id)).toEqual(['expired', 'expired', 'expired']);
    expect(smtp.messages.length).toBe(before);

    const report = await http().get(`/api/campaigns/${id}`).set(as(editor)).expect(200);
    expect(report.body.channels.email).toMatchObject({ total: 3, expired: 3, sent: 0 });
    const [row] = await api.ds.query(`SELECT last_error FROM deliveries WHERE id = $1`, [rows[0]]);
    expect(row.last_error).toMatch(/the campaign ended before it was sent/);
  });

  it("sends a draft's dispatch as a test to the operator alone, marked, unrecorded as a delivery, audited", async () => {
    const d = await http().post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const c = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({ directiveId: d.body.id, title: 'Thử thư', channels: { email: { agencyGroups: ['so-ban-nganh'] } } })
      .expect(201);
    const editorUser = api.seed.users.find((u) => u.role === 'editor')!;
    const before = smtp.messages.length;
    const res = await http().post(`/api/campaigns/${c.body.id}/test-email`).set(as(editor)).expect(200);
    expect(res.body).toMatchObject({ to: editorUser.email, subject: expect.stringMatching(/^\[THỬ\] V\/v /u) });
    expect(smtp.messages.length).toBe(before + 1);
    const mail = smtp.messages[before];
    expect(mail.envelopeTo).toEqual([editorUser.email]);
    expect(mail.headers['x-loa-test']).toBe('true');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.text).not.toMatch(/\/ack\//u);
    const [{ n }] = await api.ds.query(`SELECT count(*)::int AS n FROM deliveries WHERE campaign_id = $1`, [c.body.id]);
    expect(n).toBe(0);
    const [{ a }] = await api.ds.query(
      `SELECT count(*)::int AS a FROM audit_events WHERE action = 'campaign.test_email' AND target_id = $1`,
      [c.body.id],
    );
    expect(a).toBe(1);

    const radioOnly = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: d.body.id,
        title: 'Chỉ phát thanh',
        channels: { radio: { stationCodes: ['dtt-mytu'], script: 'Kính mời bà con.' } },
      })
      .expect(201);
    await http().post(`/api/campaigns/${radioOnly.body.id}/test-email`).set(as(editor)).expect(404);
    await http().post('/api/campaigns/not-a-uuid/test-email').set(as(editor)).expect(404);
  });

  it('refuses to launch a campaign whose window is over, naming endsAt', async () => {
    const d = await http().post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const c = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: d.body.id,
        title: 'Quá hạn',
        startsAt: new Date(Date.now() - 2 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - HOUR).toISOString(),
        channels: { email: { agencyGroups: ['so-ban-nganh'] } },
      })
      .expect(201);
    await http().post(`/api/campaigns/${c.body.id}/submit`).set(as(editor)).expect(200);
    await http().post(`/api/campaigns/${c.body.id}/approve`).set(as(approver)).expect(200);
    const res = await http().post(`/api/campaigns/${c.body.id}/launch`).set(as(editor)).expect(422);
    expect(JSON.stringify(res.body)).toContain('endsAt');
    const [row] = await api.ds.query(`SELECT status FROM campaigns WHERE id = $1`, [c.body.id]);
    expect(row.status).toBe('approved');
  });
});
