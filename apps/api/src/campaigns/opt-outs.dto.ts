import { IsOptional, IsString, MaxLength } from 'class-validator';

export class AddOptOutDto {
  @IsString() @MaxLength(40) msisdn!: string;
  @IsOptional() @IsString() @MaxLength(500) note?: string;
}
