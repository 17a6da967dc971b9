import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditQueryService } from '@loa/audit';
import { Roles } from '../auth/auth.decorators';
import { AuditPageDto } from './audit-page.dto';
import { operator } from '../campaigns/operator';
import type { LoaRequest } from '../http/request-context';

export class AuditQuery {
  @IsOptional() @IsString() @MaxLength(64) action?: string;
  @IsOptional() @IsString() @MaxLength(64) targetType?: string;
  @IsOptional() @IsString() @MaxLength(64) targetId?: string;
  @IsOptional() @IsString() @MaxLength(64) actorId?: string;
  @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  @IsOptional() @Matches(/^\d{1,19}$/, { message: 'before must be an event id (cursor)' }) before?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

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
