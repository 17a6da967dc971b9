export * from './build-audience';
export * from './opt-outs.service';
export * from './inbound-sms.service';
export * from './audience-import.service';
export * from './audience-csv';
