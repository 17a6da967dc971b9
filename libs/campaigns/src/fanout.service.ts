import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { CampaignEntity, ChannelPlanEntity } from '@loa/db';
import { DeliveriesRepository, materializeEmailRows, materializeRadioRows, materializeSmsRows } from '@loa/delivery';
import { QUEUES, SendBatchJob, SmsQueues, batchJobId } from '@loa/queue';
import { renderForCarrier } from '@loa/sms';
import type { EmailPlanInput, RadioPlanInput } from './channel-plans';

/**
 * Turns a running campaign into delivery rows (idempotent upserts) and enqueues batches of queued rows
 * (deterministic job ids per dispatch round). Safe to run any number of times for the same round.
 */
@Injectable()
export class FanoutService {
  private readonly logger = new Logger(FanoutService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.email) private readonly emailQueue: Queue<SendBatchJob>,
    private readonly smsQueues: SmsQueues,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async run(campaignId: string, epoch: number): Promise<void> {
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOne({ where: { id: campaignId } });
    if (!campaign || campaign.status !== 'running') {
      this.logger.log(`fan-out of ${campaignId} skipped: campaign is ${campaign?.status ?? 'missing'}`);
      return;
    }
    const plans = await this.dataSource.getRepository(ChannelPlanEntity).find({ where: { campaignId } });
    for (const plan of plans) {
      if (!plan.fannedOutAt) await this.materialize(campaign, plan);
    }
    for (const plan of plans) {
      if (plan.channel === 'sms' || plan.channel === 'email') {
        const stillRunning = await this.enqueueQueuedRows(campaign.id, plan.channel, epoch);
        if (!stillRunning) return;
      }
    }
  }

  /** Writes one row per recipient (ON CONFLICT DO NOTHING), then marks the plan materialised. */
  private async materialize(campaign: CampaignEntity, plan: ChannelPlanEntity): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      switch (plan.channel) {
        case 'sms':
          await materializeSmsRows(m, campaign.id);
          await this.publishCarrierOrders(m, campaign, plan);
          break;
        case 'email': {
          const c = plan.content as unknown as EmailPlanInput;
          await materializeEmailRows(m, campaign, c.agencyCodes ?? [], c.agencyGroups ?? []);
          break;
        }
        case 'radio': {
          const c = plan.content as unknown as RadioPlanInput;
          await materializeRadioRows(m, campaign, c.stationCodes);
          break;
        }
        case 'banner': {
          const codes = (plan.content as { portalCodes?: string[] }).portalCodes ?? null;
          await m.query(
            `INSERT INTO banner_stats (campaign_id, portal_id)
             SELECT $1, id FROM portals WHERE organization_id = $2 AND ($3::text[] IS NULL OR code = ANY($3))
             ON CONFLICT DO NOTHING`,
            [campaign.id, campaign.organizationId, codes],
          );
          break;
        }
      }
      await m.update(ChannelPlanEntity, { id: plan.id }, { fannedOutAt: new Date() });
    });
  }

  /** One order per carrier and area, with the text as rendered for that carrier and the legal basis. */
  private async publishCarrierOrders(
    m: EntityManager,
    campaign: CampaignEntity,
    plan: ChannelPlanEntity,
  ): Promise<void> {
    const content = plan.content as {
      text: string;
      stripDiacritics?: boolean;
      carrierOrders?: Array<{ carrierCode: string; area: string }>;
    };
    for (const order of content.carrierOrders ?? []) {
      await m.query(
        `INSERT INTO carrier_orders (campaign_id, organization_id, carrier_code, area, text, sender_name,
                                     window_start, window_end, legal_basis, status)
         SELECT c.id, c.organization_id, k.code, $3, $4, k.sender_name, c.starts_at, c.ends_at, d.document_code, 'open'
           FROM campaigns c JOIN directives d ON d.id = c.directive_id JOIN carriers k ON k.code = $2
          WHERE c.id = $1
         ON CONFLICT (campaign_id, carrier_code, area) DO NOTHING`,
        [
          campaign.id,
          order.carrierCode,
          order.area,
          renderForCarrier(content.text, { stripDiacritics: content.stripDiacritics ?? false }),
        ],
      );
    }
  }

  /**
   * Pages through queued rows by id (keyset, never loading all) and adds batches in chunks; re-reads the
   * campaign status per chunk so a cancel or pause stops the fan-out. Returns false when it stopped early.
   */
  private async enqueueQueuedRows(campaignId: string, channel: 'sms' | 'email', epoch: number): Promise<boolean> {
    const batchSize = this.config.delivery.batchSize;
    const pageSize = batchSize * 20;
    let afterId = '0';
    for (;;) {
      const status = await this.deliveries.campaignStatus(campaignId);
      if (status !== 'running') return false;
      const rows: Array<{ id: string; carrier_code: string | null }> = await this.dataSource.query(
        `SELECT id, carrier_code FROM deliveries
          WHERE campaign_id = $1 AND channel = $2 AND status = 'queued' AND id > $3
            AND (not_before IS NULL OR not_before <= now())
          ORDER BY id LIMIT $4`,
        [campaignId, channel, afterId, pageSize],
      );
      if (!rows.length) return true;
      afterId = rows[rows.length - 1].id;
      const byCarrier = new Map<string, string[]>();
      for (const r of rows) {
        const key = r.carrier_code ?? '';
        const list = byCarrier.get(key) ?? [];
        list.push(r.id);
        byCarrier.set(key, list);
      }
      for (const [carrier, ids] of byCarrier) {
        const batches = chunk(ids, batchSize);
        if (channel === 'sms') {
          await this.smsQueues.forCarrier(carrier).addBulk(
            batches.map((b) => ({
              name: 'send',
              data: { campaignId, carrierCode: carrier, deliveryIds: b },
              opts: { jobId: batchJobId(campaignId, `sms-${carrier}`, epoch, b[0]) },
            })),
          );
        } else {
          await this.emailQueue.addBulk(
            batches.map((b) => ({
              name: 'send',
              data: { campaignId, deliveryIds: b },
              opts: { jobId: batchJobId(campaignId, 'email', epoch, b[0]) },
            })),
          );
        }
      }
      if (rows.length < pageSize) return true;
    }
  }
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
