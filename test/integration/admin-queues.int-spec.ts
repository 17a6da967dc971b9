import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import request from 'supertest';
import { QUEUES } from '@loa/queue';
import { failedJob } from '../support/failed-job';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';

/**
 * The queue page's API on real Redis and PostgreSQL: depths of every queue, the failed jobs of the admin's own
 * organisation only (the queues are shared), and a retry that is audited and refused for a job not failed or not
 * the organisation's.
 */
describe('admin queues (in-process API, real Redis and PostgreSQL)', () => {
  let api: InProcessApi;
  let admin: string;
  let queue: Queue;
  let ownJob: Job;
  let foreignJob: Job;
  let campaignId: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    api = await startInProcessApi({ RATE_LIMIT_API_PER_MINUTE: '100000' });
    const http = api.app.getHttpServer();
    const login = (role: string) => loginAs(api, role);
    admin = await login('admin');
    const editor = await login('editor');
    const d = await request(http)
      .post('/api/directives')
      .set(as(editor))
      .send({ text: 'UBND TỈNH SÓC TRĂNG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nV/v thử hàng đợi\nKính gửi: Các sở, ngành' })
      .expect(201);
    const c = await request(http)
      .post('/api/campaigns')
      .set(as(editor))
      .send({ directiveId: d.body.id, title: 'Thử hàng đợi', channels: { email: { agencyGroups: ['so-ban-nganh'] } } })
      .expect(201);
    campaignId = c.body.id;
    queue = api.app.get(getQueueToken(QUEUES.email));
    ownJob = await failedJob(queue, { campaignId, deliveryIds: [] }, '550 5.7.1 relay denied');
    // Another organisation's campaign (an id this one does not own): counted, never listed.
    foreignJob = await failedJob(queue, { campaignId: randomUUID(), deliveryIds: [] }, 'somebody else’s failure');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('shows every queue’s depth and only the organisation’s failed jobs', async () => {
    const res = await request(api.app.getHttpServer()).get('/api/admin/queues').set(as(admin)).expect(200);
    const names = (res.body.queues as Array<{ name: string }>).map((q) => q.name);
    expect(names).toEqual(expect.arrayContaining(['fanout', 'email-send', 'receipts', 'lifecycle', 'sms-viettel']));
    const email = (res.body.queues as Array<{ name: string; failed: number; paused: boolean }>).find(
      (q) => q.name === 'email-send',
    )!;
    expect(email.failed).toBe(2);
    expect(email.paused).toBe(false);
    expect(res.body).not.toHaveProperty('failed');
    const failed = await request(api.app.getHttpServer()).get('/api/admin/queues/failed').set(as(admin)).expect(200);
    expect(failed.body.failed).toEqual([
      {
        queue: 'email-send',
        id: ownJob.id,
        name: 'send',
        campaignId,
        campaignTitle: 'Thử hàng đợi',
        failedReason: '550 5.7.1 relay denied',
        attemptsMade: 1,
        failedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      },
    ]);
  });

  it('retries the organisation’s failed job once, audited; refuses another’s and one not failed', async () => {
    const http = api.app.getHttpServer();
    await request(http).post(`/api/admin/queues/email-send/jobs/${foreignJob.id}/retry`).set(as(admin)).expect(404);
    await request(http).post(`/api/admin/queues/no-such-queue/jobs/${ownJob.id}/retry`).set(as(admin)).expect(404);
    await request(http).post(`/api/admin/queues/email-send/jobs/${ownJob.id}/retry`).set(as(admin)).expect(204);
    expect(await (await queue.getJob(ownJob.id!))!.getState()).toBe('waiting');
    const again = await request(http)
      .post(`/api/admin/queues/email-send/jobs/${ownJob.id}/retry`)
      .set(as(admin))
      .expect(409);
    expect(again.body.message).toMatch(/is waiting, not failed/);
    const audits: Array<{ after: { job: string; failedReason: string } }> = await api.ds.query(
      `SELECT after FROM audit_events WHERE action = 'queue.job_retry' AND target_id = $1`,
      [campaignId],
    );
    expect(audits.map((a) => a.after)).toEqual([
      { queue: 'email-send', job: ownJob.id, failedReason: '550 5.7.1 relay denied' },
    ]);
    expect(await (await queue.getJob(foreignJob.id!))!.isFailed()).toBe(true);
  });
});
