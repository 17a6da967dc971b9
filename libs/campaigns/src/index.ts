export {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_MODES,
  CAMPAIGN_STATUSES,
  type CampaignMode,
  type CampaignAction,
  type CampaignStatus,
  EDITABLE_STATUSES,
  InvalidTransitionError,
  TERMINAL_STATUSES,
  allowedFrom,
  canTransition,
  isTerminal,
  nextStatus,
  statusAfterEdit,
} from '@loa/common';
export {
  type BannerPlanInput,
  type ChannelPlansInput,
  type CreateCampaignInput,
  type EmailPlanInput,
  type RadioPlanInput,
  type SmsPlanInput,
  type UpdateCampaignInput,
} from './channel-plans';
export { ForbiddenActionError, NotFoundError, UnprocessableError } from './errors';
export { type CampaignCreated, CampaignsService } from './campaigns.service';
export { CarrierResumeService } from './carrier-pauses/carrier-resume.service';
export { type CampaignTimeline, type TimelinePoint, CampaignTimelineRepository } from './campaign-timeline.repository';
export {
  type AudienceMember,
  type CampaignEdit,
  type CampaignListFilter,
  type CampaignListItem,
  type CampaignPlanView,
  type CampaignTransitionChanges,
  type NewCampaign,
  type PlanRecipient,
  type SmsPlanReadiness,
  CampaignPlansRepository,
  CampaignsRepository,
} from './campaigns.repository';
export { type AgencyReference, CampaignReferencesRepository } from './campaign-references.repository';
export {
  type BannerTotals,
  type DeliveryCount,
  type SmsCost,
  CampaignReportRepository,
} from './campaign-report.repository';
export {
  type CampaignReport,
  CampaignReportService,
  type CarrierOrderSummary,
  type RowCounters,
} from './campaign-report.service';
export { FanoutService } from './fanout.service';
export { LifecycleService, type LifecycleTickResult } from './lifecycle.service';
export { CampaignsModule } from './campaigns.module';
export { campaignReportCsv } from './report-csv';
export { FollowUpsModule } from './follow-ups/follow-ups.module';
export { OverdueFollowUps, type OverdueRun } from './follow-ups/overdue-follow-ups.service';
export { type OverdueFollowUpRow, OverdueFollowUpsRepository } from './follow-ups/overdue-follow-ups.repository';
export { checkTestList, MAX_TEST_LIST_ENTRIES } from './test-list/check-test-list';
export type { TestList, TestListProblem } from './test-list/check-test-list';
export { TestListRepository } from './test-list/test-list.repository';
export { TestListService } from './test-list/test-list.service';
export { AreaOptionsService, checkCampaignArea } from './area';
export type { AreaCheck, AreaProblem, DirectoryPlaces } from './area';
