import { Test, TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignsModule, CampaignsService, FanoutService } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DeliveryModule, SendOutcome } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { OutgoingSms, SmsDispatchService, SmsModule, SmsProvider, StatusAnswer } from '@loa/sms';
import { seedDemo } from '../../tools/seed/seed-demo';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from '../support/test-database';

/** A fake carrier connection (the boundary here is the carrier; the SMPP path has its own end-to-end tests). */
class RecordingSmsProvider implements SmsProvider {
  readonly carrierCode = 'viettel';
  readonly sent: OutgoingSms[] = [];
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  isConnected(): boolean {
    return true;
  }
  async send(sms: OutgoingSms): Promise<SendOutcome> {
    this.sent.push(sms);
    return { kind: 'accepted', providerMessageId: `fake-${this.sent.length}`, final: false };
  }
  async queryStatus(): Promise<StatusAnswer> {
    return { kind: 'pending', providerStatus: 'ENROUTE' };
  }
}

describe('quiet hours and the daily cap with an injected clock (real PostgreSQL)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let ds: DataSource;
  let dispatch: SmsDispatchService;
  const prefix = testQueuePrefix();
  const users: Record<string, { type: 'user'; id: string; organizationId: string; role: string }> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
      SMS_QUIET_HOURS: 'true',
      SMS_DAILY_CAP: '1',
    });
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, DbModule, QueueModule, DeliveryModule, CampaignsModule, SmsModule],
    }).compile();
    await moduleRef.init();
    ds = moduleRef.get(getDataSourceToken());
    dispatch = moduleRef.get(SmsDispatchService);
    const seed = await seedDemo(ds);
    for (const u of (await ds.query(`SELECT id, role FROM users`)) as Array<{ id: string; role: string }>) {
      users[u.role] = { type: 'user', id: u.id, organizationId: seed.organizationId, role: u.role };
    }
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
    await dropQueuePrefix('redis://127.0.0.1:6379', prefix);
  });

  async function runningCampaign(emergency: boolean, subscribers: string[]): Promise<{ id: string; rows: string[] }> {
    const campaigns = moduleRef.get(CampaignsService);
    const [directive]: Array<{ id: string }> = await ds.query(
      `INSERT INTO directives (organization_id, raw_text, created_by) VALUES ($1, 'text', $2) RETURNING id`,
      [users.editor.organizationId, users.editor.id],
    );
    const { campaign } = await campaigns.create(
      users.editor,
      {
        directiveId: directive.id,
        title: 'quiet',
        emergency,
        // The window holds every injected time below (a campaign sends nothing outside its window).
        startsAt: new Date('2026-11-20T00:00:00Z'),
        endsAt: new Date('2026-11-30T00:00:00Z'),
        channels: { sms: { text: 'Loa', subscribers } },
      },
      null,
    );
    await campaigns.submit(users.editor, campaign.id, null);
    await campaigns.approve(users.approver, campaign.id, null);
    await ds.query(`UPDATE campaigns SET status = 'running' WHERE id = $1`, [campaign.id]);
    await moduleRef.get(FanoutService).run(campaign.id, 0);
    const rows: Array<{ id: string }> = await ds.query(`SELECT id FROM deliveries WHERE campaign_id = $1 ORDER BY id`, [
      campaign.id,
    ]);
    return { id: campaign.id, rows: rows.map((r) => String(r.id)) };
  }

  const NIGHT = new Date('2026-11-24T16:30:00Z'); // 23:30 in Asia/Ho_Chi_Minh
  const MORNING = new Date('2026-11-25T03:00:00Z'); // 10:00 in Asia/Ho_Chi_Minh

  it('holds an ordinary batch until 07:00 local time, sending nothing', async () => {
    const c = await runningCampaign(false, ['0964440001', '0964440002']);
    const provider = new RecordingSmsProvider();
    const r = await dispatch.sendBatch(
      { campaignId: c.id, carrierCode: 'viettel', deliveryIds: c.rows },
      provider,
      NIGHT,
    );
    expect(r).toEqual({ deferUntil: new Date('2026-11-25T00:00:00Z') });
    expect(provider.sent).toHaveLength(0);
    const statuses: Array<{ status: string }> = await ds.query(`SELECT status FROM deliveries WHERE campaign_id = $1`, [
      c.id,
    ]);
    expect(statuses.every((s) => s.status === 'queued')).toBe(true);
    // The campaign says when its batch will run: the reconciler does not take the held rows for lost work.
    const [{ last_batch_at: due }]: Array<{ last_batch_at: Date }> = await ds.query(
      `SELECT last_batch_at FROM campaigns WHERE id = $1`,
      [c.id],
    );
    expect(due).toEqual(new Date('2026-11-25T00:00:00Z'));
    const later = await dispatch.sendBatch(
      { campaignId: c.id, carrierCode: 'viettel', deliveryIds: c.rows },
      provider,
      MORNING,
    );
    expect(later).toMatchObject({ accepted: 2 });
  });

  it('holds a batch that breaks its carrier’s rules (a sender name changed after approval), sending nothing', async () => {
    const c = await runningCampaign(false, ['0964440011']);
    const provider = new RecordingSmsProvider();
    const [{ sender_name: before }]: Array<{ sender_name: string }> = await ds.query(
      `SELECT sender_name FROM carriers WHERE code = 'viettel'`,
    );
    await ds.query(`UPDATE carriers SET sender_name = 'Sở TTTT' WHERE code = 'viettel'`);
    try {
      const r = await dispatch.sendBatch(
        { campaignId: c.id, carrierCode: 'viettel', deliveryIds: c.rows },
        provider,
        MORNING,
      );
      expect(r).toEqual({ deferUntil: new Date(MORNING.getTime() + 15 * 60_000) });
      expect(provider.sent).toHaveLength(0);
      const [audit]: Array<{ after: { errors: string[] } }> = await ds.query(
        `SELECT after FROM audit_events WHERE target_id = $1 AND action = 'campaign.carrier_rules_hold'`,
        [c.id],
      );
      expect(audit.after.errors[0]).toMatch(/^viettel: sender name "Sở TTTT" may only contain letters/);
    } finally {
      await ds.query(`UPDATE carriers SET sender_name = $1 WHERE code = 'viettel'`, [before]);
    }
    // Fixed: the same rows go out.
    const later = await dispatch.sendBatch(
      { campaignId: c.id, carrierCode: 'viettel', deliveryIds: c.rows },
      provider,
      MORNING,
    );
    expect(later).toMatchObject({ accepted: 1 });
  });

  it('lets an emergency campaign through at night, and audits the override', async () => {
    const c = await runningCampaign(true, ['0964440003']);
    const provider = new RecordingSmsProvider();
    const r = await dispatch.sendBatch(
      { campaignId: c.id, carrierCode: 'viettel', deliveryIds: c.rows },
      provider,
      NIGHT,
    );
    expect(r).toMatchObject({ accepted: 1 });
    const audit: Array<{ action: string }> = await ds.query(`SELECT action FROM audit_events WHERE target_id = $1`, [
      c.id,
    ]);
    expect(audit.map((a) => a.action)).toContain('campaign.quiet_hours_override');
  });

  it('holds a second message to the same subscriber on the same local day until the next day; emergencies go over', async () => {
    const provider = new RecordingSmsProvider();
    const first = await runningCampaign(false, ['0964449999']);
    expect(
      await dispatch.sendBatch(
        { campaignId: first.id, carrierCode: 'viettel', deliveryIds: first.rows },
        provider,
        MORNING,
      ),
    ).toMatchObject({
      accepted: 1,
    });
    const second = await runningCampaign(false, ['0964449999']);
    const held = await dispatch.sendBatch(
      { campaignId: second.id, carrierCode: 'viettel', deliveryIds: second.rows },
      provider,
      MORNING,
    );
    expect(held).toMatchObject({ accepted: 0, deferred: 1 });
    expect(provider.sent).toHaveLength(1);
    const [row]: Array<{ status: string; not_before: Date }> = await ds.query(
      `SELECT status, not_before FROM deliveries WHERE campaign_id = $1`,
      [second.id],
    );
    expect(row.status).toBe('queued');
    expect(new Date(row.not_before).toISOString()).toBe('2026-11-25T17:00:00.000Z'); // midnight in Viet Nam
    const urgent = await runningCampaign(true, ['0964449999']);
    expect(
      await dispatch.sendBatch(
        { campaignId: urgent.id, carrierCode: 'viettel', deliveryIds: urgent.rows },
        provider,
        MORNING,
      ),
    ).toMatchObject({
      accepted: 1,
    });
    const audit: Array<{ action: string }> = await ds.query(`SELECT action FROM audit_events WHERE target_id = $1`, [
      urgent.id,
    ]);
    expect(audit.map((a) => a.action)).toContain('campaign.daily_cap_override');
    // The next local day the held message goes out.
    const nextDay = new Date('2026-11-26T03:00:00Z');
    await ds.query(`UPDATE deliveries SET not_before = now() - interval '1 second' WHERE campaign_id = $1`, [
      second.id,
    ]);
    expect(
      await dispatch.sendBatch(
        { campaignId: second.id, carrierCode: 'viettel', deliveryIds: second.rows },
        provider,
        nextDay,
      ),
    ).toMatchObject({
      accepted: 1,
    });
  });
});
