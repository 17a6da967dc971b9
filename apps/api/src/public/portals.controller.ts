import { Controller, Get, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { BannerService } from '@loa/banner';
import type { LoaRequest } from '../http/request-context';
import { operator } from '../campaigns/operator';

@ApiTags('portals')
@ApiBearerAuth()
@Controller('api/portals')
export class PortalsController {
  constructor(private readonly banners: BannerService) {}

  /** Each portal with the one snippet its webmaster pastes. */
  @Get()
  list(@Req() req: LoaRequest) {
    return this.banners.portalsWithSnippets(operator(req).organizationId);
  }
}
