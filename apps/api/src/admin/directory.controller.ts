import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DirectoryService } from '@loa/directory';
import { CarrierTermsService } from '@loa/sms';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import { AgencyViewDto, CarrierTermsDto, CarrierViewDto, PortalViewDto } from './admin-views.dto';
import type { LoaRequest } from '../http/request-context';
import { CreateAgencyDto, CreatePortalDto, UpdateAgencyDto, UpdatePortalDto } from './directory.dto';

/** Agencies (email addressees) of the admin's organisation. Codes are fixed once created. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/agencies')
export class AgenciesAdminController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  list(@Req() req: LoaRequest): Promise<AgencyViewDto[]> {
    return this.directory.listAgencies(operator(req).organizationId);
  }

  @Post()
  create(@Body() body: CreateAgencyDto, @Req() req: LoaRequest) {
    return this.directory.createAgency(operator(req), body, req.requestId);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateAgencyDto, @Req() req: LoaRequest) {
    return this.directory.updateAgency(operator(req), id, body, req.requestId);
  }

  /** 409 while a campaign uses it. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Req() req: LoaRequest): Promise<void> {
    await this.directory.deleteAgency(operator(req), id, req.requestId);
  }
}

/** Portals (banner hosts) of the admin's organisation; the embed key is generated and can be rotated. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/portals')
export class PortalsAdminController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  list(@Req() req: LoaRequest): Promise<PortalViewDto[]> {
    return this.directory.listPortals(operator(req).organizationId);
  }

  @Post()
  create(@Body() body: CreatePortalDto, @Req() req: LoaRequest) {
    return this.directory.createPortal(operator(req), body, req.requestId);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdatePortalDto, @Req() req: LoaRequest) {
    return this.directory.updatePortal(operator(req), id, body, req.requestId);
  }

  /** The old embed URL stops working at once; the portal pastes the new snippet. */
  @Post(':id/embed-key/rotate')
  @HttpCode(200)
  rotateEmbedKey(@Param('id') id: string, @Req() req: LoaRequest) {
    return this.directory.rotateEmbedKey(operator(req), id, req.requestId);
  }

  /** 409 while a campaign uses it. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Req() req: LoaRequest): Promise<void> {
    await this.directory.deletePortal(operator(req), id, req.requestId);
  }
}

/** Carriers are national (shared by every province): admins see the list; it is changed by configuration. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/carriers')
export class CarriersAdminController {
  constructor(
    private readonly directory: DirectoryService,
    private readonly terms: CarrierTermsService,
  ) {}

  @Get()
  list(): Promise<CarrierViewDto[]> {
    return this.directory.listCarriers();
  }

  /** Each carrier's sending terms (sender name, TPS, sessions, window, daily quota, parts) and today's count. */
  @Get('terms')
  termsOf(): Promise<CarrierTermsDto[]> {
    return this.terms.list();
  }
}
