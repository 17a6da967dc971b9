import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PortalEntity, Queryable } from '@loa/db';

/** What a campaign's banner did on one portal, as operators read it. */
export interface CampaignPortalFigures {
  portalCode: string;
  portalName: string;
  url: string;
  impressions: number;
  clicks: number;
}

/** What one campaign's banner did on one portal. */
export interface PortalCampaignFigures {
  campaignId: string;
  title: string;
  headline: string;
  status: string;
  startsAt: string;
  endsAt: string;
  impressions: number;
  clicks: number;
}

/** What a banner plan holds (channel_plans.content of the banner channel). */
export interface BannerContent {
  headline: string;
  body?: string;
  targetUrl: string;
  portalCodes?: string[];
  /** Share of views among campaigns showing at the same time, 1–5 (1 when absent). */
  priority?: number;
  /** Uploaded images (banner_images), at most one per standard size; the text banner shows in the others. */
  images?: Array<{ imageId: string }>;
  /** What the images say, for people who cannot see them (the headline when absent). */
  imageAlt?: string;
}

/** A banner a portal may show now. */
export interface ActiveBanner {
  campaignId: string;
  content: BannerContent;
}

/** A campaign whose banner a portal may show, now or later in its window. */
export interface CatalogBanner extends ActiveBanner {
  emergency: boolean;
  startsAt: Date;
  endsAt: Date;
}

/** A portal and the banners it may show. */
export interface PortalBannerSet {
  portal: { id: string; organizationId: string; code: string; embedKey: string };
  banners: CatalogBanner[];
}

/** Impressions and clicks of one campaign on one portal on one local day, to add to the stored figures. */
export interface BannerCountRow {
  campaignId: string;
  portalId: string;
  /** YYYY-MM-DD, Vietnam's day. */
  day: string;
  impressions: number;
  clicks: number;
}

/** One day of a campaign's banner on one portal. */
export interface BannerDayFigures {
  day: string;
  portalCode: string;
  portalName: string;
  campaignId: string;
  impressions: number;
  clicks: number;
}

/**
 * The SQL of banners: portals by embed key, the banners a portal may show, the catalog's version, and the
 * counters (`banner_stats` totals, `banner_daily_stats` per day).
 */
