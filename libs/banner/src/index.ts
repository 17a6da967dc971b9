export {
  embedSnippets,
  renderEmbedPage,
  renderEmbedSnippet,
  renderImageSnippet,
  EMBED_CSP,
} from './serving/render-embed';
export type { EmbedBanner } from './serving/render-embed';
export { BANNER_SIZES, bannerSize } from './serving/banner-sizes';
export type { BannerSize } from './serving/banner-sizes';
export { isLikelyBot } from './serving/bot-agents';
export { clickSignature, isValidClickSignature } from './serving/click-signature';
export { SmoothWeightedRotation, showingNow } from './serving/banner-rotation';
export type { RotationCandidate } from './serving/banner-rotation';
export { BannerCatalog, preparePage } from './serving/banner-catalog';
export type { PortalEntry, PreparedPage, ServedBanner, ServedImage } from './serving/banner-catalog';
export { BannerCounters, LocalDayClock } from './serving/banner-counters';
export { BannerService, clickThroughRate } from './banner.service';
export { BannerRepository, bannerTotals } from './banner.repository';
export type {
  ActiveBanner,
  BannerContent,
  BannerCountRow,
  BannerDayFigures,
  BannerTotals,
  CampaignPortalFigures,
  PortalCampaignFigures,
} from './banner.repository';
export { BannerFanout } from './banner-fanout';
export { BannerImagesService, BannerImageRefusedError } from './images/banner-images.service';
export type { StoredBannerImage } from './images/banner-images.repository';
export { bannerImageVerdict } from './images/banner-image-rules';
export { renderTextBannerPng } from './images/text-banner-image';
export { BannerModule } from './banner.module';
