import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's place in the departments' lineage (config/organizations/lineage.csv): the body it is today.
 * Letters signed by that body or by any it grew out of (a Sở TTTT merged into a Sở KH&CN, a province merged into
 * another) are its own. Null = no lineage recorded; its name and province are read as written.
 */
export class OrganizationLineage1766300000000 implements MigrationInterface {
  name = 'OrganizationLineage1766300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations ADD COLUMN lineage_code text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE organizations DROP COLUMN lineage_code`);
  }
}
