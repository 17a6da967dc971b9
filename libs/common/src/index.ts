export { escapeHtml } from './html';
export { vietnameseLongDate, vietnamTime, VN_TIME_ZONE } from './time';
export { csvCell, csvRow, neutralizeCsvCell, UTF8_BOM } from './csv';
export { isUuid } from './ids';
export {
  allowedFrom,
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATUSES,
  canTransition,
  EDITABLE_STATUSES,
  InvalidTransitionError,
  isTerminal,
  nextStatus,
  statusAfterEdit,
  TERMINAL_STATUSES,
} from './campaign-status';
export type { CampaignAction, CampaignStatus } from './campaign-status';
export { searchFold, searchPattern, SQL_SEARCH_FOLD } from './search-fold';
export { timelineBucketSeconds } from './timeline-buckets';
export { dueFollowUp } from './follow-up-rule';
export type { FollowUp, FollowUpPolicy, SilentParty } from './follow-up-rule';
export {
  CAMPAIGN_MODES,
  capStatusOf,
  doNotAirNotice,
  isRehearsal,
  markRehearsal,
  rehearsalMark,
} from './campaign-mode';
export type { CampaignMode } from './campaign-mode';
export { maskPhoneNumbers } from './mask-phone-numbers';
