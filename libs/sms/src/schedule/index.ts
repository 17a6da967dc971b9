export {
  DEFAULT_SENDING_WINDOW,
  checkSendingWindow,
  validateSendingWindow,
  type SendingWindow,
  type SendingWindowDecision,
} from './quiet-hours';
export { checkDailyCap, type DailyCapDecision, type DailyCapInput } from './daily-cap';
export { localDateKey } from './zoned-time';
