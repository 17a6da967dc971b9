import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsModule, CampaignsService, FanoutService } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DeliveryModule } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { SmsModule } from '@loa/sms';
import { seedDemo } from '../../tools/seed/seed-demo';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from './test-database';

export type TestActor = { type: 'user'; id: string; organizationId: string; role: string };

/** The campaign core and its SMS channel as a Nest module on its own database and queue prefix, with the demo seed. */
export interface SmsCore {
  moduleRef: TestingModule;
  ds: DataSource;
  editor: TestActor;
  approver: TestActor;
  /** A campaign SMS-ing these numbers, approved by a second person and running, its fan-out left to the test. */
  runningSmsCampaign(subscribers: string[]): Promise<string>;
  /** The same, fanned out by FanoutService: its id and its delivery rows' ids in order. */
  fannedOutSmsCampaign(subscribers: string[]): Promise<{ campaignId: string; ids: string[] }>;
  close(): Promise<void>;
}

export async function startSmsCore(env: Record<string, string> = {}): Promise<SmsCore> {
  const db: TestDatabase = await createTestDatabase();
  const prefix = testQueuePrefix();
  Object.assign(process.env, { DATABASE_URL: db.url, QUEUE_PREFIX: prefix, ...env });
  const moduleRef = await Test.createTestingModule({
    // The core and the one channel its campaigns use (SmsModule brings the SMS fan-out).
    imports: [ConfigModule, DbModule, QueueModule, DeliveryModule, CampaignsModule, SmsModule],
  }).compile();
  await moduleRef.init();
  const ds: DataSource = moduleRef.get(getDataSourceToken());
  const campaigns = moduleRef.get(CampaignsService);
  const seed = await seedDemo(ds);
  const users: Array<{ id: string; role: string }> = await ds.query(`SELECT id, role FROM users`);
  const actor = (role: string): TestActor => ({
    type: 'user',
    id: users.find((x) => x.role === role)!.id,
    organizationId: seed.organizationId,
    role,
  });
  const editor = actor('editor');
  const approver = actor('approver');
  const runningSmsCampaign = async (subscribers: string[]): Promise<string> => {
    const [directive]: Array<{ id: string }> = await ds.query(
      `INSERT INTO directives (organization_id, raw_text, created_by) VALUES ($1, 'text', $2) RETURNING id`,
      [editor.organizationId, editor.id],
    );
    const { campaign } = await campaigns.create(
      editor,
      { directiveId: directive.id, title: 't', channels: { sms: { text: 'hello', subscribers } } },
      null,
    );
    await campaigns.submit(editor, campaign.id, null);
    await campaigns.approve(approver, campaign.id, null);
    // Launch without the fan-out job: the test drives FanoutService itself.
    await ds.query(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [campaign.id]);
    return campaign.id;
  };
  return {
    moduleRef,
    ds,
    editor,
    approver,
    runningSmsCampaign,
    async fannedOutSmsCampaign(subscribers) {
      const campaignId = await runningSmsCampaign(subscribers);
      await moduleRef.get(FanoutService).run(campaignId, 0);
      const rows: Array<{ id: string }> = await ds.query(
        `SELECT id::text FROM deliveries WHERE campaign_id = $1 ORDER BY deliveries.id`,
        [campaignId],
      );
      return { campaignId, ids: rows.map((r) => r.id) };
    },
    async close() {
      await moduleRef.close();
      await db.drop();
      await dropQueuePrefix('redis://127.0.0.1:6379', prefix);
    },
  };
}
