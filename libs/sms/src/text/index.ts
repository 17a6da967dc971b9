export {
  GSM_BASIC_CHARACTERS,
  GSM_ESCAPE,
  GSM_EXTENSION_CHARACTERS,
  encodeGsm7Septets,
  gsmSeptets,
  isGsm7,
} from './gsm-alphabet';
export {
  SEGMENT_LIMITS,
  analyzeText,
  encodingOf,
  splitSegments,
  type SmsEncoding,
  type TextAnalysis,
} from './segments';
export { stripDiacritics } from './strip-diacritics';
export { renderSms, type RenderedSms, type SmsPolicy } from './render-sms';
export {
  DEFAULT_ADVERTISING_LABEL,
  MAX_SENDER_NAME_LENGTH,
  renderForCarrierPolicy,
  senderNameError,
  type CarrierRenderPolicy,
  type CarrierRendering,
} from './carrier-policy';
export { DEFAULT_CARRIER_MAX_SEGMENTS, carrierRules, renderUnderCarrierRules } from './carrier-rules';
