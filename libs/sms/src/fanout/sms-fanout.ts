import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { CampaignEntity, ChannelPlanEntity } from '@loa/db';
import {
  ChannelFanout,
  FanoutForChannel,
  SendBatch,
  SendJobOptions,
  WrittenSpan,
  materializeSmsRows,
  materializeSmsTestRows,
} from '@loa/delivery';
import { SmsQueues, batchJobId } from '@loa/queue';
import { CarrierRouter } from '../numbering';
import { CarrierOrdersRepository } from '../orders/carrier-orders.repository';
import { renderForCarrier } from '../render-for-carrier';

/** The part of an SMS plan's content the launch reads. */
interface SmsPlanContent {
  text: string;
  stripDiacritics?: boolean;
  /** `area`: a unit code; `areaName`: its official name, written when the plan was checked. */
  carrierOrders?: Array<{ carrierCode: string; area: string; areaName?: string }>;
  /** A rehearsal's test list, fixed at launch: its numbers are the only recipients. */
  testList?: { msisdns: string[] };
}

/**
 * SMS at launch: one delivery row per subscriber of the campaign's audience, one order per carrier and area that a
 * carrier partner pulls (the text as rendered for that carrier), then send batches on each carrier's own queue. A
 * rehearsal (exercise or test) writes rows for its test list only and publishes no order.
 */
@Injectable()
@FanoutForChannel('sms')
export class SmsFanout implements ChannelFanout {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly smsQueues: SmsQueues,
    private readonly orders: CarrierOrdersRepository,
    private readonly router: CarrierRouter,
  ) {}

  async materialise(
    m: EntityManager,
    campaign: CampaignEntity,
    plan: ChannelPlanEntity,
  ): Promise<WrittenSpan[] | void> {
    const content = plan.content as unknown as SmsPlanContent;
    if (content.testList) {
      // A rehearsal: the test list only, and no carrier order (a carrier would send to a whole area).
      const members = content.testList.msisdns.map((msisdn) => ({ msisdn, carrier: this.router.route(msisdn) }));
      await materializeSmsTestRows(m, campaign.id, members);
      return;
    }
    const spans = await materializeSmsRows(m, campaign.id);
    const text = renderForCarrier(content.text, { stripDiacritics: content.stripDiacritics ?? false });
    for (const order of content.carrierOrders ?? []) {
      await this.orders.publish(
        m,
        campaign.id,
        order.carrierCode,
        { code: order.area, name: order.areaName ?? null },
        text,
      );
    }
    return spans;
  }

  async enqueue(campaignId: string, batches: SendBatch[], epoch: number, options: SendJobOptions): Promise<void> {
    const byCarrier = new Map<string, SendBatch[]>();
    for (const b of batches) {
      // The fan-out writes SMS rows only for numbers a carrier serves.
      if (!b.carrierCode)
        throw new Error(`campaign ${campaignId}: queued SMS rows ${b.first}…${b.last} have no carrier`);
      const own = byCarrier.get(b.carrierCode);
      if (own) own.push(b);
      else byCarrier.set(b.carrierCode, [b]);
    }
    // Each carrier's queue at once: they are independent lists in Redis.
    await Promise.all(
      [...byCarrier].map(([carrierCode, own]) =>
        this.smsQueues.forCarrier(carrierCode).addBulk(
          own.map((b) => ({
            name: 'send',
            data: { campaignId, carrierCode, idRange: { first: b.first, last: b.last } },
            opts: { jobId: batchJobId(campaignId, `sms-${carrierCode}`, epoch, b.first), ...options },
          })),
        ),
      ),
    );
  }
}
