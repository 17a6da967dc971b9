export { deliverSmText, inboundFromDeliverSm, isDeliveryReceipt, receiptFromDeliverSm } from './deliver-sm';
export type { InboundSms } from './deliver-sm';
export {
  normalizeReceiptStat,
  parseReceiptText,
  RECEIPT_STATS,
  receiptOutcomeFromStat,
  receiptStatFromMessageState,
} from './parse-receipt';
export type { DeliveryReceipt, ReceiptStat } from './parse-receipt';
export {
  chooseSmsEncoding,
  countGsm7Septets,
  DATA_CODING_GSM7,
  DATA_CODING_UCS2,
  dataCodingFor,
  isGsm7Text,
  SINGLE_SEGMENT_GSM7_SEPTETS,
  SINGLE_SEGMENT_UCS2_UNITS,
} from './sms-encoding';
export type { SmppDataCoding, SmsEncodingChoice } from './sms-encoding';
export { describeCommandStatus, SMPP_STATUS, SmppBindError, SmppSubmitError } from './smpp-errors';
export type { ConcatenatedFailure, SmppErrorKind, SmppStatusDescription, SmppTransportFailure } from './smpp-errors';
export { SmppSession } from './smpp-session';
export type {
  InboundHandler,
  LongMessageMode,
  ReceiptHandler,
  SmppLogger,
  SmppQueryResult,
  SmppSessionOptions,
  SmppSubmitRequest,
  SmppSubmitResult,
} from './smpp-session';
export {
  CONCAT_UDH_LENGTH,
  concatUdh,
  encodeParts,
  encodeUserText,
  ESM_CLASS_UDHI,
  IEI_CONCAT_8BIT,
  MAX_CONCATENATED_PARTS,
  splitConcatenated,
  withReference,
} from './udh';
export type { ConcatenatedMessage, ConcatenatedPart, ConcatHeader, EncodedParts } from './udh';
export { SubmitTextCache } from './submit-text-cache';
export type { SubmitText } from './submit-text-cache';
