import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { CAMPAIGN_MODES, type CampaignMode } from '@loa/campaigns';

/**
 * The campaign report as the OpenAPI document describes it (the console's client is typed from it). The service's
 * `CampaignReport` (libs/campaigns) is the source; these classes only describe its shape.
 */
export class RowCountersDto {
  total!: number;
  queued!: number;
  sending!: number;
  sent!: number;
  delivered!: number;
  failed!: number;
  /** Possibly sent (a worker stopped mid-send): never re-sent, reported. */
  unknown!: number;
  expired!: number;
  cancelled!: number;
  opted_out!: number;
}

const COUNTS_BY_KEY = { type: 'object', additionalProperties: { type: 'integer' } } as const;

export class CarrierCountersDto extends RowCountersDto {
  segments!: number;
  @ApiProperty(COUNTS_BY_KEY) failedByReason!: Record<string, number>;
  receiptsQueried!: number;
  /** Messages handed over by the carrier's second route (failover). */
  viaSecondary!: number;
}

/** A switch between a carrier's two routes while the campaign ran (launch to end). */
export class RouteSwitchDto {
  carrierCode!: string;
  from!: 'primary' | 'secondary';
  to!: 'primary' | 'secondary';
  /** primary-failing: failed over; primary-retry: the primary, connected again, takes the carrier back. */
  reason!: 'primary-failing' | 'primary-retry';
  /** How long the primary had failed (primary-failing), or the secondary had carried the carrier (primary-retry). */
  seconds!: number;
  /** The primary's last error when it failed over (as the carrier or the connection gave it). */
  error!: string | null;
  /** The same in one English sentence, as in the audit trail. */
  detail!: string;
  at!: string;
}

export class CarrierOrderSummaryDto {
  carrierCode!: string;
  /** Code of the administrative unit, and its official name. */
  area!: string;
  areaName!: string;
  status!: string;
  submitted!: number;
  delivered!: number;
  failed!: number;
  lastReportAt!: string | null;
}

export class PauseSampleDto {
  error!: string;
  count!: number;
}

/** A carrier paused for the campaign by its failure rate; open until an operator resumes it. */
export class CarrierPauseDto {
  carrierCode!: string;
  reason!: 'failure_rate';
  /** Failures among the last `windowSize` outcomes when it paused. */
  failures!: number;
  windowSize!: number;
  samples!: PauseSampleDto[];
  pausedAt!: string;
  resumedAt!: string | null;
}

/** Messages of one carrier waiting for a later day by rule. */
export class SmsWaitingDto {
  carrierCode!: string;
  /** carrier_quota: the carrier's daily quota is reached; daily_cap: the subscribers' daily cap; other. */
  reason!: 'carrier_quota' | 'daily_cap' | 'other';
  rows!: number;
  /** When the first of them may go. */
  until!: string;
}

export class SmsReportDto extends RowCountersDto {
  /** Segment-equivalents handed to carriers (what carriers bill). */
  segments!: number;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(CarrierCountersDto) } })
  byCarrier!: Record<string, CarrierCountersDto>;
  @ApiProperty(COUNTS_BY_KEY) failedByReason!: Record<string, number>;
  receiptsQueried!: number;
  carrierOrders!: CarrierOrderSummaryDto[];
  /** Carriers paused for this campaign by their failure rate, newest first (open ones have no resumedAt). */
  carrierPauses!: CarrierPauseDto[];
  /** Messages waiting for a later day by rule (a carrier's daily quota, the subscribers' daily cap), per carrier. */
  waiting!: SmsWaitingDto[];
  /** The carriers' switches between their routes while the campaign ran, in order. */
  routeSwitches!: RouteSwitchDto[];
}

export class BannerReportDto {
  portals!: number;
  served!: number;
  clicked!: number;
}

export class RadioReportDto {
  stations!: number;
  pulled!: number;
  confirmed!: number;
  pending!: number;
}

export class SlotCountsDto {
  aired!: number;
  missed!: number;
  skipped!: number;
  withdrawn!: number;
  pending!: number;
}

export class SlotBroadcastsDto extends SlotCountsDto {
  slot!: string;
}

export class StationBroadcastsDto extends SlotCountsDto {
  code!: string;
  name!: string;
  relayedFrom!: string | null;
  slots!: SlotBroadcastsDto[];
  extra!: number;
  audio!: 'ready' | 'pending' | 'unavailable' | 'failed' | 'relayed';
  audioSource!: 'tts' | 'upload' | null;
}

