import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BannerPlanDto, EmailPlanDto, RadioPlanDto, SmsPlanDto } from './campaign.dto';
import { PageQuery } from '../http/page-query.dto';

/** Largest accepted letter, as pasted text or as an uploaded .txt file. */
export const MAX_DIRECTIVE_BYTES = 200 * 1024;

/** POST /api/directives: the letter as JSON `text`, or as a multipart upload in the field `file` (text/plain). */
export class DirectiveIntakeDto {
  @IsOptional() @IsString() @MinLength(20) @MaxLength(200_000) text?: string;
}

/**
 * The parts of a proposed channel plan an editor may change: the fields of CreateCampaignDto's channel plans,
 * each optional (it falls back to the proposal), with the same rules.
 */
export class SmsEditDto extends PartialType(SmsPlanDto) {}
export class EmailEditDto extends PartialType(EmailPlanDto) {}
export class BannerEditDto extends PartialType(BannerPlanDto) {}
export class RadioEditDto extends PartialType(RadioPlanDto) {}

/** Same keys as CreateCampaignDto's `channels`; a key left out keeps the proposal, null leaves the channel out. */
export class ChannelEditsDto {
  @IsOptional() @ValidateNested() @Type(() => SmsEditDto) sms?: SmsEditDto | null;
  @IsOptional() @ValidateNested() @Type(() => EmailEditDto) email?: EmailEditDto | null;
  @IsOptional() @ValidateNested() @Type(() => BannerEditDto) banner?: BannerEditDto | null;
  @IsOptional() @ValidateNested() @Type(() => RadioEditDto) radio?: RadioEditDto | null;
}

/** POST /api/directives/:id/campaign: the edited proposal; everything is optional. */
export class DirectiveCampaignDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) title?: string;
  @IsOptional() @Type(() => Date) @IsDate() startsAt?: Date;
  @IsOptional() @Type(() => Date) @IsDate() endsAt?: Date;
  @IsOptional() @ValidateNested() @Type(() => ChannelEditsDto) channels?: ChannelEditsDto;
}

/** GET /api/directives: the organisation's letters, newest first. */
export class DirectiveListQuery extends PageQuery {
  /** Words of the document code, subject or issuer; accents and case do not matter. */
  @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class DirectiveListItemDto {
  id!: string;
  documentCode!: string | null;
  subject!: string | null;
  issuer!: string | null;
  /** The letter's own date (YYYY-MM-DD) when read whole. */
  date!: string | null;
  createdAt!: string;
  /** Campaigns made from this letter. */
  campaigns!: number;
}

export class DirectiveListPageDto {
  items!: DirectiveListItemDto[];
  total!: number;
  page!: number;
  pageSize!: number;
}
