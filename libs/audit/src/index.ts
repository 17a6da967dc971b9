export * from './actor';
export * from './audit.service';
