export * from './secrets';
export * from './passwords';
export * from './auth.service';
export * from './partner-keys.service';
export * from './partner-signature';
