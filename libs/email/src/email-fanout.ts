import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { EntityManager } from 'typeorm';
import type { CampaignEntity, ChannelPlanEntity } from '@loa/db';
import {
  ChannelFanout,
  FanoutForChannel,
  SendBatch,
  SendJobOptions,
  materializeEmailRows,
  materializeEmailTestRows,
} from '@loa/delivery';
import { QUEUES, SendBatchJob, batchJobId } from '@loa/queue';

/** The part of an email plan's content the launch reads: which agencies are written to. */
interface EmailPlanContent {
  agencyCodes?: string[];
  agencyGroups?: string[];
  /** A rehearsal's test list, fixed at launch: its addresses are the only recipients. */
  testList?: { emails: string[] };
}

/**
 * Email at launch: one delivery row per agency named or in a named group (a rehearsal: per address of its test
 * list), then send batches.
 */
@Injectable()
@FanoutForChannel('email')
export class EmailFanout implements ChannelFanout {
  constructor(@InjectQueue(QUEUES.email) private readonly emailQueue: Queue<SendBatchJob>) {}

  async materialise(m: EntityManager, campaign: CampaignEntity, plan: ChannelPlanEntity): Promise<void> {
    const c = plan.content as EmailPlanContent;
    if (c.testList) return materializeEmailTestRows(m, campaign.id, c.testList.emails);
    await materializeEmailRows(m, campaign, c.agencyCodes ?? [], c.agencyGroups ?? []);
  }

  async enqueue(campaignId: string, batches: SendBatch[], epoch: number, options: SendJobOptions): Promise<void> {
    await this.emailQueue.addBulk(
      batches.map((b) => ({
        name: 'send',
        data: { campaignId, idRange: { first: b.first, last: b.last } },
        opts: { jobId: batchJobId(campaignId, 'email', epoch, b.first), ...options },
      })),
    );
  }
}
