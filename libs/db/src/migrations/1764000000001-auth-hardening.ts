import { MigrationInterface, QueryRunner } from 'typeorm';

/** Login lockout counters, and the issuing organisation of each partner key (a key sees only that tenant). */
export class AuthHardening1764000000001 implements MigrationInterface {
  name = 'AuthHardening1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN failed_logins int NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE users ADD COLUMN locked_until timestamptz`);
    await q.query(`ALTER TABLE partner_keys ADD COLUMN organization_id uuid REFERENCES organizations(id)`);
    await q.query(
      `UPDATE partner_keys k SET organization_id = s.organization_id FROM stations s
        WHERE k.partner_kind = 'station' AND s.id = k.partner_id`,
    );
    await q.query(`CREATE INDEX partner_keys_partner ON partner_keys (partner_kind, partner_id)`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS sessions_user`);
    await q.query(`DROP INDEX IF EXISTS partner_keys_partner`);
    await q.query(`ALTER TABLE partner_keys DROP COLUMN organization_id`);
    await q.query(`ALTER TABLE users DROP COLUMN locked_until`);
    await q.query(`ALTER TABLE users DROP COLUMN failed_logins`);
  }
}
