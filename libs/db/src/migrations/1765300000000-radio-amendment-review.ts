import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Four eyes on air: an amendment of a launched campaign's radio plan is proposed by one person and applied only when
 * a second person, an approver, approves it (as a launch needs an author and a different approver).
 */
export class RadioAmendmentReview1765300000000 implements MigrationInterface {
  name = 'RadioAmendmentReview1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE radio_amendments (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        number int NOT NULL CHECK (number >= 1),
        patch jsonb NOT NULL,
        changed text[] NOT NULL,
        reason text NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending','applied','rejected','withdrawn','superseded')),
        base_revision int NOT NULL,
        proposed_by uuid NOT NULL REFERENCES users(id),
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_note text,
        revision int,
        PRIMARY KEY (campaign_id, number)
      )`);
    // One amendment under review per campaign: a second proposal would be reviewed against a plan about to change.
    await q.query(`CREATE UNIQUE INDEX radio_amendments_one_pending ON radio_amendments (campaign_id)
                     WHERE status = 'pending'`);
    await q.query(`ALTER TABLE radio_script_revisions ADD COLUMN approved_by uuid REFERENCES users(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE radio_script_revisions DROP COLUMN IF EXISTS approved_by`);
    await q.query(`DROP TABLE IF EXISTS radio_amendments`);
  }
}
