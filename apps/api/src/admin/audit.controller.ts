import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuditQueryService } from '@loa/audit';
import { Roles } from '../auth/auth.decorators';
import { AuditPageDto, AuditQuery } from './audit-page.dto';
import { operator } from '../campaigns/operator';
import type { LoaRequest } from '../http/request-context';

/** The organisation's append-only audit trail, for admins: filterable, newest first, cursor-paginated. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  list(@Query() q: AuditQuery, @Req() req: LoaRequest): Promise<AuditPageDto> {
    return this.audit.list(operator(req).organizationId, { ...q, limit: q.limit ?? 50 });
  }
}
