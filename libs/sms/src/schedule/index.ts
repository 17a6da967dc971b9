export {
  DEFAULT_SENDING_WINDOW,
  checkSendingWindow,
  validateSendingWindow,
  type SendingWindow,
  type SendingWindowDecision,
} from './quiet-hours';
export { addDays, firstInstantAt, localDateKey, wallTimeAt } from './zoned-time';
export { carrierQuotaDeferral, dailyCapDeferral, deferralKind, type DeferralKind } from './deferral-reasons';
