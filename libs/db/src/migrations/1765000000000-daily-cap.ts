import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-subscriber daily cap: messages handed to carriers per number and local day; a row held back by the cap
 * (or any other "not before" rule) waits in `queued` with `not_before`.
 */
export class DailyCap1765000000000 implements MigrationInterface {
  name = 'DailyCap1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscriber_daily_counts (
        msisdn text NOT NULL,
        day date NOT NULL,
        count int NOT NULL,
        PRIMARY KEY (msisdn, day)
      )`);
    await q.query(`ALTER TABLE deliveries ADD COLUMN not_before timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deliveries DROP COLUMN not_before`);
    await q.query(`DROP TABLE subscriber_daily_counts`);
  }
}
