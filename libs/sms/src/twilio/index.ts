export * from './create-twilio-client';
