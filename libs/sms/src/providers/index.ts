export * from './sms-provider';
export * from './smpp-provider';
export * from './twilio-provider';
export * from './provider-factory';
export * from './token-bucket';
export * from './rate-limited-provider';
