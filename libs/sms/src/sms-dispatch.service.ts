import { Inject, Injectable } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignEntity, CarrierEntity, ChannelPlanEntity } from '@loa/db';
import { BatchRunner, BatchRunResult } from '@loa/delivery';
import type { SmsSendJob } from '@loa/queue';
import type { SmsProvider } from './providers';
import { OptOutsService } from './audience/opt-outs.service';
import { renderForCarrier } from './render-for-carrier';
import { checkSendingWindow } from './schedule';

/** Sends one batch of SMS rows of one carrier through that carrier's provider. */
@Injectable()
export class SmsDispatchService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: BatchRunner,
    private readonly optOuts: OptOutsService,
    private readonly audit: AuditService,
  ) {}

  /** A number that opted out after fan-out is not sent to (its row becomes opted_out before the batch runs). */
  private async skipOptedOut(deliveryIds: string[]): Promise<void> {
    const rows: Array<{ recipient_key: string }> = await this.dataSource.query(
      `SELECT d.recipient_key FROM deliveries d JOIN opt_outs o ON o.msisdn = d.recipient_key
        WHERE d.id = ANY($1::bigint[]) AND d.status = 'queued'`,
      [deliveryIds],
    );
    if (rows.length)
      await this.optOuts.stopWaitingRows(
        this.dataSource,
        rows.map((r) => r.recipient_key),
        deliveryIds,
      );
  }

  /**
   * Sends the batch now, or says until when it must wait (quiet hours). An emergency campaign sends anyway, and
   * each batch it sends inside quiet hours is audited.
   */
  async sendBatch(
    job: SmsSendJob,
    provider: SmsProvider,
    now: Date = new Date(),
  ): Promise<BatchRunResult | { deferUntil: Date }> {
    const campaign = await this.dataSource.getRepository(CampaignEntity).findOneByOrFail({ id: job.campaignId });
    const window = this.config.sms;
    if (window.quietHoursEnabled) {
      const decision = checkSendingWindow(now, {
        start: window.windowStart,
        end: window.windowEnd,
        timeZone: window.timeZone,
      });
      if (!decision.allowed) {
        if (!campaign.emergency) return { deferUntil: decision.nextAllowedAt };
        await this.audit.record({
          actor: SYSTEM_ACTOR,
          organizationId: campaign.organizationId,
          action: 'campaign.quiet_hours_override',
          targetType: 'campaign',
          targetId: campaign.id,
          after: { carrier: job.carrierCode, rows: job.deliveryIds.length, at: now.toISOString() },
        });
      }
    }
    const carrier = await this.dataSource.getRepository(CarrierEntity).findOneByOrFail({ code: job.carrierCode });
    const plan = await this.dataSource
      .getRepository(ChannelPlanEntity)
      .findOneByOrFail({ campaignId: job.campaignId, channel: 'sms' });
    const content = plan.content as { text: string; stripDiacritics?: boolean };
    const text = renderForCarrier(content.text, { stripDiacritics: content.stripDiacritics ?? false });
    await this.skipOptedOut(job.deliveryIds);
    return this.runner.run(
      job.campaignId,
      job.deliveryIds,
      (row) => provider.send({ msisdn: row.recipientKey, senderName: carrier.senderName, text }),
      { concurrency: 10, statusCheckEvery: 50 },
    );
  }
}
