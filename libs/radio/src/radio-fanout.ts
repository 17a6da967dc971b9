import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CampaignEntity, ChannelPlanEntity } from '@loa/db';
import { ChannelFanout, FanoutForChannel, materializeRadioRows } from '@loa/delivery';

/**
 * Radio at launch: one delivery row per station of the plan. Stations pull their scripts and audio and confirm
 * broadcasts (ARCHITECTURE §4.6), so nothing is enqueued.
 */
@Injectable()
@FanoutForChannel('radio')
export class RadioFanout implements ChannelFanout {
  async materialise(m: EntityManager, campaign: CampaignEntity, plan: ChannelPlanEntity): Promise<void> {
    const { stationCodes } = plan.content as { stationCodes: string[] };
    await materializeRadioRows(m, campaign, stationCodes);
  }
}
