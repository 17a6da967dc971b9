import type { BannerContent } from '@loa/banner';
import type { CampaignMode } from '@loa/common';

/** What an operator asks each channel to do (stored as channel_plans.content). */
export interface SmsPlanInput {
  text: string;
  /** Subscriber numbers in any common Vietnamese form; normalised and routed at creation. */
  subscribers?: string[];
  /**
   * Carriers asked to send to their own subscribers in an area (they pull the order and report counts); `area` is
   * the code of an administrative unit in force (config/admin-units), e.g. "92" for Cần Thơ.
   */
  carrierOrders?: Array<{ carrierCode: string; area: string; areaName?: string }>;
  stripDiacritics?: boolean;
}
export interface EmailPlanInput {
  /** Addressee groups from the directory (e.g. "so-ban-nganh"); and/or explicit agency codes. */
  agencyGroups?: string[];
  agencyCodes?: string[];
  /** Extra message placed before the directive's text. */
  message?: string;
}
/** A banner plan as given: the content libs/banner stores and serves. */
export type BannerPlanInput = BannerContent;
export interface RadioPlanInput {
  /** Stations that air it; each one's commune stations relay it. Empty: the stations in the campaign's area. */
  stationCodes: string[];
  script: string;
  /** Local times (the station's time zone) such as "06:00"; each station's own broadcast slots when omitted. */
  slots?: string[];
  /** Grassroots-radio priority (default normal); sets the opening and CAP urgency/severity. */
  priority?: 'normal' | 'priority' | 'emergency';
  /** Local dates (YYYY-MM-DD) of the schedule; the campaign window's dates when omitted. */
  startDate?: string;
  endDate?: string;
  /** Readings in each slot (default 1). */
  repeat?: number;
  /** Longest airtime per slot, all readings together; the station's slot length when omitted. */
  maxSeconds?: number;
}
export interface ChannelPlansInput {
  sms?: SmsPlanInput;
  email?: EmailPlanInput;
  banner?: BannerPlanInput;
  radio?: RadioPlanInput;
}
export interface CreateCampaignInput {
  directiveId: string;
  title: string;
  /** May send SMS during quiet hours (audited). */
  emergency?: boolean;
  /** actual (default), exercise or test: a rehearsal reaches only the organisation's test list. */
  mode?: CampaignMode;
  startsAt?: Date;
  endsAt?: Date;
  /** Codes of the administrative units it is for (in force on its first day); none: the organisation's province. */
  area?: string[];
  channels: ChannelPlansInput;
}

/** Fields an editor may change before launch; a given channel replaces that channel's whole plan. */
export interface UpdateCampaignInput {
  title?: string;
  mode?: CampaignMode;
  startsAt?: Date;
  endsAt?: Date;
  area?: string[];
  channels?: ChannelPlansInput;
}
