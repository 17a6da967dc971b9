import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { STATION_LEVELS, StationLevel } from '@loa/db';
import { MAX_SLOT_MINUTES, STATION_REGION_VALUES, StationRegionValue, StationsService } from '@loa/directory';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import { StationImportResultDto, StationViewDto } from './admin-views.dto';
import type { LoaRequest } from '../http/request-context';
import { readCsvUpload } from './csv-upload';

const CODE = /^[a-z0-9-]+$/;
const CODE_MESSAGE = (f: string) =>
  `${f}: chỉ a-z, 0-9 và dấu gạch ngang / ${f} must be a directory code (a-z, 0-9, -)`;

export class SlotDto {
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'start: giờ dạng HH:MM / start must be HH:MM' }) start!: string;
  @IsInt() @Min(1) @Max(MAX_SLOT_MINUTES) minutes!: number;
}

export class CreateStationDto {
  @IsString() @MaxLength(64) @Matches(CODE, { message: CODE_MESSAGE('code') }) code!: string;
  @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @IsIn(STATION_LEVELS) level!: StationLevel;
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(CODE, { message: CODE_MESSAGE('parentCode') })
  parentCode?: string | null;
  @IsOptional() @IsString() @MaxLength(16) adminUnitCode?: string | null;
  @IsOptional() @IsIn(STATION_REGION_VALUES) region?: StationRegionValue | null;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => SlotDto)
  broadcastSlots?: SlotDto[];
  @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
}

/** Every field but the code (fixed once created) may change; `parentCode: null` removes the parent. */
export class UpdateStationDto extends PartialType(OmitType(CreateStationDto, ['code'] as const)) {}

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

  /** CSV columns: code,name,level,parent_code,unit_code,region,slots,time_zone (slots like "05:30;17:00/20"). */
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
