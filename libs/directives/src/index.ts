export {
  directiveDateView,
  directiveFieldsView,
  DirectiveTooLargeError,
  extractDirective,
  MAX_DIRECTIVE_CHARS,
} from './extract';
export type {
  DirectiveDate,
  DirectiveDateView,
  DirectiveFields,
  DirectiveFieldsView,
  DirectiveItem,
  DirectiveReference,
  DirectiveSigner,
  DocumentCode,
} from './extract';
export {
  ADDRESSEE_RULES,
  DEFAULT_SLOTS,
  FALLBACK_REASON,
  fold,
  foldText,
  isOfficialHost,
  matchDirectory,
  nameKey,
  officialLink,
  parseOfficialDomains,
  PLAN_CHANNELS,
  proposeChannelPlan,
  proposeChannels,
  provinceKey,
  sameName,
  SMS_MAX_SEGMENTS,
  spokenLink,
} from './plan';
export type {
  AddresseeRule,
  BannerDraft,
  Bilingual,
  ChannelPlanProposal,
  Directory,
  DirectoryKind,
  DirectoryMatch,
  DirectoryTarget,
  EmailDraft,
  FoldedText,
  MatchedEntry,
  OfficialDomains,
  PlanChannel,
  PlanDrafts,
  PlanEntry,
  PlanLink,
  PlanNote,
  PlanScope,
  PlanSource,
  ProposedChannels,
  ProposePlanOptions,
  RadioDraft,
  SmsDraft,
  UnmatchedEntry,
} from './plan';
export { DirectivesService } from './directives.service';
export { correctFields, documentCodeText } from './extract';
export type { CorrectionProblem, DirectiveCorrections } from './extract';
export type { DirectiveOriginalFile, DirectiveOriginalInfo } from './directives.service';
export {
  detectLetterFormat,
  docxToText,
  DOCX_MEDIA_TYPE,
  LETTER_MEDIA_TYPES,
  LetterFileError,
  MAX_LETTER_FILE_BYTES,
  ocrPdf,
  pdfToText,
  readLetterFile,
} from './files';
export type { LetterFileErrorCode, LetterFileText, LetterFormat, OcrOptions } from './files';
export { DirectoryMatchService } from './directory-match.service';
export { DirectiveIntakeService, MIN_LETTER_CHARS } from './directive-intake.service';
export type { DirectivePlan, LetterUpload } from './directive-intake.service';
export { campaignFromPlan } from './campaign-from-plan';
export type { CampaignEdits, CampaignProblem } from './campaign-from-plan';
export { loadOfficialDomains } from './official-domains.loader';
export { DirectivesRepository } from './directives.repository';
export type { DirectiveListItem } from './directives.repository';
export {
  composeResultReport,
  organisationAbbreviation,
  renderResultReportDocx,
  renderResultReportPdf,
  ResultReportService,
  resultFigures,
  resultReportInput,
} from './result-report';
export type { ResultFigures, ResultReport, ResultReportFormat, ResultReportInput } from './result-report';
export { bodyRef, letterSigner, signerToday } from './letter-signer';
export type { BodyRef, LetterSignerView } from './letter-signer';
