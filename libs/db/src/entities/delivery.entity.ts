import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from './channel-plan.entity';

/**
 * Delivery states. `sending` is claimed by a worker; a row found there after a crash becomes `unknown`
 * (ambiguous: never re-sent, reported). Radio rows go queued → pulled → confirmed.
 */
export const DELIVERY_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'unknown',
  'expired',
  'cancelled',
  'opted_out',
  'pulled',
  'confirmed',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const FINAL_DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'delivered',
  'failed',
  'unknown',
  'expired',
  'cancelled',
];

@Entity('deliveries')
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ type: 'text' }) channel!: Channel;
  /** msisdn for SMS, agency/station code for email/radio. */
  @Column({ name: 'recipient_key', type: 'text' }) recipientKey!: string;
  @Column({ name: 'carrier_code', type: 'text', nullable: true }) carrierCode!: string | null;
  @Column({ type: 'text' }) status!: DeliveryStatus;
  @Column({ name: 'provider_message_id', type: 'text', nullable: true }) providerMessageId!: string | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'final_at', type: 'timestamptz', nullable: true }) finalAt!: Date | null;
  /** When the worker last asked the carrier about this SMS because its receipt had not come. */
  @Column({ name: 'status_queried_at', type: 'timestamptz', nullable: true }) statusQueriedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
