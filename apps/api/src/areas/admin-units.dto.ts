import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class AdminUnitQuery {
  /** Part of a unit's name ("my tu", "Phường 5" is no longer a unit) or its code. */
  @IsOptional() @IsString() @MaxLength(100) q?: string;
}

/** A unit an editor may pick for a campaign's area. */
export class UnitOptionDto {
  code!: string;
  name!: string;
  @ApiProperty({ enum: ['province', 'district', 'commune'] }) level!: 'province' | 'district' | 'commune';
  /** The unit it lies in (its province), null for a province. */
  parentName!: string | null;
}
