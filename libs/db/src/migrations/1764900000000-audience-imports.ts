import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscriber lists imported from CSV (issue 4): one row per import (recorded before it runs), and the rows it
 * could not use with the reason, for the operator to download and fix.
 */
export class AudienceImports1764900000000 implements MigrationInterface {
  name = 'AudienceImports1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audience_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running','completed','failed')),
        file_name text,
        phone_column text,
        rows_total bigint NOT NULL DEFAULT 0,
        accepted bigint NOT NULL DEFAULT 0,
        duplicates bigint NOT NULL DEFAULT 0,
        opted_out bigint NOT NULL DEFAULT 0,
        rejected bigint NOT NULL DEFAULT 0,
        by_carrier jsonb NOT NULL DEFAULT '{}',
        error text,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX audience_imports_campaign ON audience_imports (campaign_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE audience_import_rejects (
        import_id uuid NOT NULL REFERENCES audience_imports(id) ON DELETE CASCADE,
        line_no bigint NOT NULL,
        input text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (import_id, line_no)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audience_import_rejects`);
    await q.query(`DROP TABLE audience_imports`);
  }
}
