import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Images operators upload for banners (PNG, JPEG or WebP, re-encoded on upload, one standard size each). A banner
 * plan names them by id (`images: [{ imageId }]`); rows are never changed, so an id always means the same bytes.
 */
export class BannerImages1766000000100 implements MigrationInterface {
  name = 'BannerImages1766000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE banner_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        size text NOT NULL,
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
        width int NOT NULL,
        height int NOT NULL,
        bytes bytea NOT NULL,
        sha256 text NOT NULL,
        original_name text,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX banner_images_organization ON banner_images (organization_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS banner_images`);
  }
}
