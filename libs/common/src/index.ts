export * from './html';
export * from './time';
