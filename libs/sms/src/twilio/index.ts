export { createTwilioClient, rewriteOrigin, verifyTwilioSignature } from './create-twilio-client';
export type { TwilioClient, TwilioClientOptions, TwilioSignatureCheck } from './create-twilio-client';
