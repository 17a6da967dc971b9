export { OrganizationEntity } from './organization.entity';
export { USER_ROLES, UserEntity } from './user.entity';
export type { UserRole } from './user.entity';
export { SessionEntity } from './session.entity';
export { DirectiveEntity } from './directive.entity';
export { CampaignEntity } from './campaign.entity';
export { ChannelPlanEntity, CHANNELS } from './channel-plan.entity';
export type { Channel } from './channel-plan.entity';
export { DELIVERY_STATUSES, DeliveryEntity, FINAL_DELIVERY_STATUSES } from './delivery.entity';
export type { DeliveryStatus } from './delivery.entity';
export {
  AgencyEntity,
  CARRIER_PROVIDERS,
  CarrierEntity,
  PARTNER_KINDS,
  PartnerKeyEntity,
  PortalEntity,
  STATION_LEVELS,
  StationEntity,
} from './directory.entities';
export type { CarrierProvider, PartnerKind, StationLevel } from './directory.entities';
export { AuditEventEntity } from './audit-event.entity';

import { OrganizationEntity } from './organization.entity';
import { UserEntity } from './user.entity';
import { SessionEntity } from './session.entity';
import { DirectiveEntity } from './directive.entity';
import { CampaignEntity } from './campaign.entity';
import { ChannelPlanEntity } from './channel-plan.entity';
import { DeliveryEntity } from './delivery.entity';
import { AgencyEntity, CarrierEntity, PartnerKeyEntity, PortalEntity, StationEntity } from './directory.entities';
import { AuditEventEntity } from './audit-event.entity';

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  SessionEntity,
  DirectiveEntity,
  CampaignEntity,
  ChannelPlanEntity,
  DeliveryEntity,
  AgencyEntity,
  PortalEntity,
  StationEntity,
  CarrierEntity,
  PartnerKeyEntity,
  AuditEventEntity,
];
