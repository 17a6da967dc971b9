import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { CHANNELS, CampaignEntity, Channel, ChannelPlanEntity } from '@loa/db';
import {
  ChannelFanout,
  DeliveriesRepository,
  FanoutForChannel,
  QueuedBatchPage,
  SendBatch,
  WrittenSpan,
  batchesOfSpans,
  sendJobOptions,
} from '@loa/delivery';
import { CampaignPlansRepository, CampaignsRepository } from './campaigns.repository';

/**
 * Turns a running campaign into delivery rows (idempotent upserts) and enqueues batches of queued rows
 * (deterministic job ids per dispatch round). Safe to run any number of times for the same round.
 *
 * The core knows no channel: each channel's module provides a `ChannelFanout` marked `@FanoutForChannel(…)`,
 * found here by discovery (ARCHITECTURE §4.2).
 */
@Injectable()
export class FanoutService implements OnModuleInit {
  private readonly logger = new Logger(FanoutService.name);
  private fanouts: Map<string, ChannelFanout> | null = null;

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly plans: CampaignPlansRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deliveries: DeliveriesRepository,
    private readonly discovery: DiscoveryService,
  ) {}

  /** Fails at start-up, not at the first launch, when two providers claim one channel. */
  onModuleInit(): void {
    this.registry();
  }

  /** Channels no module of this application provides a fan-out for (the worker refuses to start with any). */
  missingChannels(): Channel[] {
    const fanouts = this.registry();
    return CHANNELS.filter((c) => !fanouts.has(c));
  }

  private registry(): Map<string, ChannelFanout> {
    if (this.fanouts) return this.fanouts;
    const fanouts = new Map<string, ChannelFanout>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: FanoutForChannel.KEY })) {
      const channel = this.discovery.getMetadataByDecorator(FanoutForChannel, wrapper);
      if (!channel || !wrapper.instance) continue;
      const other = fanouts.get(channel);
      if (other) {
        throw new Error(`two fan-outs for channel "${channel}": ${other.constructor.name} and ${wrapper.name}`);
      }
      fanouts.set(channel, wrapper.instance as ChannelFanout);
    }
    this.fanouts = fanouts;
    return fanouts;
  }

  async run(campaignId: string, epoch: number): Promise<void> {
    const campaign = await this.campaigns.find(campaignId);
    if (!campaign || campaign.status !== 'running') {
      this.logger.log(`fan-out of ${campaignId} skipped: campaign is ${campaign?.status ?? 'missing'}`);
      return;
    }
    const plans = await this.plans.plansOf(campaignId);
    // Batches cut from the ids the rows just took (this run wrote them): no need to read them back.
    const justWritten = new Map<string, SendBatch[]>();
    for (const plan of plans) {
      if (plan.fannedOutAt) continue;
      const spans = await this.materialise(campaign, plan);
      const batches = spans ? batchesOfSpans(spans, this.config.delivery.batchSize) : null;
      if (batches) justWritten.set(plan.id, batches);
    }
    for (const plan of plans) {
      const fanout = this.fanoutOf(plan.channel);
      if (!fanout.enqueue) continue;
      const enqueue = fanout.enqueue.bind(fanout);
      const options = sendJobOptions(campaign);
      const toSend = (batches: SendBatch[]): Promise<void> => enqueue(campaign.id, batches, epoch, options);
      const cut = justWritten.get(plan.id);
      const stillRunning = cut
        ? await this.enqueueCutBatches(campaign.id, cut, toSend)
        : await this.enqueueQueuedRows(campaign.id, plan.channel, toSend);
      if (!stillRunning) return;
    }
  }

  private fanoutOf(channel: string): ChannelFanout {
    const fanout = this.registry().get(channel);
    // Loud, and the job is retried: a plan is never marked materialised without its rows.
    if (!fanout) throw new Error(`no fan-out for channel "${channel}": is its module imported by this application?`);
    return fanout;
  }

  /**
   * The channel writes its rows in one transaction that also marks the plan materialised; answers the spans of ids
   * they took when the channel reports them.
   */
  private async materialise(campaign: CampaignEntity, plan: ChannelPlanEntity): Promise<WrittenSpan[] | null> {
    const fanout = this.fanoutOf(plan.channel);
    return this.campaigns.transaction(async (m) => {
      const spans = await fanout.materialise(m, campaign, plan);
      await this.plans.markMaterialised(m, plan.id);
      return spans ?? null;
    });
  }

  /**
   * Hands batches already cut to the channel a page's worth at a time, re-reading the campaign status before each
   * so a cancel or pause stops the fan-out. Returns false when it stopped early.
   */
  private async enqueueCutBatches(
    campaignId: string,
    batches: SendBatch[],
    enqueue: (batches: SendBatch[]) => Promise<void>,
  ): Promise<boolean> {
    for (let i = 0; i < batches.length; i += FanoutService.BATCHES_PER_PAGE) {
      if ((await this.deliveries.campaignStatus(campaignId)) !== 'running') return false;
      await enqueue(batches.slice(i, i + FanoutService.BATCHES_PER_PAGE));
    }
    return true;
  }

  /**
   * Pages through queued rows by id (keyset, never loading all) and hands each page's send batches to the channel;
   * re-reads the campaign status per page so a cancel or pause stops the fan-out. The next page (and the status)
   * is read while the channel enqueues the current one, so Redis and PostgreSQL work at the same time. Returns
   * false when it stopped early.
   */
  private async enqueueQueuedRows(
    campaignId: string,
    channel: string,
    enqueue: (batches: SendBatch[]) => Promise<void>,
  ): Promise<boolean> {
    const batchSize = this.config.delivery.batchSize;
    const pageRows = batchSize * FanoutService.BATCHES_PER_PAGE;
    const readPage = async (afterId: string): Promise<QueuedBatchPage | null> => {
      const [status, page] = await Promise.all([
        this.deliveries.campaignStatus(campaignId),
        this.deliveries.queuedBatches(campaignId, channel, afterId, pageRows, batchSize),
      ]);
      return status === 'running' ? page : null;
    };
    let page = await readPage('0');
    for (;;) {
      if (page === null) return false;
      if (!page.rows) return true;
      const last = page.rows < pageRows;
      const next = last ? null : readPage(page.lastId!);
      // A page read ahead is not lost if this enqueue fails: the job is retried and pages from the start.
      next?.catch(() => undefined);
      await enqueue(page.batches);
      if (last) return true;
      page = await next!;
    }
  }

  /** Send batches per page: a page is read in one statement and held in memory as a few hundred ranges. */
  static readonly BATCHES_PER_PAGE = 200;
}
