import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PartnerKeysService } from '@loa/auth';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import type { LoaRequest } from '../http/request-context';
import { IssuedPartnerKeyDto, PartnerKeyViewDto } from './admin-views.dto';
import { IssuePartnerKeyDto, ListPartnerKeysQuery } from './partner-keys.dto';

/** Admins issue, list (prefix only), rotate and revoke partner API keys. A key is shown once, when issued. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/partner-keys')
export class PartnerKeysController {
  constructor(private readonly keys: PartnerKeysService) {}

  @Get()
  list(@Query() q: ListPartnerKeysQuery, @Req() req: LoaRequest): Promise<PartnerKeyViewDto[]> {
    return this.keys.list(operator(req).organizationId, q.kind ?? null);
  }

  @Post()
  issue(@Body() body: IssuePartnerKeyDto, @Req() req: LoaRequest): Promise<IssuedPartnerKeyDto> {
    return this.keys.issue(operator(req), body.kind, body.partnerCode, req.requestId);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  rotate(@Param('id') id: string, @Req() req: LoaRequest) {
    return this.keys.rotate(operator(req), id, req.requestId);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@Param('id') id: string, @Req() req: LoaRequest): Promise<void> {
    await this.keys.revoke(operator(req), id, req.requestId);
  }
}
