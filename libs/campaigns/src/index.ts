export {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATUSES,
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
export * from './channel-plans';
export * from './errors';
export * from './campaigns.service';
export { type CampaignTimeline, type TimelinePoint, CampaignTimelineRepository } from './campaign-timeline.repository';
export {
  type CampaignListFilter,
  type CampaignListItem,
  type CampaignPlanView,
  type PlanRecipient,
  CampaignPlansRepository,
  CampaignsRepository,
} from './campaigns.repository';
export * from './campaign-report.service';
export * from './fanout.service';
export * from './lifecycle.service';
export * from './campaigns.module';
export { campaignReportCsv } from './report-csv';
