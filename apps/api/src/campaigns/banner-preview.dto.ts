/** What a campaign's banner did on one portal. */
export class BannerPortalFiguresDto {
  portalCode!: string;
  portalName!: string;
  url!: string;
  impressions!: number;
  clicks!: number;
}
