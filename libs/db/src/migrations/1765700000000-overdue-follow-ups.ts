import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stations get a contact address (the person who runs the station), and one table records every reminder and
 * escalation about work that is overdue outside e-mail: a station that has not pulled its script by the first slot
 * or keeps missing slots (reminded, then its parent station and the department told), and a carrier order not
 * acknowledged by the start of its window (the department told). A row is written (`sending`) before its e-mail
 * goes, so a worker that dies mid-send never sends it again (the row is left `unknown`).
 */
export class OverdueFollowUps1765700000000 implements MigrationInterface {
  name = 'OverdueFollowUps1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stations ADD COLUMN contact_email text`);
    await q.query(`
      CREATE TABLE overdue_follow_ups (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        subject_type text NOT NULL CHECK (subject_type IN ('station', 'carrier_order')),
        subject_id uuid NOT NULL,
        problem text NOT NULL CHECK (problem IN ('not_pulled', 'missed_slot', 'order_unacknowledged')),
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        seq int NOT NULL CHECK (seq >= 1),
        recipients text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'sending'
          CHECK (status IN ('sending', 'sent', 'failed', 'unknown', 'no_recipient')),
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        error text,
        UNIQUE (campaign_id, subject_type, subject_id, problem, kind, seq)
      )`);
    await q.query(
      `CREATE INDEX overdue_follow_ups_sending ON overdue_follow_ups (created_at) WHERE status = 'sending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS overdue_follow_ups`);
    await q.query(`ALTER TABLE stations DROP COLUMN IF EXISTS contact_email`);
  }
}
