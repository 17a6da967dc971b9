export * from './secrets';
export * from './passwords';
export * from './auth.service';
