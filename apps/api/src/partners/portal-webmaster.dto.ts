import { BannerDayFiguresDto, EmbedSnippetDto } from '../campaigns/banner-preview.dto';

/** What one campaign's banner did on the portal. */
export class PortalCampaignFiguresDto {
  campaignId!: string;
  title!: string;
  headline!: string;
  status!: string;
  startsAt!: string;
  endsAt!: string;
  impressions!: number;
  clicks!: number;
}

export class WebmasterPortalDto {
  code!: string;
  name!: string;
  url!: string;
}

/** GET /portals/:code: everything the portal's webmaster needs on one page. */
export class WebmasterViewDto {
  portal!: WebmasterPortalDto;
  /** The address the iframe loads. */
  embedUrl!: string;
  /** The snippet to paste into the site's template (300×250). */
  snippet!: string;
  /** The snippet in every standard size, and the responsive one. */
  snippets!: EmbedSnippetDto[];
  /** The banner as the portal shows it now (HTML; nothing counted), or an empty page when none is running. */
  previewHtml!: string;
  /** The campaign whose banner shows now, or null. */
  showing!: string | null;
  campaigns!: PortalCampaignFiguresDto[];
  /** The last 30 days, per campaign and day (Vietnam), newest first. */
  days!: BannerDayFiguresDto[];
}
