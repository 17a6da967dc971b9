import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exercises and tests (CAP status Exercise/Test): a campaign's mode, and each organisation's test list, the only
 * numbers and addresses a rehearsal's SMS and e-mail reach.
 */
export class CampaignModes1765800000000 implements MigrationInterface {
  name = 'CampaignModes1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE campaigns ADD COLUMN mode text NOT NULL DEFAULT 'actual'
         CHECK (mode IN ('actual', 'exercise', 'test'))`,
    );
    await q.query(`ALTER TABLE organizations ADD COLUMN test_msisdns text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE organizations ADD COLUMN test_emails text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS test_emails`);
    await q.query(`ALTER TABLE organizations DROP COLUMN IF EXISTS test_msisdns`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN IF EXISTS mode`);
  }
}
