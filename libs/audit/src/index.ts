export { SYSTEM_ACTOR } from './actor';
export type { Actor } from './actor';
export { AuditService } from './audit.service';
export type { AuditInput } from './audit.service';
export { AuditQueryService } from './audit-query.service';
export type { AuditEventView, AuditFilter } from './audit-query.service';
