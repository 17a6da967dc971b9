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

/** A banner a portal may show now. */
export interface ActiveBanner {
  campaignId: string;
  content: { headline: string; body?: string; targetUrl: string };
}

/** The SQL of banners: portals by embed key, the banners a portal may show, and `banner_stats` counters. */
@Injectable()
export class BannerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  portalByKey(embedKey: string): Promise<PortalEntity | null> {
    return this.dataSource.getRepository(PortalEntity).findOne({ where: { embedKey } });
  }

  portalById(id: string): Promise<PortalEntity | null> {
    return this.dataSource.getRepository(PortalEntity).findOne({ where: { id } });
  }

  portalsOf(organizationId: string): Promise<PortalEntity[]> {
    return this.dataSource.getRepository(PortalEntity).find({ where: { organizationId }, order: { code: 'ASC' } });
  }

  /**
   * Running real campaigns (never an exercise or test: those show only in the console's preview), inside their
   * window, whose banner plan names this portal (or all portals); least-served on this portal first, then the
   * newest launch.
   */
  async activeBanners(portal: { id: string; organizationId: string; code: string }): Promise<ActiveBanner[]> {
    const rows: Array<{ campaign_id: string; content: ActiveBanner['content'] }> = await this.dataSource.query(
      `SELECT c.id AS campaign_id, p.content
         FROM campaigns c
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'banner'
         LEFT JOIN banner_stats bs ON bs.campaign_id = c.id AND bs.portal_id = $1
        WHERE c.organization_id = $2 AND c.status = 'running' AND now() >= c.starts_at AND now() < c.ends_at
          AND c.mode = 'actual'
          AND (p.content->'portalCodes' IS NULL OR p.content->'portalCodes' ? $3)
        ORDER BY COALESCE(bs.impressions, 0) ASC, c.launched_at DESC`,
      [portal.id, portal.organizationId, portal.code],
    );
    return rows.map((r) => ({ campaignId: r.campaign_id, content: r.content }));
  }

  /** One more impression or click of a campaign's banner on a portal. */
  async count(campaignId: string, portalId: string, what: 'impressions' | 'clicks'): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO banner_stats (campaign_id, portal_id, ${what}) VALUES ($1, $2, 1)
       ON CONFLICT (campaign_id, portal_id) DO UPDATE SET ${what} = banner_stats.${what} + 1`,
      [campaignId, portalId],
    );
  }

  /**
   * At launch, in the fan-out's transaction: a zeroed counter row per portal of the organisation that the plan
   * names (every portal when it names none), so the report lists portals that showed nothing yet.
   */
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
