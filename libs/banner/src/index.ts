export { renderEmbedPage, renderEmbedSnippet } from './render-embed';
export type { EmbedBanner } from './render-embed';
export { BannerService } from './banner.service';
export { BannerRepository, bannerTotals } from './banner.repository';
export type { ActiveBanner, BannerTotals, CampaignPortalFigures, PortalCampaignFigures } from './banner.repository';
export { BannerFanout } from './banner-fanout';
export { BannerModule } from './banner.module';
