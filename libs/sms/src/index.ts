export { CarrierRouter, loadPrefixTable, normalizeMsisdn, PrefixTableError, routeNumber } from './numbering';
export type { CarrierPrefixes, MsisdnResult, PrefixTable, RoutedNumber } from './numbering';
export {
  chooseSmsEncoding,
  CONCAT_UDH_LENGTH,
  concatUdh,
  countGsm7Septets,
  DATA_CODING_GSM7,
  DATA_CODING_UCS2,
  dataCodingFor,
  deliverSmText,
  describeCommandStatus,
  encodeUserText,
  ESM_CLASS_UDHI,
  IEI_CONCAT_8BIT,
  inboundFromDeliverSm,
  isDeliveryReceipt,
  isGsm7Text,
  MAX_CONCATENATED_PARTS,
  normalizeReceiptStat,
  parseReceiptText,
  RECEIPT_STATS,
  receiptFromDeliverSm,
  receiptOutcomeFromStat,
  receiptStatFromMessageState,
  SINGLE_SEGMENT_GSM7_SEPTETS,
  SINGLE_SEGMENT_UCS2_UNITS,
  SMPP_STATUS,
  SmppBindError,
  SmppSession,
  SmppSubmitError,
  splitConcatenated,
} from './smpp';
export type {
  ConcatenatedFailure,
  ConcatenatedMessage,
  ConcatenatedPart,
  ConcatHeader,
  DeliveryReceipt,
  InboundHandler,
  InboundSms,
  LongMessageMode,
  ReceiptHandler,
  ReceiptStat,
  SmppDataCoding,
  SmppErrorKind,
  SmppLogger,
  SmppQueryResult,
  SmppSessionOptions,
  SmppStatusDescription,
  SmppSubmitRequest,
  SmppSubmitResult,
  SmppTransportFailure,
  SmsEncodingChoice,
} from './smpp';
export {
  analyzeText,
  DEFAULT_ADVERTISING_LABEL,
  encodeGsm7Septets,
  encodingOf,
  GSM_BASIC_CHARACTERS,
  GSM_ESCAPE,
  GSM_EXTENSION_CHARACTERS,
  gsmSeptets,
  isGsm7,
  MAX_SENDER_NAME_LENGTH,
  renderForCarrierPolicy,
  renderSms,
  renderUnderCarrierRules,
  carrierRules,
  DEFAULT_CARRIER_MAX_SEGMENTS,
  SEGMENT_LIMITS,
  senderNameError,
  splitSegments,
  stripDiacritics,
} from './text';
export type { CarrierRendering, CarrierRenderPolicy, RenderedSms, SmsEncoding, SmsPolicy, TextAnalysis } from './text';
export {
  addDays,
  carrierQuotaDeferral,
  checkSendingWindow,
  dailyCapDeferral,
  deferralKind,
  DEFAULT_SENDING_WINDOW,
  firstInstantAt,
  localDateKey,
  validateSendingWindow,
  wallTimeAt,
} from './schedule';
export type { DeferralKind, SendingWindow, SendingWindowDecision } from './schedule';
export { detectOptOut, foldInboundText, OPT_OUT_KEYWORDS } from './opt-out';
export type { OptOutMatch, OptOutOptions } from './opt-out';
export { createTwilioClient, rewriteOrigin, verifyTwilioSignature } from './twilio';
export type { TwilioClient, TwilioClientOptions, TwilioSignatureCheck } from './twilio';
export {
  AudienceFileError,
  AudienceImportService,
  AudienceImportsRepository,
  AudienceModule,
  buildAudience,
  copyTextField,
  findPhoneColumn,
  foldHeader,
  InboundSmsService,
  InvalidNumberError,
  OptOutsRepository,
  OptOutsService,
  PHONE_HEADERS,
} from './audience';
export type {
  AudienceImportCounts,
  AudienceImportRun,
  AudienceImportTotals,
  PlaceFilter,
  AudienceImportView,
  AudienceReject,
  AudienceReport,
  NewOptOut,
  OptOutView,
  PhoneColumn,
  StagingMerge,
} from './audience';
export {
  CarrierConfigError,
  classifySmppError,
  classifyTwilioError,
  createSmsProvider,
  LocalRateGate,
  RateLimitedProvider,
  rateSlices,
  resolveSecret,
  SharedRateGate,
  SmppProvider,
  TokenBucket,
  twilioFinalOutcome,
  twilioStatusPath,
  TwilioProvider,
} from './providers';
export type {
  OutgoingSms,
  RateGate,
  SmppConnectionSettings,
  SmsProvider,
  StatusAnswer,
  StatusQuery,
  TwilioConnectionSettings,
} from './providers';
export { renderForCarrier } from './render-for-carrier';
export {
  dailyQuota,
  DEFAULT_SEND_WINDOW,
  SMS_BATCHES_AT_ONCE,
  SmsDispatchService,
  sendWindow,
} from './sms-dispatch.service';
export { SmsTestRefusedError, SmsTestSends } from './test-send/sms-test-sends';
export type { SmsTestRequested } from './test-send/sms-test-sends';
export { testSmsText } from './test-send/test-sms-text';
export { SmsBatchRepository } from './sms-batch.repository';
export type { SmsBatchContext } from './sms-batch.repository';
export {
  CarrierOrdersRepository,
  CarrierOrdersService,
  OrderConflictError,
  OrderNotFoundError,
  cancelOpenCarrierOrders,
  carrierOrderSummaries,
} from './orders';
export type {
  CarrierOrderCounts,
  CarrierOrderRow,
  CarrierOrderSummary,
  CarrierOrderView,
  UnacknowledgedOrder,
  CarrierReport,
} from './orders';
export {
  AwaitingReceiptsService,
  QueuedReceipts,
  receiptCheckEveryMs,
  ReceiptBatcher,
  ReceiptIntake,
} from './receipts';
export type { ReceiptCheckResult } from './receipts';
export {
  CarrierConnections,
  CarrierLimits,
  CarriersRepository,
  carrierSendingTerms,
  CarrierTermsService,
  loadCarrierRouter,
  NumberingModule,
} from './carriers';
export type { CarrierConnection, CarrierSendingTerms, CarrierTermsView } from './carriers';
export { SmsFanout } from './fanout';
export { SmsModule } from './sms.module';
export { CarrierAutoPause, CarrierPausesRepository, FailureWindow } from './auto-pause';
export {
  CarrierRouteSelector,
  CarrierRoutesRepository,
  chooseRoute,
  failoverSettings,
  FailoverSettingsError,
  RouteHealth,
  routeOfStoredId,
  routeSignal,
  SECONDARY_ID_PREFIX,
  SecondaryRouteProvider,
  storedMessageId,
  WatchedProvider,
} from './routes';
export type { ActiveRoute, ChosenRoute, FailoverSettings, RouteChoice, RouteName, RouteSwitch } from './routes';
export type { AutoPauseRule, CarrierPause, OpenCarrierPause, PauseWatch } from './auto-pause';
