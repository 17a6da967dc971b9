import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

export class CarrierReportDto {
  @IsInt() @Min(0) @Max(200_000_000) submitted!: number;
  @IsInt() @Min(0) @Max(200_000_000) delivered!: number;
  @IsInt() @Min(0) @Max(200_000_000) failed!: number;
  @Type(() => Date) @IsDate() reportedAt!: Date;
  @IsOptional() @IsBoolean() final?: boolean;
}
