import { ApiProperty, PartialType } from '@nestjs/swagger';
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

/** A proposed amendment of a campaign on air, and what became of it. */
export class RadioAmendmentDto {
  number!: number;
  status!: 'pending' | 'applied' | 'rejected' | 'withdrawn' | 'superseded';
  /** Plan fields the proposal changes (script, slots, priority, dates, repeat, maxSeconds). */
  changed!: string[];
  /** The fields as proposed. */
  @ApiProperty({ type: 'object', additionalProperties: true }) patch!: Record<string, unknown>;
  reason!: string;
  baseRevision!: number;
  proposedBy!: string;
  proposedByName!: string | null;
  proposedAt!: string;
  decidedBy!: string | null;
  decidedByName!: string | null;
  decidedAt!: string | null;
  decisionNote!: string | null;
  /** The revision it became, once applied. */
  revision!: number | null;
}

export class RadioAmendmentListDto {
  amendments!: RadioAmendmentDto[];
}

/** The audio one station airs for the campaign: synthesised speech or an operator's recording. */
export class StationAudioDto {
  station!: string;
  /** ready, pending, unavailable or failed. */
  status!: string;
  source!: 'tts' | 'upload';
  revision!: number;
  mimeType!: string | null;
  bytes!: number | null;
  durationSeconds!: number | null;
  voice!: string | null;
  /** The uploaded file's name, for a recording. */
  originalName!: string | null;
  error!: string | null;
  /** Null when nothing was made yet (a draft: synthesised speech is made at launch). */
  updatedAt!: string | null;
}

export class RadioAudioListDto {
  stations!: StationAudioDto[];
}
