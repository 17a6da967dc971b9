import { OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
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
import { MAX_SLOT_MINUTES, STATION_REGION_VALUES, StationRegionValue } from '@loa/directory';

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
  /** Who runs the station: reminded when it does not pull its script or misses a slot. */
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail: địa chỉ email không hợp lệ / not a valid email address' })
  contactEmail?: string | null;
}

/** Every field but the code (fixed once created) may change; `parentCode: null` removes the parent. */
export class UpdateStationDto extends PartialType(OmitType(CreateStationDto, ['code'] as const)) {}
