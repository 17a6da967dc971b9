import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { PortalEntity } from '@loa/db';
import { renderEmbedPage, renderEmbedSnippet } from './render-embed';

interface ActiveBanner {
  campaign_id: string;
  content: { headline: string; body?: string; targetUrl: string };
}

/** Serves the banner for a portal and counts impressions and clicks. */
@Injectable()
export class BannerService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The embed page for a portal key, or null for an unknown key. Rotates fairly: least-served banner first. */
  async embed(embedKey: string): Promise<string | null> {
    const portal = await this.portalByKey(embedKey);
    if (!portal) return null;
    const [active] = await this.activeBanners(portal);
    if (!active) return renderEmbedPage(null);
    await this.count(active.campaign_id, portal.id, 'impressions');
    return renderEmbedPage({
      campaignId: active.campaign_id,
      headline: active.content.headline,
      body: active.content.body ?? null,
      clickUrl: this.clickUrl(embedKey, active.campaign_id),
    });
  }

  /** Counts a click and returns the campaign's stored target; null when the pair is not an active banner. */
  async click(embedKey: string, campaignId: string): Promise<string | null> {
    const portal = await this.portalByKey(embedKey);
    if (!portal) return null;
    const banner = (await this.activeBanners(portal)).find((b) => b.campaign_id === campaignId);
    if (!banner) return null;
    await this.count(campaignId, portal.id, 'clicks');
    return banner.content.targetUrl;
  }

  async portalsWithSnippets(organizationId: string) {
    const portals = await this.dataSource
      .getRepository(PortalEntity)
      .find({ where: { organizationId }, order: { code: 'ASC' } });
    return portals.map((p) => {
      const embedUrl = `${this.config.http.publicBaseUrl}/embed/${encodeURIComponent(p.embedKey)}`;
      return { code: p.code, name: p.name, url: p.url, embedUrl, snippet: renderEmbedSnippet(embedUrl) };
    });
  }

  private clickUrl(embedKey: string, campaignId: string): string {
    return `${this.config.http.publicBaseUrl}/embed/${encodeURIComponent(embedKey)}/click/${encodeURIComponent(campaignId)}`;
  }

  private portalByKey(embedKey: string): Promise<PortalEntity | null> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(embedKey)) return Promise.resolve(null);
    return this.dataSource.getRepository(PortalEntity).findOne({ where: { embedKey } });
  }

  private async count(campaignId: string, portalId: string, what: 'impressions' | 'clicks'): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO banner_stats (campaign_id, portal_id, ${what}) VALUES ($1, $2, 1)
       ON CONFLICT (campaign_id, portal_id) DO UPDATE SET ${what} = banner_stats.${what} + 1`,
      [campaignId, portalId],
    );
  }

  /** Running campaigns, inside their window, whose banner plan names this portal (or all portals). */
  private activeBanners(portal: PortalEntity): Promise<ActiveBanner[]> {
    return this.dataSource.query(
      `SELECT c.id AS campaign_id, p.content
         FROM campaigns c
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'banner'
         LEFT JOIN banner_stats bs ON bs.campaign_id = c.id AND bs.portal_id = $1
        WHERE c.organization_id = $2 AND c.status = 'running' AND now() >= c.starts_at AND now() < c.ends_at
          AND (p.content->'portalCodes' IS NULL OR p.content->'portalCodes' ? $3)
        ORDER BY COALESCE(bs.impressions, 0) ASC, c.launched_at DESC`,
      [portal.id, portal.organizationId, portal.code],
    );
  }
}
