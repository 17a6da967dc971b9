import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An agency (cơ quan, đơn vị) that receives the official dispatch by email. */
@Entity('agencies')
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) email!: string;
  /** The addressee group a letter names, e.g. "so-ban-nganh", "ubnd-huyen", "bao-chi". */
  @Column({ name: 'group_code', type: 'text' }) groupCode!: string;
  /** The unit it sits on (config/admin-units code); null = the organisation's province. */
  @Column({ name: 'admin_unit_code', type: 'text', nullable: true }) adminUnitCode!: string | null;
}

/** A web portal (cổng / trang thông tin điện tử) that embeds the banner iframe. */
@Entity('portals')
export class PortalEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) url!: string;
  /** Public, unguessable key in the embed URL (not a secret: it is pasted into public pages). */
  @Column({ name: 'embed_key', type: 'text', unique: true }) embedKey!: string;
  /** The unit it sits on (config/admin-units code); null = the organisation's province. */
  @Column({ name: 'admin_unit_code', type: 'text', nullable: true }) adminUnitCode!: string | null;
}

export const STATION_LEVELS = ['province', 'district', 'commune'] as const;
export type StationLevel = (typeof STATION_LEVELS)[number];

/** A loudspeaker / radio station; a commune station relays (tiếp âm) its parent. */
@Entity('stations')
export class StationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) level!: StationLevel;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  /** Administrative unit code (mã đơn vị hành chính) of the area it serves; null when not recorded. */
  @Column({ name: 'admin_unit_code', type: 'text', nullable: true }) adminUnitCode!: string | null;
  /** 'north' | 'central' | 'south': picks the text-to-speech voice and the number words. */
  @Column({ type: 'text', nullable: true }) region!: 'north' | 'central' | 'south' | null;
  /** Its daily programme slots: [{ "start": "06:00", "minutes": 30 }, …]. */
  @Column({ name: 'broadcast_slots', type: 'jsonb', default: () => "'[]'" }) broadcastSlots!: Array<{
    start: string;
    minutes: number;
  }>;
  /** IANA time zone its slots are in. */
  @Column({ name: 'time_zone', type: 'text', default: 'Asia/Ho_Chi_Minh' }) timeZone!: string;
  /** Who runs the station: reminded when it does not pull or air (lower-cased e-mail), null when not recorded. */
  @Column({ name: 'contact_email', type: 'text', nullable: true }) contactEmail!: string | null;
}

export const CARRIER_PROVIDERS = ['smpp', 'twilio'] as const;
export type CarrierProvider = (typeof CARRIER_PROVIDERS)[number];

/** A telecom carrier and how Loa reaches its SMSC. Secrets in `connection` may name env vars (`passwordEnv`). */
@Entity('carriers')
export class CarrierEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) provider!: CarrierProvider;
  @Column({ type: 'jsonb' }) connection!: Record<string, unknown>;
  @Column({ name: 'sender_name', type: 'text' }) senderName!: string;
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
}

export const PARTNER_KINDS = ['station', 'carrier', 'portal'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** An API key issued to a partner; stored as SHA-256, listed by prefix only. */
@Entity('partner_keys')
export class PartnerKeyEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'partner_kind', type: 'text' }) partnerKind!: PartnerKind;
  @Column({ name: 'partner_id', type: 'uuid' }) partnerId!: string;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ name: 'key_prefix', type: 'text' }) keyPrefix!: string;
  @Column({ name: 'key_hash', type: 'text', unique: true }) keyHash!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
}
