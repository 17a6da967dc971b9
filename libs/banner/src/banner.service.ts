import { Inject, Injectable } from '@nestjs/common';
import { isUuid } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { PortalEntity } from '@loa/db';
import { BannerRepository } from './banner.repository';
import { renderEmbedPage, renderEmbedSnippet } from './render-embed';

/** Serves the banner for a portal and counts impressions and clicks. */
@Injectable()
export class BannerService {
  constructor(
    private readonly banners: BannerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The embed page for a portal key, or null for an unknown key. Rotates fairly: least-served banner first. */
  async embed(embedKey: string): Promise<string | null> {
    const portal = await this.portalByKey(embedKey);
    if (!portal) return null;
    const [active] = await this.banners.activeBanners(portal);
    if (!active) return renderEmbedPage(null);
    await this.banners.count(active.campaignId, portal.id, 'impressions');
    return renderEmbedPage({
      campaignId: active.campaignId,
      headline: active.content.headline,
      body: active.content.body ?? null,
      clickUrl: this.clickUrl(embedKey, active.campaignId),
    });
  }

  /** Counts a click and returns the campaign's stored target; null when the pair is not an active banner. */
  async click(embedKey: string, campaignId: string): Promise<string | null> {
    const portal = await this.portalByKey(embedKey);
    if (!portal) return null;
    const banner = (await this.banners.activeBanners(portal)).find((b) => b.campaignId === campaignId);
    if (!banner) return null;
    await this.banners.count(campaignId, portal.id, 'clicks');
    return banner.content.targetUrl;
  }

  /**
   * The banner exactly as portals would show it, for the console's preview: nothing counted, the link going
   * straight to the target. Null when the campaign is not this organisation's or has no banner. The only place an
   * exercise's or test's banner appears.
   */
  async preview(organizationId: string, campaignId: string): Promise<string | null> {
    if (!isUuid(campaignId)) return null;
    const plan = await this.banners.planOf(organizationId, campaignId);
    if (!plan) return null;
    return renderEmbedPage({
      campaignId,
      headline: plan.content.headline,
      body: plan.content.body ?? null,
      clickUrl: plan.content.targetUrl,
    });
  }

  /**
   * The webmaster's view of their portal: the snippet to paste, the banner it shows now as HTML (nothing counted),
   * and what each campaign's banner did on it.
   */
  async webmasterView(portal: PortalEntity) {
    const embedUrl = `${this.config.http.publicBaseUrl}/embed/${encodeURIComponent(portal.embedKey)}`;
    const [active] = await this.banners.activeBanners(portal);
    return {
      portal: { code: portal.code, name: portal.name, url: portal.url },
      embedUrl,
      snippet: renderEmbedSnippet(embedUrl),
      previewHtml: renderEmbedPage(
        active
          ? {
              campaignId: active.campaignId,
              headline: active.content.headline,
              body: active.content.body ?? null,
              clickUrl: active.content.targetUrl,
            }
          : null,
      ),
      showing: active ? active.campaignId : null,
      campaigns: await this.banners.portalFigures(portal.id),
    };
  }

  /** The campaign's banner figures per portal; null when it is not this organisation's or has no banner. */
  async campaignPortals(organizationId: string, campaignId: string) {
    if (!isUuid(campaignId) || !(await this.banners.planOf(organizationId, campaignId))) return null;
    return this.banners.campaignPortalFigures(campaignId);
  }

  /** A portal by code within an organisation (the webmaster's key names the portal). */
  portalById(id: string): Promise<PortalEntity | null> {
    return this.banners.portalById(id);
  }

  async portalsWithSnippets(organizationId: string) {
    const portals = await this.banners.portalsOf(organizationId);
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
    return this.banners.portalByKey(embedKey);
  }
}
