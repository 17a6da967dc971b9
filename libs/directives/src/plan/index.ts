export { ADDRESSEE_RULES, FALLBACK_REASON, type AddresseeRule } from './addressee-rules';
export { foldText, fold, type FoldedText } from './fold';
export { nameKey, provinceKey, sameName } from './names';
export { isOfficialHost, officialLink, parseOfficialDomains, type OfficialDomains } from './official-domains';
export { senderOf, spokenLink, SMS_MAX_SEGMENTS, DEFAULT_SLOTS } from './drafts';
export { proposeChannelPlan, type ProposePlanOptions } from './propose-plan';
export { PLAN_CHANNELS } from './types';
export type {
  BannerDraft,
  Bilingual,
  ChannelPlanProposal,
  EmailDraft,
  PlanChannel,
  PlanDrafts,
  PlanEntry,
  PlanLink,
  PlanNote,
  PlanScope,
  PlanSource,
  RadioDraft,
  SmsDraft,
} from './types';
export {
  matchDirectory,
  proposeChannels,
  type Directory,
  type DirectoryKind,
  type DirectoryMatch,
  type DirectoryTarget,
  type MatchedEntry,
  type ProposedChannels,
  type UnmatchedEntry,
} from './match-directory';
