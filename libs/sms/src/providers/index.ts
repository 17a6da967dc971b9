export type { OutgoingSms, SmsProvider, StatusAnswer, StatusQuery } from './sms-provider';
export { classifySmppError, SmppProvider } from './smpp-provider';
export type { SmppConnectionSettings } from './smpp-provider';
export { classifyTwilioError, twilioFinalOutcome, TwilioProvider } from './twilio-provider';
export type { TwilioConnectionSettings } from './twilio-provider';
export { CarrierConfigError, createSmsProvider, resolveSecret } from './provider-factory';
export { TokenBucket } from './token-bucket';
export { RateLimitedProvider } from './rate-limited-provider';
