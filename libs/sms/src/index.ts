export * from './numbering';
export * from './smpp';
export * from './text';
export * from './twilio';
export * from './audience';
export * from './providers';
export * from './render-for-carrier';
export * from './sms-dispatch.service';
