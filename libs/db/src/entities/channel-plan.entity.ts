import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CHANNELS = ['sms', 'email', 'banner', 'radio'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One per campaign and channel: what to send there. Counters are derived from deliveries and banner stats. */
@Entity('channel_plans')
export class ChannelPlanEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ type: 'text' }) channel!: Channel;
  @Column({ type: 'jsonb' }) content!: Record<string, unknown>;
  @Column({ name: 'fanned_out_at', type: 'timestamptz', nullable: true }) fannedOutAt!: Date | null;
}
