export * from './build-audience';
export * from './opt-outs.service';
export * from './inbound-sms.service';
