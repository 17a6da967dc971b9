import { DiscoveryService } from '@nestjs/core';
import type { EntityManager } from 'typeorm';
import type { CampaignEntity, Channel, ChannelPlanEntity } from '@loa/db';
import type { SendBatch, SendJobOptions, WrittenSpan } from './send-batches';

/**
 * What one channel does when a campaign is launched (ARCHITECTURE §4.2). The fan-out core
 * (`FanoutService` in libs/campaigns) knows no channel: it finds each channel's fan-out by discovery, so adding a
 * channel means a provider in that channel's module marked `@FanoutForChannel('…')`, not an edit of the core.
 */
export interface ChannelFanout {
  /**
   * Writes one delivery row per recipient (idempotent: ON CONFLICT DO NOTHING) and whatever else the channel
   * publishes at launch, inside the fan-out's transaction, which then marks the plan materialised. May answer the
   * spans of ids the rows took, per carrier: the fan-out then cuts the first round's batches from them instead of
   * reading the rows back (when every span is consecutive).
   */
  materialise(m: EntityManager, campaign: CampaignEntity, plan: ChannelPlanEntity): Promise<WrittenSpan[] | void>;
  /**
   * Push channels (SMS, email): adds a job for each send batch of one page of queued rows (a range of ids, see
   * `BatchRows`), with deterministic job ids per dispatch round (`epoch`) so a repeated fan-out adds nothing twice,
   * standing in the queue as `options` say (an emergency goes first). Pull channels (stations, portals) have none.
   */
  enqueue?(campaignId: string, batches: SendBatch[], epoch: number, options: SendJobOptions): Promise<void>;
}

/** Marks a provider as the fan-out of one channel, e.g. `@FanoutForChannel('sms')`. */
export const FanoutForChannel = DiscoveryService.createDecorator<Channel>();
