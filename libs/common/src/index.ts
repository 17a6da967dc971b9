export * from './html';
export * from './time';
export * from './csv';
export * from './ids';
export * from './campaign-status';
export * from './search-fold';
export * from './timeline-buckets';
