import { MigrationInterface, QueryRunner } from 'typeorm';

/** An operator's own mobile number (84…), where "send me a test SMS" goes; set by an admin. */
export class UserPhone1765800000100 implements MigrationInterface {
  name = 'UserPhone1765800000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN phone text CHECK (phone ~ '^84[0-9]{9}$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS phone`);
  }
}
