import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const YMD = /^\d{4}-\d{2}-\d{2}$/;

export class ConfirmBroadcastDto {
  @Matches(HHMM, { message: 'slot must be an HH:MM time' }) slot!: string;
  @Type(() => Date) @IsDate() airedAt!: Date;
  /** The slot's local date; by default the date whose slot is nearest to airedAt. */
  @IsOptional() @Matches(YMD, { message: 'date must be YYYY-MM-DD' }) date?: string;
  @IsOptional() @IsInt() @Min(1) @Max(4 * 3600) durationSeconds?: number;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

export class BroadcastReportDto extends ConfirmBroadcastDto {
  @IsUUID() scriptId!: string;
}
