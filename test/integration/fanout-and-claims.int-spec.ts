import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsModule, CampaignsService, FanoutService } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DeliveriesRepository, DeliveryModule } from '@loa/delivery';
import { QueueModule, SmsQueues } from '@loa/queue';
import { seedDemo } from '../../tools/seed/seed-demo';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from '../support/test-database';

describe('fan-out and delivery claims (real PostgreSQL and Redis)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let ds: DataSource;
  let campaigns: CampaignsService;
  let fanout: FanoutService;
  let deliveries: DeliveriesRepository;
  let smsQueues: SmsQueues;
  let actor: { type: 'user'; id: string; organizationId: string; role: string };
  let approverActor: typeof actor;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, QUEUE_PREFIX: prefix, DELIVERY_BATCH_SIZE: '3' });
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, DbModule, QueueModule, DeliveryModule, CampaignsModule],
    }).compile();
    await moduleRef.init();
    ds = moduleRef.get(getDataSourceToken());
    campaigns = moduleRef.get(CampaignsService);
    fanout = moduleRef.get(FanoutService);
    deliveries = moduleRef.get(DeliveriesRepository);
    smsQueues = moduleRef.get(SmsQueues);
    const seed = await seedDemo(ds);
    const users: Array<{ id: string; role: string }> = await ds.query(`SELECT id, role FROM users`);
    const u = (role: string) => users.find((x) => x.role === role)!;
    actor = { type: 'user', id: u('editor').id, organizationId: seed.organizationId, role: 'editor' };
    approverActor = { type: 'user', id: u('approver').id, organizationId: seed.organizationId, role: 'approver' };
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
    await dropQueuePrefix('redis://127.0.0.1:6379', prefix);
  });

  async function runningSmsCampaign(subscribers: string[]): Promise<string> {
    const [directive]: Array<{ id: string }> = await ds.query(
      `INSERT INTO directives (organization_id, raw_text, created_by) VALUES ($1, 'text', $2) RETURNING id`,
      [actor.organizationId, actor.id],
    );
    const { campaign } = await campaigns.create(
      actor,
      { directiveId: directive.id, title: 't', channels: { sms: { text: 'hello', subscribers } } },
      null,
    );
    await campaigns.submit(actor, campaign.id, null);
    await campaigns.approve(approverActor, campaign.id, null);
    // Launch without the fan-out job: the test drives FanoutService itself.
    await ds.query(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [campaign.id]);
    return campaign.id;
  }

  it('writes one row per subscriber and enqueues deterministic batches, however often it runs', async () => {
    const id = await runningSmsCampaign(['0961000001', '0961000002', '0961000003', '0961000004', '0912000001']);
    await fanout.run(id, 0);
    await fanout.run(id, 0);
    const [{ n }]: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM deliveries WHERE campaign_id = $1`,
      [id],
    );
    expect(Number(n)).toBe(5);
    const viettel = await smsQueues.forCarrier('viettel').getJobs(['waiting', 'delayed', 'active']);
    const mine = viettel.filter((j) => j.data.campaignId === id);
    expect(mine.map((j) => j.data.deliveryIds.length).sort()).toEqual([1, 3]); // 4 Viettel rows, batches of 3
    const vina = (await smsQueues.forCarrier('vinaphone').getJobs(['waiting'])).filter((j) => j.data.campaignId === id);
    expect(vina).toHaveLength(1);
    // A new dispatch round re-enqueues only rows still queued, under new ids.
    await ds.query(
      `UPDATE deliveries SET status = 'delivered', final_at = now() WHERE campaign_id = $1 AND carrier_code = 'viettel'`,
      [id],
    );
    await fanout.run(id, 1);
    const after = (await smsQueues.forCarrier('viettel').getJobs(['waiting'])).filter((j) => j.data.campaignId === id);
    expect(after).toHaveLength(2);
  });

  it('lets exactly one of two concurrent workers claim a row', async () => {
    const id = await runningSmsCampaign(['0971000001']);
    await fanout.run(id, 0);
    const [{ id: rowId }]: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    const results = await Promise.all(Array.from({ length: 8 }, () => deliveries.claimOne(id, String(rowId))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('tells a receipt that raced ahead of its submit response apart from one already applied', async () => {
    const id = await runningSmsCampaign(['0981000001']);
    await fanout.run(id, 0);
    const [{ id: rowId }]: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    expect(await deliveries.applyReceipt('viettel', 'msg-1', 'delivered', null)).toBe('no-such-message');
    await deliveries.claimOne(id, String(rowId));
    await deliveries.markSent(String(rowId), 'msg-1', false);
    expect(await deliveries.applyReceipt('viettel', 'msg-1', 'delivered', null)).toBe('applied');
    expect(await deliveries.applyReceipt('viettel', 'msg-1', 'delivered', null)).toBe('already-final');
  });

  it('cancelling stops queued rows and the fan-out', async () => {
    const id = await runningSmsCampaign(['0961100001', '0961100002']);
    await fanout.run(id, 0);
    await campaigns.cancel(actor, id, null);
    const statuses: Array<{ status: string }> = await ds.query(`SELECT status FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    expect(statuses.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
    const [c]: Array<{ status: string }> = await ds.query(`SELECT status FROM campaigns WHERE id = $1`, [id]);
    expect(c.status).toBe('cancelled');
    await fanout.run(id, 1); // a late fan-out job for a cancelled campaign does nothing
    const again: Array<{ status: string }> = await ds.query(`SELECT status FROM deliveries WHERE campaign_id = $1`, [
      id,
    ]);
    expect(again.map((s) => s.status)).toEqual(['cancelled', 'cancelled']);
  });
});
