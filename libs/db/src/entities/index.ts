export * from './organization.entity';
export * from './user.entity';
export * from './session.entity';
export * from './directive.entity';
export * from './campaign.entity';
export * from './channel-plan.entity';
export * from './delivery.entity';
export * from './directory.entities';
export * from './audit-event.entity';

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
