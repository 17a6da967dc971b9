export { GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS, gsmSeptets, isGsm7 } from './gsm-alphabet';
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
