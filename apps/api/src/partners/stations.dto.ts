import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

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

/** POST /stations/:code/scripts/:scriptId/not-aired: one slot the station could not air, and why. */
export class NotAiredDto {
  @Matches(HHMM, { message: 'slot must be an HH:MM time' }) slot!: string;
  /** The slot's local date. */
  @Matches(YMD, { message: 'date must be YYYY-MM-DD' }) date!: string;
  /** Why (mất điện, hỏng loa…), in the station's words. */
  @IsString() @MinLength(1, { message: 'reason: say why the slot could not be aired' }) @MaxLength(500) reason!: string;
}

export class StationLogQuery {
  /** From this local date on (a week back by default). */
  @IsOptional() @Matches(YMD, { message: 'since must be YYYY-MM-DD' }) since?: string;
}

/** One slot of the station's own log. */
export class StationSlotLogDto {
  scriptId!: string;
  date!: string;
  slot!: string;
  /** aired (confirmed), missed (by the station's word, or left unconfirmed), skipped (campaign paused). */
  status!: 'aired' | 'missed' | 'skipped';
  at!: string;
  note!: string | null;
  reportedBy!: 'station' | 'system';
}

export class BroadcastReportDto extends ConfirmBroadcastDto {
  @IsUUID() scriptId!: string;
}

/** The audio of a script: synthesised or an operator's recording. */
export class FeedAudioDto {
  url!: string;
  mimeType!: string;
  bytes!: number;
  durationSeconds!: number;
  sha1!: string;
  voice!: string;
  source!: 'tts' | 'upload';
}

/** One script in a station's JSON feed (the fields stations and the console read; libs/radio `FeedScript`). */
export class FeedScriptDto {
  scriptId!: string;
  campaignId!: string;
  title!: string;
  /** What to read on air. */
  text!: string;
  estimatedSeconds!: number;
  priority!: 'normal' | 'priority' | 'emergency';
  /** Local HH:MM slots, each a day from startDate to endDate. */
  slots!: string[];
  startDate!: string;
  endDate!: string;
  /** Readings in each slot. */
  repeat!: number;
  relayed!: boolean;
  relayedFromName!: string | null;
  /** active, paused (do not air for now) or withdrawn (do not air). */
  status!: 'active' | 'paused' | 'withdrawn';
  revision!: number;
  /** actual, exercise or test. */
  mode!: 'actual' | 'exercise' | 'test';
  /** An exercise or test: pull and confirm, never broadcast. */
  doNotAir!: boolean;
  documentCode!: string | null;
  senderName!: string;
  audio!: FeedAudioDto | null;
  audioStatus!: 'ready' | 'pending' | 'unavailable' | 'failed';
}

export class FeedStationDto {
  code!: string;
  name!: string;
  level!: string;
  timeZone!: string;
}

/** GET /stations/:code/feed.json. */
export class StationFeedDto {
  station!: FeedStationDto;
  updatedAt!: string;
  scripts!: FeedScriptDto[];
}
