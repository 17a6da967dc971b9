import { Controller, Get, Header, NotFoundException, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BannerService } from '@loa/banner';
import type { LoaRequest } from '../http/request-context';
import { BannerDayFiguresDto, BannerPortalFiguresDto } from './banner-preview.dto';
import { operator } from './operator';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class BannerPreviewController {
  constructor(private readonly banners: BannerService) {}

  /** The banner's figures per portal (impressions, clicks, click-through rate), most seen first; 404 without a banner. */
  @Get(':id/banner-portals')
  async portals(@Param('id') id: string, @Req() req: LoaRequest): Promise<BannerPortalFiguresDto[]> {
    const figures = await this.banners.campaignPortals(operator(req).organizationId, id);
    if (!figures) throw new NotFoundException('No such campaign with a banner');
    return figures;
  }

  /**
   * The banner per portal and local day (Vietnam), newest day first. Views and clicks reach these figures within
   * a few seconds (they are counted in memory and added in batches).
   */
  @Get(':id/banner-days')
  async days(@Param('id') id: string, @Req() req: LoaRequest): Promise<BannerDayFiguresDto[]> {
    const figures = await this.banners.campaignDays(operator(req).organizationId, id);
    if (!figures) throw new NotFoundException('No such campaign with a banner');
    return figures;
  }

  /**
   * The campaign's banner as portals would show it (HTML, nothing counted, the link straight to its target): the
   * console shows it in a sandboxed frame. For an exercise or test this is the only place the banner appears.
   */
  @Get(':id/banner-preview')
  @ApiProduces('text/html')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'")
  async preview(@Param('id') id: string, @Req() req: LoaRequest): Promise<string> {
    const html = await this.banners.preview(operator(req).organizationId, id);
    if (!html) throw new NotFoundException('No such campaign with a banner');
    return html;
  }
}
