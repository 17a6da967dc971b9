import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isRehearsal } from '@loa/common';
import type { CampaignEntity, ChannelPlanEntity } from '@loa/db';
import { ChannelFanout, FanoutForChannel } from '@loa/delivery';
import { BannerRepository } from './banner.repository';

/** Banners at launch: a counter row per portal of the plan. Portals pull the banner, so nothing is enqueued. */
@Injectable()
@FanoutForChannel('banner')
export class BannerFanout implements ChannelFanout {
  constructor(private readonly banners: BannerRepository) {}

  async materialise(m: EntityManager, campaign: CampaignEntity, plan: ChannelPlanEntity): Promise<void> {
    // An exercise or test is never served to portals (only previewed), so it has no counters.
    if (isRehearsal(campaign.mode)) return;
    const codes = (plan.content as { portalCodes?: string[] }).portalCodes ?? null;
    await this.banners.createCounters(m, campaign, codes);
  }
}
