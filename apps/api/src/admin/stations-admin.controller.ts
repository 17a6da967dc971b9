import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { StationsService } from '@loa/directory';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import { StationImportResultDto, StationViewDto } from './admin-views.dto';
import type { LoaRequest } from '../http/request-context';
import { readCsvUpload } from './csv-upload';
import { CreateStationDto, UpdateStationDto } from './stations-admin.dto';

/**
 * Loudspeaker / radio stations of the admin's organisation and their relay tree. Codes are fixed once created
 * (feeds and keys use them). `POST import` takes a CSV file (text/csv or multipart), all-or-nothing.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/stations')
export class StationsAdminController {
  constructor(private readonly stations: StationsService) {}

  @Get()
  list(@Req() req: LoaRequest): Promise<StationViewDto[]> {
    return this.stations.list(operator(req).organizationId);
  }

  @Post()
  create(@Body() body: CreateStationDto, @Req() req: LoaRequest) {
    return this.stations.create(operator(req), body, req.requestId);
  }

  /** CSV columns: code,name,level,parent_code,unit_code,region,slots,time_zone,contact_email (slots like "05:30;17:00/20"). */
  @Post('import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'multipart/form-data')
  async import(@Req() req: LoaRequest): Promise<StationImportResultDto> {
    const actor = operator(req);
    const text = await readCsvUpload(req);
    return this.stations.importCsv(actor, text, req.requestId);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateStationDto, @Req() req: LoaRequest) {
    return this.stations.update(operator(req), id, body, req.requestId);
  }

  /** 409 while a campaign uses it or another station relays it. */
  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Req() req: LoaRequest): Promise<void> {
    await this.stations.delete(operator(req), id, req.requestId);
  }
}
