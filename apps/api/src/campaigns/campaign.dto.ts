import { Type } from 'class-transformer';
import { type CampaignMode } from '@loa/campaigns';
import { IsOfficialLink } from './official-link.validator';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
  IsUrl,
  Max,
  Min,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { OptionalAreaCodes, OptionalCampaignMode } from './campaign-fields.decorators';

export class CreateDirectiveDto {
  @IsString() @MinLength(20) @MaxLength(200_000) text!: string;
}

export class CarrierOrderDto {
  @IsString()
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'carrierCode must be a carrier code such as viettel' })
  carrierCode!: string;
  /** Code of the administrative unit in force it is for (config/admin-units), e.g. "92" (Cần Thơ). */
  @IsString()
  @Matches(/^\d{2,5}$/, { message: 'area must be the code of an administrative unit, e.g. 92' })
  area!: string;
  /** The unit's name as shown; the server writes the official one. */
  @IsOptional() @IsString() @MaxLength(200) areaName?: string;
}

export class SmsPlanDto {
  @IsString() @MinLength(1) @MaxLength(1000) text!: string;
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  subscribers?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CarrierOrderDto)
  carrierOrders?: CarrierOrderDto[];
  @IsOptional() @IsBoolean() stripDiacritics?: boolean;
}

export class EmailPlanDto {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  agencyGroups?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  agencyCodes?: string[];
  @IsOptional() @IsString() @MaxLength(5000) message?: string;
}

export class BannerImageRefDto {
  /** An image uploaded with POST /api/banner-images. */
  @IsUUID() imageId!: string;
}

export class BannerPlanDto {
  @IsString() @MinLength(1) @MaxLength(120) headline!: string;
  @IsOptional() @IsString() @MaxLength(300) body?: string;
  /** Where a click leads: an official site only (config/official-domains.json). */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @IsOfficialLink()
  @MaxLength(2000)
  targetUrl!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(500) @IsString({ each: true }) portalCodes?: string[];
  /**
   * Share of views among the campaigns showing on a portal at the same time: 1 (default) to 5; a campaign at 3
   * shows three times as often as one at 1. An emergency campaign takes every view whatever the priorities.
   */
  @IsOptional() @IsInt() @Min(1) @Max(5) priority?: number;
  /**
   * Uploaded images, at most one per standard size (300×250, 728×90, 320×100, 320×50, 160×600): each size with an
   * image shows it, the others show the text banner.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => BannerImageRefDto)
  images?: BannerImageRefDto[];
  /** What the images say, for screen readers and when images do not load (the headline when absent). */
  @IsOptional() @IsString() @MaxLength(200) imageAlt?: string;
}

@ValidatorConstraint({ name: 'radioDateRange' })
class RadioDateRange implements ValidatorConstraintInterface {
  validate(endDate: unknown, args: ValidationArguments): boolean {
    const start = (args.object as RadioPlanDto).startDate;
    return typeof endDate !== 'string' || typeof start !== 'string' || endDate >= start;
  }
  defaultMessage(): string {
    return 'endDate must not be before startDate';
  }
}

export class RadioPlanDto {
  /** Stations that air it; empty: the stations in the campaign's area (a campaign with an area only). */
  @IsArray() @ArrayMaxSize(1000) @IsString({ each: true }) stationCodes!: string[];
  @IsString() @MinLength(1) @MaxLength(20_000) script!: string;
  /** Each station's own broadcast slots when omitted. */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(24)
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { each: true, message: 'slots must be HH:MM times' })
  slots?: string[];
  @IsOptional() @IsIn(['normal', 'priority', 'emergency']) priority?: 'normal' | 'priority' | 'emergency';
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be YYYY-MM-DD' })
  startDate?: string;
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endDate must be YYYY-MM-DD' })
  @Validate(RadioDateRange)
  endDate?: string;
  @IsOptional() @IsInt() @Min(1) @Max(10) repeat?: number;
  @IsOptional() @IsInt() @Min(10) @Max(4 * 3600) maxSeconds?: number;
}

export class ChannelPlansDto {
  @IsOptional() @ValidateNested() @Type(() => SmsPlanDto) sms?: SmsPlanDto;
  @IsOptional() @ValidateNested() @Type(() => EmailPlanDto) email?: EmailPlanDto;
  @IsOptional() @ValidateNested() @Type(() => BannerPlanDto) banner?: BannerPlanDto;
  @IsOptional() @ValidateNested() @Type(() => RadioPlanDto) radio?: RadioPlanDto;
}

export class CreateCampaignDto {
  @IsUUID() directiveId!: string;
  @IsString() @MinLength(1) @MaxLength(300) title!: string;
  /** Emergency: SMS may go out during quiet hours; every such batch is audited. */
  @IsOptional() @IsBoolean() emergency?: boolean;
  /**
   * actual (default), exercise or test (CAP status): an exercise or test goes through the same approval and
   * channels but reaches only the organisation's test list; stations get it marked "do not air".
   */
  @OptionalCampaignMode() mode?: CampaignMode;
  @IsOptional() @Type(() => Date) @IsDate() startsAt?: Date;
  @IsOptional() @Type(() => Date) @IsDate() endsAt?: Date;
  /**
   * Codes of the administrative units it is for (config/admin-units; in force on its first day): a province, or
   * communes. Its stations, portals, agencies and carrier orders must lie within them. Omitted: the organisation's.
   */
  @OptionalAreaCodes() area?: string[];
  @ValidateNested() @Type(() => ChannelPlansDto) channels!: ChannelPlansDto;
}

export class RejectDto {
  @IsString() @MinLength(1) @MaxLength(2000) reason!: string;
}

export class UpdateCampaignDto {
  @IsOptional() @IsString() @MinLength(1) @MaxLength(300) title?: string;
  @OptionalCampaignMode() mode?: CampaignMode;
  @IsOptional() @Type(() => Date) @IsDate() startsAt?: Date;
  @IsOptional() @Type(() => Date) @IsDate() endsAt?: Date;
  /**
   * Codes of the administrative units it is for (config/admin-units; in force on its first day): a province, or
   * communes. Its stations, portals, agencies and carrier orders must lie within them. Omitted: the organisation's.
   */
  @OptionalAreaCodes() area?: string[];
  @IsOptional() @ValidateNested() @Type(() => ChannelPlansDto) channels?: ChannelPlansDto;
}
