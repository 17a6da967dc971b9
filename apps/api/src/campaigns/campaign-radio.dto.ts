import { PartialType } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RadioPlanDto } from './campaign.dto';

/**
 * An amendment of a launched campaign's radio plan: any plan field (each validated as at creation) and why.
 * `stationCodes` may be repeated unchanged; changing it is refused by name.
 */
export class AmendRadioPlanDto extends PartialType(RadioPlanDto) {
  /** Why the script changes: kept with the revision and in the audit log. */
  @IsString() @MinLength(3) @MaxLength(2000) reason!: string;
}

/** Why an approver rejects a proposed amendment, or why its proposer withdraws it (optional). */
export class DeclineAmendmentDto {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class RecordingTargetDto {
  /** One named station; all the plan's stations when omitted. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}$/i, { message: 'station must be a station code' })
  station?: string;
}
