import { Inject, Injectable } from '@nestjs/common';
import { isUuid } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { PortalEntity } from '@loa/db';
import { BannerContent, BannerDayFigures, BannerRepository } from './banner.repository';
import { BannerImagesRepository } from './images/banner-images.repository';
import { showingNow } from './serving/banner-rotation';
import { embedSnippets, renderEmbedPage, renderEmbedSnippet } from './serving/render-embed';
import { LocalDayClock } from './serving/banner-counters';

/** Clicks per impression, 0 without impressions, to four decimals (0.0125 = 1.25%). */
export function clickThroughRate(impressions: number, clicks: number): number {
  return impressions > 0 ? Math.round((clicks / impressions) * 10_000) / 10_000 : 0;
}

/** How many days of figures the webmaster's page shows. */
const WEBMASTER_DAYS = 30;

/** Banners for operators and webmasters: previews, snippets and figures. Serving to portals is BannerCatalog's. */
@Injectable()
export class BannerService {
  private readonly clock = new LocalDayClock();

  constructor(
    private readonly banners: BannerRepository,
    private readonly images: BannerImagesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The banner exactly as portals would show it, for the console's preview: nothing counted, the link going
   * straight to the target. Null when the campaign is not this organisation's or has no banner. The only place an
   * exercise's or test's banner appears.
   */
  async preview(organizationId: string, campaignId: string): Promise<string | null> {
    if (!isUuid(campaignId)) return null;
    const plan = await this.banners.planOf(organizationId, campaignId);
    if (!plan) return null;
    return this.unCountedPage(campaignId, plan.content);
  }

  /** A banner's page for previews: nothing counted, the link straight to the target, images inline (data:). */
  private async unCountedPage(campaignId: string, content: BannerContent): Promise<string> {
    const images = await this.images.withBytes((content.images ?? []).map((i) => i.imageId));
    return renderEmbedPage({
      campaignId,
      headline: content.headline,
      body: content.body ?? null,
      clickUrl: content.targetUrl,
      viewUrl: null,
      images: images.map((i) => ({ size: i.size, src: `data:${i.contentType};base64,${i.bytes.toString('base64')}` })),
      alt: content.imageAlt,
    });
  }

  /**
   * Where a click on a banner that is no longer served leads (a page left open after its campaign ended): the
   * campaign's stored target; null when the pair was never a real banner of the portal's organisation.
   */
  targetOf(embedKey: string, campaignId: string): Promise<string | null> {
    return isUuid(campaignId) ? this.banners.targetOf(embedKey, campaignId) : Promise.resolve(null);
  }

  /**
   * The webmaster's view of their portal: the snippets to paste, the banner it shows now as HTML (nothing
   * counted), what each campaign's banner did on it, and the last 30 days day by day.
   */
  async webmasterView(portal: PortalEntity) {
    const embedUrl = this.embedUrl(portal.embedKey);
    const set = await this.banners.portalBannerSet(portal.embedKey);
    const [active] = showingNow(
      (set?.banners ?? []).map((b) => ({
        ...b,
        weight: b.content.priority ?? 1,
        startsAtMs: b.startsAt.getTime(),
        endsAtMs: b.endsAt.getTime(),
      })),
      Date.now(),
    );
    const since = this.clock.dayOf(Date.now() - (WEBMASTER_DAYS - 1) * 86_400_000);
    return {
      portal: { code: portal.code, name: portal.name, url: portal.url },
      embedUrl,
      snippet: renderEmbedSnippet(embedUrl),
      snippets: embedSnippets(embedUrl),
      previewHtml: active ? await this.unCountedPage(active.campaignId, active.content) : renderEmbedPage(null),
      showing: active ? active.campaignId : null,
      campaigns: await this.banners.portalFigures(portal.id),
      days: withRates(await this.banners.portalDays(portal.id, since)),
    };
  }

  /** The campaign's banner figures per portal; null when it is not this organisation's or has no banner. */
  async campaignPortals(organizationId: string, campaignId: string) {
    if (!isUuid(campaignId) || !(await this.banners.planOf(organizationId, campaignId))) return null;
    return (await this.banners.campaignPortalFigures(campaignId)).map((f) => ({
      ...f,
      clickThroughRate: clickThroughRate(f.impressions, f.clicks),
    }));
  }

  /** The campaign's banner per portal and day, newest first; null when it is not this organisation's or has none. */
  async campaignDays(organizationId: string, campaignId: string) {
    if (!isUuid(campaignId) || !(await this.banners.planOf(organizationId, campaignId))) return null;
    return withRates(await this.banners.campaignDays(campaignId));
  }

  /** A portal by id. */
  portalById(id: string): Promise<PortalEntity | null> {
    return this.banners.portalById(id);
  }

  async portalsWithSnippets(organizationId: string) {
    const portals = await this.banners.portalsOf(organizationId);
    return portals.map((p) => {
      const embedUrl = this.embedUrl(p.embedKey);
      return {
        code: p.code,
        name: p.name,
        url: p.url,
        embedUrl,
        snippet: renderEmbedSnippet(embedUrl),
        snippets: embedSnippets(embedUrl),
      };
    });
  }

  private embedUrl(embedKey: string): string {
    return `${this.config.http.publicBaseUrl}/embed/${encodeURIComponent(embedKey)}`;
  }
}

function withRates(rows: BannerDayFigures[]) {
  return rows.map((r) => ({ ...r, clickThroughRate: clickThroughRate(r.impressions, r.clicks) }));
}