export class RadioAudioSummaryDto {
  ready!: number;
  pending!: number;
  unavailable!: number;
  failed!: number;
  recorded!: number;
  note!: string | null;
}

export class RadioBroadcastTotalsDto extends SlotCountsDto {
  scheduled!: number;
  extra!: number;
}

export class RadioBroadcastReportDto {
  revision!: number;
  priority!: string;
  slots!: string[] | null;
  startDate!: string | null;
  endDate!: string | null;
  repeat!: number;
  totals!: RadioBroadcastTotalsDto;
  stations!: StationBroadcastsDto[];
  /** Stations with at least one missed airing. */
  notAired!: string[];
  audio!: RadioAudioSummaryDto;
}

export class EmailReportDto extends RowCountersDto {
  /** Agencies that pressed "Xác nhận đã nhận" in their e-mail. */
  acknowledged!: number;
}

export class ChannelReportsDto {
  sms?: SmsReportDto;
  email?: EmailReportDto;
  banner?: BannerReportDto;
  radio?: RadioReportDto;
  radioBroadcasts?: RadioBroadcastReportDto;
}

/** An administrative unit (config/admin-units) by code, with its official name. */
export class UnitRefDto {
  code!: string;
  name!: string;
  @ApiProperty({ enum: ['province', 'district', 'commune'] }) level!: 'province' | 'district' | 'commune';
}

export class CampaignReportDto {
  id!: string;
  title!: string;
  status!: string;
  /** actual, exercise or test (CAP status): a rehearsal reaches only the organisation's test list. */
  @ApiProperty({ enum: CAMPAIGN_MODES }) mode!: CampaignMode;
  startsAt!: string;
  endsAt!: string;
  /** The units it is for; empty: the organisation's province. */
  @ApiProperty({ type: [UnitRefDto] }) area!: UnitRefDto[];
  channels!: ChannelReportsDto;
}

export class AudienceSummaryDto {
  accepted!: number;
  duplicates!: number;
  optedOut!: number;
  /** Each rejected input with its reason. */
  @ApiProperty({ type: 'array', items: { type: 'object' } }) rejected!: unknown[];
}

export class CampaignWithAudienceDto extends CampaignReportDto {
  audience!: AudienceSummaryDto | null;
}

export class PlanRecipientDto {
  code!: string;
  name!: string;
  /** Agency email, portal address or station level. */
  detail!: string;
  /** A commune station relaying this station's script. */
  relaysFrom?: string;
}

const PLAN_CONTENT = { type: 'object', additionalProperties: true } as const;

export class CarrierAudienceDto {
  carrierCode!: string;
  subscribers!: number;
}

export class SmsPlanViewDto {
  /** The SMS plan as stored (text, carrier orders, stripDiacritics), without the subscriber list. */
  @ApiProperty(PLAN_CONTENT) content!: Record<string, unknown>;
  subscribers!: number;
  byCarrier!: CarrierAudienceDto[];
}

export class RecipientsPlanViewDto {
  @ApiProperty(PLAN_CONTENT) content!: Record<string, unknown>;
  recipients!: PlanRecipientDto[];
}

export class PlanChannelsViewDto {
  sms?: SmsPlanViewDto;
  email?: RecipientsPlanViewDto;
  banner?: RecipientsPlanViewDto;
  radio?: RecipientsPlanViewDto;
}

/** GET /api/campaigns/:id/plan: what will go out on each channel and to whom (the approver's summary). */
/** A rehearsal's only recipients. */
export class TestListDto {
  /** Normalised numbers (84…). */
  msisdns!: string[];
  emails!: string[];
}

export class CampaignPlanViewDto {
  id!: string;
  title!: string;
  status!: string;
  emergency!: boolean;
  @ApiProperty({ enum: CAMPAIGN_MODES }) mode!: CampaignMode;
  /** For an exercise or test: the test list it launched with, or the organisation's list until then; else null. */
  testList!: TestListDto | null;
  /** Its area's unit codes, and the units named. */
  areaCodes!: string[];
  @ApiProperty({ type: [UnitRefDto] }) area!: UnitRefDto[];
  startsAt!: string;
  endsAt!: string;
  createdBy!: string;
  createdByName!: string | null;
  approvedBy!: string | null;
  approvedByName!: string | null;
  rejectionReason!: string | null;
  directiveId!: string;
  documentCode!: string | null;
  subject!: string | null;
  channels!: PlanChannelsViewDto;
}
