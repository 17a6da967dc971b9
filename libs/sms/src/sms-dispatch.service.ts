import { Inject, Injectable } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CampaignEntity, CarrierEntity, ChannelPlanEntity, updateReturning } from '@loa/db';
import { BatchRunner, BatchRunResult, SendOutcome } from '@loa/delivery';
import type { SmsSendJob } from '@loa/queue';
import type { SmsProvider } from './providers';
import { OptOutsService } from './audience/opt-outs.service';
import { renderForCarrier } from './render-for-carrier';
import { addDays, checkSendingWindow, firstInstantAt, localDateKey, wallTimeAt } from './schedule';

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
    const cap = this.dailyCap(campaign, now);
    return this.runner.run(
      job.campaignId,
      job.deliveryIds,
      async (row) => {
        const held = await cap.take(row.recipientKey);
        if (held) return held;
        const outcome = await provider.send({ msisdn: row.recipientKey, senderName: carrier.senderName, text });
        // Not handed to the carrier after all: give the subscriber's daily slot back.
        if (outcome.kind === 'retry-later' || outcome.kind === 'rejected') await cap.giveBack(row.recipientKey);
        return outcome;
      },
      { concurrency: 10, statusCheckEvery: 50 },
    );
  }

  /**
   * The per-subscriber daily cap across all campaigns, counted atomically in Postgres per local day. A capped
   * message waits for the next local day; an emergency campaign goes over the cap, audited once per batch.
   */
  private dailyCap(campaign: CampaignEntity, now: Date) {
    const { dailyCap, timeZone } = this.config.sms;
    const day = localDateKey(now, timeZone);
    const nextDay = firstInstantAt(addDays(wallTimeAt(now, timeZone), 1), timeZone);
    let overrideAudited = false;
    return {
      take: async (msisdn: string): Promise<SendOutcome | null> => {
        if (dailyCap <= 0) return null;
        const taken = await updateReturning<{ count: number }>(
          this.dataSource,
          `INSERT INTO subscriber_daily_counts (msisdn, day, count) VALUES ($1, $2, 1)
           ON CONFLICT (msisdn, day) DO UPDATE SET count = subscriber_daily_counts.count + 1
            WHERE subscriber_daily_counts.count < $3 OR $4
           RETURNING count`,
          [msisdn, day, dailyCap, campaign.emergency],
        );
        if (taken.length && taken[0].count > dailyCap && !overrideAudited) {
          overrideAudited = true;
          await this.audit.record({
            actor: SYSTEM_ACTOR,
            organizationId: campaign.organizationId,
            action: 'campaign.daily_cap_override',
            targetType: 'campaign',
            targetId: campaign.id,
            after: { dailyCap, day },
          });
        }
        if (taken.length) return null;
        return {
          kind: 'deferred',
          until: nextDay,
          error: `daily cap of ${dailyCap} reached; waits until ${nextDay.toISOString()}`,
        };
      },
      giveBack: async (msisdn: string): Promise<void> => {
        if (dailyCap <= 0) return;
        await this.dataSource.query(
          `UPDATE subscriber_daily_counts SET count = count - 1 WHERE msisdn = $1 AND day = $2 AND count > 0`,
          [msisdn, day],
        );
      },
    };
  }
}
