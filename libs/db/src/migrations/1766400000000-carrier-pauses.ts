import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A carrier paused for one campaign by itself (its failure rate over a sliding window crossed the threshold) until
 * an operator resumes it. At most one open pause per campaign and carrier. The editor and approver are told once
 * per pause through the overdue follow-ups (subject `carrier_pause`, problem `carrier_auto_paused`).
 */
export class CarrierPauses1766400000000 implements MigrationInterface {
  name = 'CarrierPauses1766400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE carrier_pauses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        carrier_code text NOT NULL,
        reason text NOT NULL CHECK (reason IN ('failure_rate')),
        failures int NOT NULL CHECK (failures >= 0),
        window_size int NOT NULL CHECK (window_size >= 1),
        samples jsonb NOT NULL DEFAULT '[]',
        paused_at timestamptz NOT NULL DEFAULT now(),
        resumed_at timestamptz,
        resumed_by uuid REFERENCES users(id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX carrier_pauses_open ON carrier_pauses (campaign_id, carrier_code) WHERE resumed_at IS NULL`,
    );
    await q.query(`ALTER TABLE overdue_follow_ups DROP CONSTRAINT overdue_follow_ups_subject_type_check`);
    await q.query(
      `ALTER TABLE overdue_follow_ups ADD CONSTRAINT overdue_follow_ups_subject_type_check
         CHECK (subject_type IN ('station', 'carrier_order', 'carrier_pause'))`,
    );
    await q.query(`ALTER TABLE overdue_follow_ups DROP CONSTRAINT overdue_follow_ups_problem_check`);
    await q.query(
      `ALTER TABLE overdue_follow_ups ADD CONSTRAINT overdue_follow_ups_problem_check
         CHECK (problem IN ('not_pulled', 'missed_slot', 'order_unacknowledged', 'carrier_auto_paused'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM overdue_follow_ups WHERE subject_type = 'carrier_pause'`);
    await q.query(`ALTER TABLE overdue_follow_ups DROP CONSTRAINT overdue_follow_ups_problem_check`);
    await q.query(
      `ALTER TABLE overdue_follow_ups ADD CONSTRAINT overdue_follow_ups_problem_check
         CHECK (problem IN ('not_pulled', 'missed_slot', 'order_unacknowledged'))`,
    );
    await q.query(`ALTER TABLE overdue_follow_ups DROP CONSTRAINT overdue_follow_ups_subject_type_check`);
    await q.query(
      `ALTER TABLE overdue_follow_ups ADD CONSTRAINT overdue_follow_ups_subject_type_check
         CHECK (subject_type IN ('station', 'carrier_order'))`,
    );
    await q.query(`DROP TABLE carrier_pauses`);
  }
}
