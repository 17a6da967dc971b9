import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { type CampaignMode } from '@loa/campaigns';
import { BannerPlanDto, EmailPlanDto, RadioPlanDto, SmsPlanDto } from './campaign.dto';
import { MAX_LETTER_FILE_BYTES } from '@loa/directives';
import { PageQuery } from '../http/page-query.dto';
import { OptionalAreaCodes, OptionalCampaignMode } from './campaign-fields.decorators';

/** Largest accepted letter file (.txt, .docx or .pdf); a pasted `text` has its own limit (MaxLength below). */
export const MAX_DIRECTIVE_BYTES = MAX_LETTER_FILE_BYTES;

/**
 * POST /api/directives: the letter as JSON `text`, or as a multipart upload in the field `file`: a .txt (UTF-8),
 * a .docx, or a .pdf with a text layer, told apart by content.
 */
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
  /** actual (default), exercise or test: a rehearsal reaches only the organisation's test list. */
  @OptionalCampaignMode() mode?: CampaignMode;
  @IsOptional() @Type(() => Date) @IsDate() startsAt?: Date;
  @IsOptional() @Type(() => Date) @IsDate() endsAt?: Date;
  /** Unit codes of the campaign's area (config/admin-units); the proposed area when omitted. */
  @OptionalAreaCodes() area?: string[];
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

/** The file a directive was uploaded as, kept byte for byte (GET /api/directives/:id/original); null when pasted. */
export class DirectiveOriginalDto {
  /** As uploaded, when the client named it. */
  fileName!: string | null;
  /** The media type of its content as read (application/pdf, the DOCX type, or text/plain; charset=utf-8). */
  mediaType!: string;
  /** Bytes. */
  size!: number;
  /** Lowercase hex SHA-256 of the bytes. */
  sha256!: string;
  /** `ocr` when the text was recognised from a scan (Tesseract): the operator should check every field. */
  readBy!: 'text' | 'ocr';
}

/**
 * PATCH /api/directives/:id: the editor's corrections of what Loa read (a value replaces the field, null or "" clears
 * it, an absent key keeps it); the letter's text is kept as received.
 */
export class DirectiveCorrectionDto {
  @IsOptional() @IsString() @MaxLength(300) issuer?: string | null;
  /** As on the letter: "1163/STTTT-TTBCXB", "…/UBND-VX". */
  @IsOptional() @IsString() @MaxLength(100) documentCode?: string | null;
  @IsOptional() @IsString() @MaxLength(1000) subject?: string | null;
  /** YYYY-MM-DD. */
  @IsOptional() @IsString() @MaxLength(10) date?: string | null;
  @IsOptional() @IsString() @MaxLength(300) signerTitle?: string | null;
  @IsOptional() @IsString() @MaxLength(200) signerName?: string | null;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  addressees?: string[] | null;
}
