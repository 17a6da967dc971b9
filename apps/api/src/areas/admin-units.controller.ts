import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AreaOptionsService } from '@loa/campaigns';
import { operator } from '../campaigns/operator';
import type { LoaRequest } from '../http/request-context';
import { AdminUnitQuery, UnitOptionDto } from './admin-units.dto';

/** Administrative units (config/admin-units) for a campaign's area: today's units of the organisation's province. */
@ApiTags('admin-units')
@ApiBearerAuth()
@Controller('api/admin-units')
export class AdminUnitsController {
  constructor(private readonly options: AreaOptionsService) {}

  /** Units whose name contains `q` (accents optional), the province first; at most 50. */
  @Get()
  search(@Query() q: AdminUnitQuery, @Req() req: LoaRequest): Promise<UnitOptionDto[]> {
    return this.options.search(operator(req).organizationId, q.q ?? '');
  }
}
