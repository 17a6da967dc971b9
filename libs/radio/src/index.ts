export {
  AbbreviationDictionary,
  AbbreviationDictionaryError,
  type BroadcastScript,
  countSyllables,
  DEFAULT_SYLLABLES_PER_MINUTE,
  type Dialect,
  expandAbbreviations,
  formatDuration,
  issuerName,
  officialCase,
  parseAbbreviationDictionary,
  RADIO_PRIORITIES,
  type RadioPriority,
  readDate,
  readDecimal,
  readDigits,
  readDocumentCode,
  type ReadingOptions,
  readInteger,
  readMonth,
  readOrdinal,
  readSymbol,
  readTime,
  type ScriptDirective,
  type ScriptInput,
  type ScriptOptions,
  type SpeechText,
  type SpeechTextOptions,
  spellAddress,
  spellLetters,
  toSpeechText,
  writeBroadcastScript,
} from './script';
export {
  areaName,
  type AudioStatus,
  type FeedAudio,
  type FeedScript,
  type FeedStation,
  renderCapAlert,
  renderCapFeed,
  renderFeedJson,
  renderRss,
  scheduleSentence,
  type ScriptRevision,
  type ScriptStatus,
  type StationFeed,
} from './feeds/render-feeds';
export { capDateTime, el, escapeXml, etagMatches, etagOf, localDate } from './feeds/xml';
export { RADIO_CONFIG, type RadioConfig } from './radio-config';
export {
  CAP_BY_PRIORITY,
  DEFAULT_SLOTS,
  dialectFor,
  radioPlan,
  type RadioPlan,
  slotSecondsFor,
  slotsFor,
  STATION_REGIONS,
  type StationRegion,
  type StationSlot,
  stationSlots,
  voiceFor,
} from './radio-plan';
export { radioAbbreviations } from './abbreviations-file';
export {
  directiveForScript,
  scriptFor,
  senderNameOf,
  type StoredDirectiveFields,
  type VoiceStation,
} from './script-source';
export {
  markMissedBroadcasts,
  radioBroadcastReport,
  type RadioBroadcastReport,
  type SlotCounts,
  type StationBroadcasts,
} from './radio-schedule';
export {
  type BroadcastRecorded,
  type BroadcastReportInput,
  InvalidBroadcastError,
  SlotAlreadyAiredError,
  StationFeedService,
  type StationScript,
  UnknownScriptError,
  WithdrawnScriptError,
} from './station-feed.service';
export { type SpeechFile, type SpeechTools, synthesize, TtsUnavailableError } from './audio/text-to-speech';
export { type RadioAudioJob, radioAudioJobId, RadioAudioService, speechFileStem } from './audio/radio-audio.service';
export { AUDIO_EXTENSIONS, audioExtension, writeAudioAtomically } from './audio/audio-files';
export {
  type AudioFormat,
  type AudioProbe,
  AudioProbeError,
  type AudioProbeFailure,
  probeAudio,
} from './audio/audio-probe';
export { type AudioFileEntry, supersededAudioFiles } from './audio/superseded-audio';
export { RadioConflictError, RadioForbiddenError, RadioInputError, RadioNotFoundError } from './radio-errors';
export {
  AMENDABLE_FIELDS,
  type AmendableField,
  amendRadioPlan,
  type PlanAmendment,
  type RadioPlanPatch,
} from './revisions/amend-plan';
export {
  type AppliedAmendment,
  type RadioAmended,
  RadioRevisionsService,
  type RadioRevisionView,
} from './revisions/radio-revisions.service';
export {
  type AmendmentProposed,
  type AmendmentStatus,
  type AmendmentView,
  RadioAmendmentsService,
} from './revisions/radio-amendments.service';
export {
  describeMisfits,
  MIN_RECORDING_SECONDS,
  type RecordingMisfit,
  recordingMisfits,
  type RecordingStation,
} from './recordings/recording-fit';
export {
  RadioRecordingsService,
  type RecordingAccepted,
  type RecordingRemoved,
  type StationAudioView,
  type UploadedRecording,
} from './recordings/radio-recordings.service';
export { RadioFanout } from './radio-fanout';
export { RadioModule } from './radio.module';
export {
  type AudioKey,
  type AudioOutcome,
  type AudioRenderSource,
  type AudioReset,
  type FeedAudioRow,
  type ReadyAudioFile,
  type StoredRecording,
  RadioAudioRepository,
} from './audio/radio-audio.repository';
export {
  type StationSlotLogEntry,
  type BroadcastStation,
  type NewConfirmation,
  type OverdueStation,
  type SlotOutcomeCounts,
  RadioBroadcastsRepository,
} from './radio-broadcasts.repository';
export {
  type AmendmentDecision,
  type NewAmendment,
  RadioAmendmentsRepository,
  closePendingAmendments,
} from './revisions/radio-amendments.repository';
export {
  type NewRevision,
  type PlanStation,
  type RadioCampaignRecord,
  RadioCampaignsRepository,
} from './revisions/radio-campaigns.repository';
export {
  type BroadcastTarget,
  type ChainStation,
  type FeedScriptRecord,
  StationFeedRepository,
} from './station-feed.repository';
