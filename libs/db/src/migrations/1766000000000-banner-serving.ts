import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Banners served from memory:
 * - `banner_daily_stats`: impressions and clicks per campaign, portal and local day, added in batches by the API
 *   processes (beside the running totals in `banner_stats`).
 * - `banner_catalog_version`: one number that any change to what portals may show bumps (a campaign's status,
 *   window, mode or emergency flag; a banner plan; a portal), by triggers, whatever code path made the change. API
 *   processes read it once a second and drop their cached banners when it moved.
 */
export class BannerServing1766000000000 implements MigrationInterface {
  name = 'BannerServing1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE banner_daily_stats (
        campaign_id uuid NOT NULL REFERENCES campaigns(id),
        portal_id uuid NOT NULL REFERENCES portals(id),
        day date NOT NULL,
        impressions bigint NOT NULL DEFAULT 0,
        clicks bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, portal_id, day)
      )`);
    await q.query(`CREATE INDEX banner_daily_stats_portal ON banner_daily_stats (portal_id, day)`);
    await q.query(`
      CREATE TABLE banner_catalog_version (
        id smallint PRIMARY KEY CHECK (id = 1),
        version bigint NOT NULL
      )`);
    await q.query(`INSERT INTO banner_catalog_version (id, version) VALUES (1, 1)`);
    await q.query(`
      CREATE FUNCTION bump_banner_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE banner_catalog_version SET version = version + 1 WHERE id = 1;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER campaigns_banner_catalog
        AFTER INSERT OR DELETE OR UPDATE OF status, starts_at, ends_at, mode, emergency, organization_id, launched_at
        ON campaigns FOR EACH STATEMENT EXECUTE FUNCTION bump_banner_catalog_version()`);
    await q.query(`
      CREATE TRIGGER channel_plans_banner_catalog
        AFTER INSERT OR UPDATE OR DELETE ON channel_plans FOR EACH STATEMENT
        EXECUTE FUNCTION bump_banner_catalog_version()`);
    await q.query(`
      CREATE TRIGGER portals_banner_catalog
        AFTER INSERT OR UPDATE OR DELETE ON portals FOR EACH STATEMENT
        EXECUTE FUNCTION bump_banner_catalog_version()`);
    // Totals so far become the first day's figures, so per-day sums match the totals.
    await q.query(`
      INSERT INTO banner_daily_stats (campaign_id, portal_id, day, impressions, clicks)
      SELECT bs.campaign_id, bs.portal_id, (COALESCE(c.launched_at, c.created_at) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date,
             bs.impressions, bs.clicks
        FROM banner_stats bs JOIN campaigns c ON c.id = bs.campaign_id
       WHERE bs.impressions > 0 OR bs.clicks > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS portals_banner_catalog ON portals`);
    await q.query(`DROP TRIGGER IF EXISTS channel_plans_banner_catalog ON channel_plans`);
    await q.query(`DROP TRIGGER IF EXISTS campaigns_banner_catalog ON campaigns`);
    await q.query(`DROP FUNCTION IF EXISTS bump_banner_catalog_version()`);
    await q.query(`DROP TABLE IF EXISTS banner_catalog_version`);
    await q.query(`DROP TABLE IF EXISTS banner_daily_stats`);
  }
}
