import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A route switch's figures apart from its English sentence, so the console says them in the reader's language:
 * how long the primary had failed (or the secondary had carried the carrier), and the primary's last error.
 */
export class CarrierRouteSwitchFigures1766500000100 implements MigrationInterface {
  name = 'CarrierRouteSwitchFigures1766500000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE carrier_route_switches ADD COLUMN seconds int NOT NULL DEFAULT 0 CHECK (seconds >= 0)`);
    await q.query(`ALTER TABLE carrier_route_switches ADD COLUMN error text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE carrier_route_switches DROP COLUMN error`);
    await q.query(`ALTER TABLE carrier_route_switches DROP COLUMN seconds`);
  }
}
