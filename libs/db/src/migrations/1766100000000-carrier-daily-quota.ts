import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A carrier's daily quota (messages per local day, as contracts say; `connection.dailyQuota` of the carrier row):
 * what every worker has handed the carrier today, counted in one row per carrier and day.
 */
export class CarrierDailyQuota1766100000000 implements MigrationInterface {
  name = 'CarrierDailyQuota1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE carrier_daily_counts (
        carrier_code text NOT NULL,
        day date NOT NULL,
        count int NOT NULL CHECK (count >= 0),
        PRIMARY KEY (carrier_code, day)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE carrier_daily_counts`);
  }
}
