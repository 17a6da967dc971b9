import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import { BannerService } from '@loa/banner';
import { Public } from '../auth/auth.decorators';
import { PortalGuard } from '../auth/portal.guard';
import type { LoaRequest } from '../http/request-context';
import { WebmasterViewDto } from './portal-webmaster.dto';

/** A portal's webmaster, by the portal's own key: the snippet, what it shows now, and its figures. */
@ApiTags('portals')
@ApiHeader({ name: 'X-Portal-Key', required: true })
@ApiParam({ name: 'code', description: "The portal's code" })
@Public()
@UseGuards(PortalGuard)
@Controller('portals/:code')
export class PortalWebmasterController {
  constructor(private readonly banners: BannerService) {}

  @Get()
  view(@Req() req: LoaRequest): Promise<WebmasterViewDto> {
    return this.banners.webmasterView(req.portal!);
  }
}