@Injectable()
export class BannerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  portalById(id: string): Promise<PortalEntity | null> {
    return this.dataSource.getRepository(PortalEntity).findOne({ where: { id } });
  }

  portalsOf(organizationId: string): Promise<PortalEntity[]> {
    return this.dataSource.getRepository(PortalEntity).find({ where: { organizationId }, order: { code: 'ASC' } });
  }

  /** The number every change to campaigns, banner plans or portals bumps (triggers of migration 1766000000000). */
  async catalogVersion(): Promise<string> {
    const rows: Array<{ version: string }> = await this.dataSource.query(
      `SELECT version FROM banner_catalog_version WHERE id = 1`,
    );
    return String(rows[0]?.version ?? '0');
  }

  /**
   * The portal of an embed key and the banners it may show: running real campaigns (never an exercise or test:
   * those show only in the console's preview) not yet over, whose banner plan names this portal (or all portals).
   * Whether each is inside its window is decided when serving. Null for an unknown key.
   */
  async portalBannerSet(embedKey: string): Promise<PortalBannerSet | null> {
    const portals: Array<{ id: string; organization_id: string; code: string; embed_key: string }> =
      await this.dataSource.query(`SELECT id, organization_id, code, embed_key FROM portals WHERE embed_key = $1`, [
        embedKey,
      ]);
    const p = portals[0];
    if (!p) return null;
    const rows: Array<{ id: string; emergency: boolean; starts_at: Date; ends_at: Date; content: BannerContent }> =
      await this.dataSource.query(
        `SELECT c.id, c.emergency, c.starts_at, c.ends_at, p.content
           FROM campaigns c
           JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'banner'
          WHERE c.organization_id = $1 AND c.status = 'running' AND c.mode = 'actual' AND c.ends_at > now()
            AND (p.content->'portalCodes' IS NULL OR p.content->'portalCodes' ? $2)
          ORDER BY c.launched_at DESC, c.id`,
        [p.organization_id, p.code],
      );
    return {
      portal: { id: p.id, organizationId: p.organization_id, code: p.code, embedKey: p.embed_key },
      banners: rows.map((r) => ({
        campaignId: r.id,
        emergency: r.emergency,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        content: r.content,
      })),
    };
  }

  /**
   * Where a banner of this portal's organisation leads, whatever the campaign's status now (a page left open
   * after the campaign ended still leads somewhere); null when the pair is not a real banner of that organisation.
   */
  async targetOf(embedKey: string, campaignId: string): Promise<string | null> {
    const rows: Array<{ target: string | null }> = await this.dataSource.query(
      `SELECT p.content->>'targetUrl' AS target
         FROM portals po
         JOIN campaigns c ON c.organization_id = po.organization_id AND c.id = $2 AND c.mode = 'actual'
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'banner'
        WHERE po.embed_key = $1`,
      [embedKey, campaignId],
    );
    return rows[0]?.target ?? null;
  }

  /**
   * Adds counted impressions and clicks, per day and to the totals, in one transaction of two statements.
   * Rows of a portal or campaign that no longer exists are dropped (they could never be added).
   */
  async addCounts(rows: BannerCountRow[]): Promise<void> {
    if (rows.length === 0) return;
    const params = [
      rows.map((r) => r.campaignId),
      rows.map((r) => r.portalId),
      rows.map((r) => r.day),
      rows.map((r) => r.impressions),
      rows.map((r) => r.clicks),
    ];
    const batch = `SELECT b.campaign_id, b.portal_id, b.day, b.impressions, b.clicks
                     FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::bigint[], $5::bigint[])
                          AS b(campaign_id, portal_id, day, impressions, clicks)
                     JOIN campaigns c ON c.id = b.campaign_id
                     JOIN portals po ON po.id = b.portal_id`;
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO banner_daily_stats (campaign_id, portal_id, day, impressions, clicks) ${batch}
         ON CONFLICT (campaign_id, portal_id, day) DO UPDATE
           SET impressions = banner_daily_stats.impressions + EXCLUDED.impressions,
               clicks = banner_daily_stats.clicks + EXCLUDED.clicks`,
        params,
      );
      await m.query(
        `INSERT INTO banner_stats (campaign_id, portal_id, impressions, clicks)
         SELECT campaign_id, portal_id, sum(impressions), sum(clicks) FROM (${batch}) t GROUP BY campaign_id, portal_id
         ON CONFLICT (campaign_id, portal_id) DO UPDATE
           SET impressions = banner_stats.impressions + EXCLUDED.impressions,
               clicks = banner_stats.clicks + EXCLUDED.clicks`,
        params,
      );
    });
  }

  /** A campaign's banner per portal and local day, newest day first. */
  async campaignDays(campaignId: string): Promise<BannerDayFigures[]> {
    return this.days(`d.campaign_id = $1`, [campaignId]);
  }

  /** A portal's banners per campaign and local day since `sinceDay` (YYYY-MM-DD), newest day first. */
  async portalDays(portalId: string, sinceDay: string): Promise<BannerDayFigures[]> {
    return this.days(`d.portal_id = $1 AND d.day >= $2::date`, [portalId, sinceDay]);
  }

  private async days(where: string, params: unknown[]): Promise<BannerDayFigures[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT to_char(d.day, 'YYYY-MM-DD') AS day, po.code, po.name, d.campaign_id, d.impressions, d.clicks
         FROM banner_daily_stats d JOIN portals po ON po.id = d.portal_id
        WHERE ${where}
        ORDER BY d.day DESC, d.impressions DESC, po.code, d.campaign_id`,
      params,
    );
    return rows.map((r) => ({
      day: String(r.day),
      portalCode: String(r.code),
      portalName: String(r.name),
      campaignId: String(r.campaign_id),
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
    }));
  }

  /** The portal's figures per campaign that showed a banner on it, newest launch first. */
  async portalFigures(portalId: string): Promise<PortalCampaignFigures[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.id, c.title, c.status, c.starts_at, c.ends_at, p.content->>'headline' AS headline,
              bs.impressions, bs.clicks
         FROM banner_stats bs
         JOIN campaigns c ON c.id = bs.campaign_id
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'banner'
        WHERE bs.portal_id = $1
        ORDER BY c.launched_at DESC NULLS LAST, c.id`,
      [portalId],
    );
    return rows.map((r) => ({
      campaignId: String(r.id),
      title: String(r.title),
      headline: String(r.headline ?? ''),
      status: String(r.status),
      startsAt: (r.starts_at as Date).toISOString(),
      endsAt: (r.ends_at as Date).toISOString(),
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
    }));
  }

  /** A campaign's figures per portal, for the operators' report (most impressions first). */
  async campaignPortalFigures(campaignId: string): Promise<CampaignPortalFigures[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT p.code, p.name, p.url, bs.impressions, bs.clicks
         FROM banner_stats bs JOIN portals p ON p.id = bs.portal_id
        WHERE bs.campaign_id = $1
        ORDER BY bs.impressions DESC, p.code`,
      [campaignId],
    );
    return rows.map((r) => ({
      portalCode: String(r.code),
      portalName: String(r.name),
      url: String(r.url),
      impressions: Number(r.impressions),
      clicks: Number(r.clicks),
    }));
  }

  /** A campaign's banner plan, whatever its status, or null (another organisation's, or no banner channel). */
  async planOf(organizationId: string, campaignId: string): Promise<ActiveBanner | null> {
    const rows: Array<{ content: ActiveBanner['content'] }> = await this.dataSource.query(
      `SELECT p.content FROM campaigns c JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'banner'
        WHERE c.id = $1 AND c.organization_id = $2`,
      [campaignId, organizationId],
    );
    return rows[0] ? { campaignId, content: rows[0].content } : null;
  }

  /**
   * At launch, in the fan-out's transaction: a zeroed counter row per portal of the organisation that the plan
   * names (every portal when it names none), so the report lists portals that showed nothing yet.
   */
  async createCounters(
    q: Queryable,
    campaign: { id: string; organizationId: string },
    portalCodes: string[] | null,
  ): Promise<void> {
    await q.query(
      `INSERT INTO banner_stats (campaign_id, portal_id)
       SELECT $1, id FROM portals WHERE organization_id = $2 AND ($3::text[] IS NULL OR code = ANY($3))
       ON CONFLICT DO NOTHING`,
      [campaign.id, campaign.organizationId, portalCodes],
    );
  }
}

/** Banner figures of a campaign over all its portals. */
export interface BannerTotals {
  portals: number;
  served: number;
  clicked: number;
}

/** A campaign's banner figures for its report: portals counted, impressions and clicks summed. */
export async function bannerTotals(q: Queryable, campaignId: string): Promise<BannerTotals> {
  const [b] = (await q.query(
    `SELECT count(*) AS portals, sum(impressions) AS served, sum(clicks) AS clicked FROM banner_stats
      WHERE campaign_id = $1`,
    [campaignId],
  )) as Array<{ portals: string; served: string | null; clicked: string | null }>;
  return { portals: Number(b.portals), served: Number(b.served ?? 0), clicked: Number(b.clicked ?? 0) };
}
