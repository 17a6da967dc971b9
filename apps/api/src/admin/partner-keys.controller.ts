import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PartnerKeysService } from '@loa/auth';
import { PARTNER_KINDS, PartnerKind } from '@loa/db';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import type { LoaRequest } from '../http/request-context';

export class IssuePartnerKeyDto {
  @IsIn(PARTNER_KINDS) kind!: PartnerKind;
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z0-9-]+$/, { message: 'partnerCode must be a directory code (a-z, 0-9, -)' })
  partnerCode!: string;
}

export class ListPartnerKeysQuery {
  @IsOptional() @IsIn(PARTNER_KINDS) kind?: PartnerKind;
}

/** Admins issue, list (prefix only), rotate and revoke partner API keys. A key is shown once, when issued. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/partner-keys')
export class PartnerKeysController {
  constructor(private readonly keys: PartnerKeysService) {}

  @Get()
  list(@Query() q: ListPartnerKeysQuery, @Req() req: LoaRequest) {
    return this.keys.list(operator(req).organizationId, q.kind ?? null);
  }

  @Post()
  issue(@Body() body: IssuePartnerKeyDto, @Req() req: LoaRequest) {
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
