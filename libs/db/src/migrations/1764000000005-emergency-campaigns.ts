import { MigrationInterface, QueryRunner } from 'typeorm';

/** An emergency campaign may send SMS during quiet hours (each such batch is audited). */
export class EmergencyCampaigns1764000000005 implements MigrationInterface {
  name = 'EmergencyCampaigns1764000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN emergency boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP COLUMN emergency`);
  }
}
