import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders to agencies that have not acknowledged a dispatch, and escalations to the campaign's editor and
 * approver, one row per agency and step. A row is written (`sending`) before its e-mail goes, so a worker that
 * dies mid-send never sends it again (the row is left `unknown`); `notice_key` groups the agencies one escalation
 * e-mail names.
 */
export class AcknowledgementFollowUps1765600000100 implements MigrationInterface {
  name = 'AcknowledgementFollowUps1765600000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE acknowledgement_follow_ups (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        delivery_id bigint NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        seq int NOT NULL CHECK (seq >= 1),
        notice_key text NOT NULL,
        status text NOT NULL DEFAULT 'sending' CHECK (status IN ('sending', 'sent', 'failed', 'unknown')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        error text,
        UNIQUE (delivery_id, kind, seq)
      )`);
    await q.query(`CREATE INDEX acknowledgement_follow_ups_by_campaign ON acknowledgement_follow_ups (campaign_id)`);
    await q.query(`CREATE INDEX acknowledgement_follow_ups_by_notice ON acknowledgement_follow_ups (notice_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS acknowledgement_follow_ups`);
  }
}
