/** What a campaign's banner did on one portal. */
export class BannerPortalFiguresDto {
  portalCode!: string;
  portalName!: string;
  url!: string;
  impressions!: number;
  clicks!: number;
  /** Clicks per impression (0.0125 = 1.25%); 0 without impressions. */
  clickThroughRate!: number;
}

/** One local day (Vietnam) of a banner on one portal. */
export class BannerDayFiguresDto {
  /** YYYY-MM-DD in Vietnam's time. */
  day!: string;
  portalCode!: string;
  portalName!: string;
  campaignId!: string;
  impressions!: number;
  clicks!: number;
  /** Clicks per impression (0.0125 = 1.25%); 0 without impressions. */
  clickThroughRate!: number;
}

/** A snippet in one of the standard sizes (or the responsive one). */
export class EmbedSnippetDto {
  /** "300x250", "728x90", "320x100", "320x50", "160x600" or "responsive". */
  size!: string;
  /** Vietnamese name, then English. */
  label!: string;
  /** The iframe to paste. */
  html!: string;
  /** The plain link and image for sites whose editor strips iframes (null for the responsive one). */
  imageHtml!: string | null;
}

/** An uploaded banner image (re-encoded), ready to name in a banner plan's `images`. */
export class BannerImageDto {
  id!: string;
  /** The standard size its proportions match: "300x250", "728x90", "320x100", "320x50" or "160x600". */
  size!: string;
  contentType!: string;
  width!: number;
  height!: number;
  sha256!: string;
}
