export * from './actor';
export * from './audit.service';
export * from './audit-query.service';
