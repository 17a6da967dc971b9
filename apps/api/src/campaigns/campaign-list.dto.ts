import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { CAMPAIGN_MODES, CAMPAIGN_STATUSES, type CampaignMode } from '@loa/campaigns';
import { PageQuery } from '../http/page-query.dto';

const CHANNELS = ['sms', 'email', 'banner', 'radio'] as const;

/** GET /api/campaigns: filters of the console's campaign list; every one optional. */
export class CampaignListQuery extends PageQuery {
  /** Words of the title, document code or subject; accents and case do not matter ("ung ho" finds "Ủng hộ"). */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  /** One status or several, comma-separated (`status=running,paused`). */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(CAMPAIGN_STATUSES, { each: true, message: `status must be among ${CAMPAIGN_STATUSES.join(', ')}` })
  status?: string[];
  @IsOptional() @IsIn(CHANNELS, { message: `channel must be one of ${CHANNELS.join(', ')}` }) channel?: string;
  /** actual, exercise or test, or several comma-separated; every mode when omitted. */
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(CAMPAIGN_MODES, { each: true, message: `mode must be among ${CAMPAIGN_MODES.join(', ')}` })
  mode?: string[];
  /** Campaigns running at some time on or after this instant. */
  @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  /** Campaigns starting before this instant. */
  @IsOptional() @Type(() => Date) @IsDate() to?: Date;
  /** Only the campaigns this user created. */
  @IsOptional() @IsUUID() createdBy?: string;
}

export class CampaignListItemDto {
  id!: string;
  title!: string;
  status!: string;
  emergency!: boolean;
  @ApiProperty({ enum: CAMPAIGN_MODES }) mode!: CampaignMode;
  channels!: string[];
  startsAt!: string;
  endsAt!: string;
  createdAt!: string;
  updatedAt!: string;
  createdBy!: string;
  createdByName!: string | null;
  approvedBy!: string | null;
  directiveId!: string;
  documentCode!: string | null;
  subject!: string | null;
}

export class CampaignListPageDto {
  items!: CampaignListItemDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}

export class TimelineQuery {
  /** sms (default) or email: the channels whose deliveries have times. */
  @IsOptional() @IsIn(['sms', 'email'], { message: 'channel must be sms or email' }) channel?: string;
}

export class TimelinePointDto {
  /** Start of the bucket. */
  at!: string;
  sent!: number;
  delivered!: number;
  failed!: number;
}

export class CampaignTimelineDto {
  channel!: string;
  /** Width of each bucket, chosen so the span fits in at most 60. */
  bucketSeconds!: number;
  points!: TimelinePointDto[];
}
