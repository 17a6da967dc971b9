import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Areas after the 2025 reform (config/admin-units): a campaign's area as unit codes (empty = no narrower than the
 * organisation's province), and the unit an organisation, a portal or an agency sits on (null = the organisation's
 * province). Stations already carry `admin_unit_code`. A carrier order keeps its unit's name beside its code.
 */
export class AdminUnitAreas1766200000000 implements MigrationInterface {
  name = 'AdminUnitAreas1766200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns ADD COLUMN area_codes text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE organizations ADD COLUMN admin_unit_code text`);
    await q.query(`ALTER TABLE portals ADD COLUMN admin_unit_code text`);
    await q.query(`ALTER TABLE agencies ADD COLUMN admin_unit_code text`);
    // A carrier order's area is a unit code; its official name is kept beside it as of the campaign's start.
    await q.query(`ALTER TABLE carrier_orders ADD COLUMN area_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE carrier_orders DROP COLUMN area_name`);
    await q.query(`ALTER TABLE agencies DROP COLUMN admin_unit_code`);
    await q.query(`ALTER TABLE portals DROP COLUMN admin_unit_code`);
    await q.query(`ALTER TABLE organizations DROP COLUMN admin_unit_code`);
    await q.query(`ALTER TABLE campaigns DROP COLUMN area_codes`);
  }
}
