export {
  OPT_OUT_KEYWORDS,
  detectOptOut,
  foldInboundText,
  type OptOutMatch,
  type OptOutOptions,
} from './opt-out-keywords';
