export * from './deliver-sm';
export * from './parse-receipt';
export * from './sms-encoding';
export * from './smpp-errors';
export * from './smpp-session';
export * from './udh';
