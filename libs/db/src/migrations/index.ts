import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { AuthHardening1764000000001 } from './1764000000001-auth-hardening';
import { OptOuts1764000000002 } from './1764000000002-opt-outs';
import { CarrierOrders1764000000003 } from './1764000000003-carrier-orders';
import { DeliveryParts1764000000004 } from './1764000000004-delivery-parts';
import { EmergencyCampaigns1764000000005 } from './1764000000005-emergency-campaigns';
import { RadioStationsScheduleAudio1764800000000 } from './1764800000000-radio-stations-schedule-audio';
import { UserDisabled1764900000100 } from './1764900000100-user-disabled';
import { AudienceImports1764900000000 } from './1764900000000-audience-imports';
import { DailyCap1765000000000 } from './1765000000000-daily-cap';
import { RadioRecordingsRevisions1765100000000 } from './1765100000000-radio-recordings-revisions';
import { ReceiptStatusQueries1765200000000 } from './1765200000000-receipt-status-queries';
import { RadioAmendmentReview1765300000000 } from './1765300000000-radio-amendment-review';
import { DirectiveOriginals1765400000000 } from './1765400000000-directive-originals';
import { EmailAcknowledgements1765600000000 } from './1765600000000-email-acknowledgements';
import { AcknowledgementFollowUps1765600000100 } from './1765600000100-acknowledgement-follow-ups';
import { DirectiveReadBy1765600000200 } from './1765600000200-directive-read-by';
import { OverdueFollowUps1765700000000 } from './1765700000000-overdue-follow-ups';
import { CampaignModes1765800000000 } from './1765800000000-campaign-modes';
import { UserPhone1765800000100 } from './1765800000100-user-phone';
import { StationSlotReports1765800000200 } from './1765800000200-station-slot-reports';
import { EarlyReceipts1765900000000 } from './1765900000000-early-receipts';
import { BannerServing1766000000000 } from './1766000000000-banner-serving';
import { BannerImages1766000000100 } from './1766000000100-banner-images';
import { AdminUnitAreas1766200000000 } from './1766200000000-admin-unit-areas';
import { OrganizationLineage1766300000000 } from './1766300000000-organization-lineage';
import { CarrierPauses1766400000000 } from './1766400000000-carrier-pauses';
import { CarrierRoutes1766500000000 } from './1766500000000-carrier-routes';
import { CarrierRouteSwitchFigures1766500000100 } from './1766500000100-carrier-route-switch-figures';
import { LifecycleSweeps1766600000000 } from './1766600000000-lifecycle-sweeps';
import { CarrierDailyQuota1766100000000 } from './1766100000000-carrier-daily-quota';

/**
 * Every migration, in order. Listed explicitly so ts-jest and the built code load the same set.
 * Add a line here for a new migration; never rewrite this list.
 */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  AuthHardening1764000000001,
  OptOuts1764000000002,
  CarrierOrders1764000000003,
  DeliveryParts1764000000004,
  EmergencyCampaigns1764000000005,
  RadioStationsScheduleAudio1764800000000,
  AudienceImports1764900000000,
  UserDisabled1764900000100,
  DailyCap1765000000000,
  RadioRecordingsRevisions1765100000000,
  ReceiptStatusQueries1765200000000,
  RadioAmendmentReview1765300000000,
  DirectiveOriginals1765400000000,
  EmailAcknowledgements1765600000000,
  AcknowledgementFollowUps1765600000100,
  DirectiveReadBy1765600000200,
  OverdueFollowUps1765700000000,
  CampaignModes1765800000000,
  UserPhone1765800000100,
  StationSlotReports1765800000200,
  EarlyReceipts1765900000000,
  BannerServing1766000000000,
  BannerImages1766000000100,
  CarrierDailyQuota1766100000000,
  AdminUnitAreas1766200000000,
  OrganizationLineage1766300000000,
  CarrierPauses1766400000000,
  CarrierRoutes1766500000000,
  CarrierRouteSwitchFigures1766500000100,
  LifecycleSweeps1766600000000,
];
