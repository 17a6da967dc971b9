import { MigrationInterface, QueryRunner } from 'typeorm';

/** Admins disable operator accounts (issue 3): a disabled user cannot log in and has no live session. */
export class UserDisabled1764900000100 implements MigrationInterface {
  name = 'UserDisabled1764900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN disabled_at`);
  }
}
