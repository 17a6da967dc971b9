/** What the admin lists answer, described for the OpenAPI document (the directory services' views are the source). */
export class UserViewDto {
  id!: string;
  email!: string;
  displayName!: string;
  role!: 'editor' | 'approver' | 'admin';
  disabledAt!: string | null;
  /** Locked after repeated wrong passwords until then. */
  lockedUntil!: string | null;
  /** Their own mobile number (84…), where their test SMS go; null until set. */
  phone!: string | null;
  activeSessions!: number;
  createdAt!: string;
}

export class AgencyViewDto {
  id!: string;
  code!: string;
  name!: string;
  email!: string;
  /** Addressee group ("so-ban-nganh", "ubnd-huyen", …). */
  group!: string;
}

export class PortalViewDto {
  id!: string;
  code!: string;
  name!: string;
  url!: string;
  embedKey!: string;
  embedUrl!: string;
}

export class CarrierViewDto {
  code!: string;
  name!: string;
  provider!: string;
  senderName!: string;
  enabled!: boolean;
}

/** A carrier with the terms its row states (defaults applied) and today's use of its daily quota. */
export class CarrierTermsDto {
  code!: string;
  name!: string;
  provider!: string;
  enabled!: boolean;
  senderName!: string;
  /** Submissions per second across every worker; null: not limited by Loa. */
  tps!: number | null;
  /** Sessions across every worker; null: one per worker. */
  maxBinds!: number | null;
  /** Messages in flight per batch. */
  window!: number;
  /** Messages per local day; null: none. */
  dailyQuota!: number | null;
  /** Parts one message may take. */
  maxSegments!: number;
  /** The local day `sentToday` counts (YYYY-MM-DD, SMS_TIME_ZONE). */
  day!: string;
  sentToday!: number;
  /** The provider of its second route (failover); null: none. */
  secondaryProvider!: string | null;
  /** Since when its second route carries it (the primary failed); null: its primary does. */
  onSecondarySince!: string | null;
}

export class StationSlotDto {
  /** Local time, HH:MM. */
  start!: string;
  minutes!: number;
}

export class StationViewDto {
  id!: string;
  code!: string;
  name!: string;
  level!: 'province' | 'district' | 'commune';
  parentCode!: string | null;
  adminUnitCode!: string | null;
  region!: string | null;
  /** Daily slots: local start time and length in minutes. */
  broadcastSlots!: StationSlotDto[];
  timeZone!: string;
  /** Who runs the station (reminded when it does not pull or air); null when not recorded. */
  contactEmail!: string | null;
}

export class StationImportLineDto {
  line!: number;
  code!: string;
  outcome!: 'created' | 'updated' | 'unchanged';
}

export class StationImportResultDto {
  created!: number;
  updated!: number;
  unchanged!: number;
  stations!: StationImportLineDto[];
}

/** A partner API key as listed: its prefix only (the key itself is shown once, when issued). */
export class PartnerKeyViewDto {
  id!: string;
  kind!: 'station' | 'carrier' | 'portal';
  partnerCode!: string;
  prefix!: string;
  createdAt!: string;
  revokedAt!: string | null;
}

/** A key just issued: the only time the key itself is shown. */
export class IssuedPartnerKeyDto extends PartnerKeyViewDto {
  key!: string;
}
