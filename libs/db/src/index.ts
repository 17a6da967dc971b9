export {
  AgencyEntity,
  AuditEventEntity,
  CampaignEntity,
  CARRIER_PROVIDERS,
  CarrierEntity,
  ChannelPlanEntity,
  CHANNELS,
  DELIVERY_STATUSES,
  DeliveryEntity,
  DirectiveEntity,
  ENTITIES,
  FINAL_DELIVERY_STATUSES,
  OrganizationEntity,
  PARTNER_KINDS,
  PartnerKeyEntity,
  PortalEntity,
  SessionEntity,
  STATION_LEVELS,
  StationEntity,
  USER_ROLES,
  UserEntity,
} from './entities';
export type { CarrierProvider, Channel, DeliveryStatus, PartnerKind, StationLevel, UserRole } from './entities';
export { MIGRATIONS } from './migrations';
export { createDataSource } from './data-source';
export { dropDatabase, ensureDatabase, migrate } from './database-admin';
export { DbModule } from './db.module';
export { updateReturning } from './update-returning';
export type { Queryable } from './update-returning';
export { isTransientDbError, retryTransient, TRANSIENT_RETRY_DELAYS_MS } from './transient-errors';
export { PreparedStatement } from './prepared-statement';
