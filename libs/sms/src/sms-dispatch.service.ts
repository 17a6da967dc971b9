import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { markRehearsal } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { CampaignEntity } from '@loa/db';
import { BatchRunResult, BatchRunner, BatchStatus, DeliveriesRepository, SendOutcome } from '@loa/delivery';
import { LoaMetrics } from '@loa/metrics';
import type { SmsSendJob } from '@loa/queue';
import type { SmsProvider } from './providers';
import { positiveInt } from './positive-int';
import { ProviderWindows } from './provider-windows';
import { SmsBatchRepository } from './sms-batch.repository';
import { CarrierAutoPause, CarrierPausesRepository, PauseState } from './auto-pause';
import { renderUnderCarrierRules } from './text';
import {
  addDays,
  carrierQuotaDeferral,
  checkSendingWindow,
  dailyCapDeferral,
  firstInstantAt,
  localDateKey,
  wallTimeAt,
} from './schedule';

/** The default SMPP window: submits a session keeps outstanding when the carrier row sets none. */
export const DEFAULT_SEND_WINDOW = 100;

/**
 * Batch jobs of one carrier a worker process runs at once (its SMS worker's concurrency). They share the
 * provider's window (ProviderWindows): with one batch at a time, every batch's end drained the window for a round
 * trip to the SMSC before the next could claim.
 */
export const SMS_BATCHES_AT_ONCE = 2;

/**
 * Messages in flight per provider: the carrier row's `connection.window` (default 100, at most 1,000), the SMPP
 * window its contract allows, shared by the batches running at once. The send pipeline claims a quarter of it at a
 * time, as soon as there is room.
 */
export function sendWindow(configured: unknown): number {
  return positiveInt(configured, { max: 1000 }) ?? DEFAULT_SEND_WINDOW;
}

/** A carrier's daily quota from its row (`connection.dailyQuota`): a positive whole number, or none. */
export function dailyQuota(configured: unknown): number | null {
  return positiveInt(configured);
}

/** How long a batch that breaks its carrier's rules waits before it is tried again (the row may be fixed meanwhile). */
const CARRIER_RULES_RETRY_MS = 15 * 60_000;

/** Sends one batch of SMS rows of one carrier through that carrier's provider. */
@Injectable()
export class SmsDispatchService {
  private readonly logger = new Logger(SmsDispatchService.name);
  private readonly windows = new ProviderWindows();
  constructor(
    private readonly batches: SmsBatchRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly runner: BatchRunner,
    private readonly audit: AuditService,
    private readonly autoPause: CarrierAutoPause,
    private readonly deliveries: DeliveriesRepository,
    private readonly pauses: CarrierPausesRepository,
    @Optional() @Inject(LoaMetrics) private readonly metrics: LoaMetrics | null = null,
  ) {}

  /**
   * Sends the batch now, or says until when it must wait (quiet hours). An emergency campaign sends anyway, and
   * each batch it sends inside quiet hours is audited.
   */
  async sendBatch(
    job: SmsSendJob,
    provider: SmsProvider,
    now: Date = new Date(),
  ): Promise<BatchRunResult | { deferUntil: Date }> {
    // While the batch's context is read: its rows, and those whose number opted out since the fan-out set aside.
    const [deliveryIds, { campaign, carrier, plan, pause }] = await Promise.all([
      this.deliveries.idsOfBatch(job.campaignId, 'sms', job.carrierCode, job).then(async (ids) => {
        await this.batches.skipOptedOut(ids);
        return ids;
      }),
      this.batches.context(job.campaignId, job.carrierCode),
    ]);
    const hours = this.config.sms;
    if (hours.quietHoursEnabled) {
      const decision = checkSendingWindow(now, {
        start: hours.windowStart,
        end: hours.windowEnd,
        timeZone: hours.timeZone,
      });
      if (!decision.allowed) {
        if (!campaign.emergency) {
          await this.runner.noteDeferred(campaign.id, decision.nextAllowedAt);
          return { deferUntil: decision.nextAllowedAt };
        }
        await this.recordOverride(campaign, 'campaign.quiet_hours_override', {
          carrier: job.carrierCode,
          rows: deliveryIds.length,
          at: now.toISOString(),
        });
      }
    }
    const content = plan.content as { text: string; stripDiacritics?: boolean };
    // The carrier's rules on the real send path (sender name, parts over its cap): a plan checked before approval
    // can still meet a carrier row changed since; then nothing goes out and the batch waits for the fix.
    const rendering = renderUnderCarrierRules(
      markRehearsal(campaign.mode, content.text),
      { code: carrier.code, senderName: carrier.senderName, connection: carrier.connection },
      content.stripDiacritics ?? false,
    );
    if (rendering.errors.length) {
      this.logger.warn(`campaign ${campaign.id}: not sent, ${rendering.errors.join('; ')}`);
      await this.recordOverride(campaign, 'campaign.carrier_rules_hold', {
        carrier: job.carrierCode,
        rows: deliveryIds.length,
        errors: rendering.errors,
      });
      const deferUntil = new Date(now.getTime() + CARRIER_RULES_RETRY_MS);
      await this.runner.noteDeferred(campaign.id, deferUntil);
      return { deferUntil };
    }
    const text = rendering.text;
    const cap = this.dailyCap(campaign, now);
    const quota = this.carrierQuota(campaign, job.carrierCode, carrier.connection.dailyQuota, now);
    const window = sendWindow(carrier.connection.window);
    const observe = this.observer(job.carrierCode);
    const watch = this.autoPause.watch(campaign, job.carrierCode);
    // The batch's first status check is answered by the context just read (the carrier's pause with the campaign);
    // the later ones read the campaign and the pause together, in one statement.
    let justRead: { campaign: BatchStatus['campaign']; pause: PauseState } | null = pause ? { campaign, pause } : null;
    const status = async (): Promise<BatchStatus> => {
      const read = justRead ?? (await this.pauses.batchStatus(campaign.id, job.carrierCode));
      justRead = null;
      return { campaign: read.campaign, channelStop: (await watch.stopped(read.pause)) ? 'carrier-paused' : null };
    };
    return this.runner.run(
      job.campaignId,
      deliveryIds,
      async (row) => {
        const outcome = await observe(() =>
          provider.send({ msisdn: row.recipientKey, senderName: carrier.senderName, text }),
        );
        watch.record(outcome);
        // Not handed to the carrier after all: give the subscriber's daily slot and the carrier's quota back.
        if (outcome.kind === 'retry-later' || outcome.kind === 'rejected') {
          await cap.giveBack(row.recipientKey);
          await quota.giveBack(1);
        }
        return outcome;
      },
      {
        // Shared with the carrier's other batch running in this process (SMS_BATCHES_AT_ONCE).
        window: this.windows.of(provider, window),
        // A window with room for it is filled by one claim (fewer, larger statements when PostgreSQL is busiest).
        firstClaim: window,
        // About once per window: pause and cancel still act within a batch, at little cost per message.
        statusCheckEvery: Math.max(50, window),
        // The campaign paused, cancelled or ended, or the carrier paused for it by its failure rate (here or by
        // another worker): the rows not claimed stay queued (or are cancelled, expired).
        status,
        // Receipts that overtook their submit responses count toward the auto-pause like the others.
        earlyReceiptsApplied: (receipts) => this.autoPause.recordReceipts(receipts),
        // The carrier's quota first (one statement), then the subscribers' cap on what the quota let through.
        hold: async (rows) => {
          const overQuota = await quota.hold(rows);
          const rest = rows.filter((r) => !overQuota.has(r.id));
          const capped = await cap.hold(rest.map((r) => ({ id: r.id, msisdn: r.recipientKey })));
          await quota.giveBack(capped.size);
          return new Map([...overQuota, ...capped]);
        },
      },
      now,
    );
  }

  /** Times one submission and counts what it came to (metrics are optional: absent in unit tests). */
  private observer(carrierCode: string) {
    const m = this.metrics;
    if (!m) return <T extends { kind: string }>(send: () => Promise<T>) => send();
    const inFlight = m.smsInFlight.labels(carrierCode);
    const seconds = m.smsSubmitSeconds.labels(carrierCode);
    return async <T extends { kind: string }>(send: () => Promise<T>): Promise<T> => {
      inFlight.inc();
      const stop = seconds.startTimer();
      try {
        const outcome = await send();
        m.smsOutcomes.labels(carrierCode, outcome.kind).inc();
        return outcome;
      } catch (e) {
        m.smsOutcomes.labels(carrierCode, 'error').inc();
        throw e;
      } finally {
        stop();
        inFlight.dec();
      }
    };
  }

  /** Today's date in the SMS time zone (the key of daily counts) and when the next local day starts. */
  private localDay(now: Date): { day: string; nextDay: Date } {
    const { timeZone } = this.config.sms;
    return {
      day: localDateKey(now, timeZone),
      nextDay: firstInstantAt(addDays(wallTimeAt(now, timeZone), 1), timeZone),
    };
  }

  /** A system decision on a campaign's sending (an emergency past a limit, a batch held): one audit event. */
  private recordOverride(campaign: CampaignEntity, action: string, after: Record<string, unknown>): Promise<void> {
    return this.audit.record({
      actor: SYSTEM_ACTOR,
      organizationId: campaign.organizationId,
      action,
      targetType: 'campaign',
      targetId: campaign.id,
      after,
    });
  }

  /**
   * The carrier's daily quota (`connection.dailyQuota`, messages per local day across every worker; none when
   * unset). Rows past it wait for the next local day; an emergency campaign goes over it, audited once per batch.
   */
  private carrierQuota(campaign: CampaignEntity, carrierCode: string, configured: unknown, now: Date) {
    const quota = dailyQuota(configured);
    const { day, nextDay } = this.localDay(now);
    let overrideAudited = false;
    return {
      hold: async (rows: Array<{ id: string }>): Promise<Map<string, SendOutcome>> => {
        const held = new Map<string, SendOutcome>();
        if (quota === null || !rows.length) return held;
        const { granted, total } = await this.batches.takeCarrierQuota(
          carrierCode,
          day,
          rows.length,
          quota,
          campaign.emergency,
        );
        if (total > quota && !overrideAudited) {
          overrideAudited = true;
          await this.recordOverride(campaign, 'campaign.carrier_quota_override', {
            carrier: carrierCode,
            dailyQuota: quota,
            day,
          });
        }
        for (const r of rows.slice(granted)) {
          held.set(r.id, {
            kind: 'deferred',
            until: nextDay,
            error: carrierQuotaDeferral(carrierCode, quota, nextDay),
          });
        }
        return held;
      },
      giveBack: async (n: number): Promise<void> => {
        if (quota !== null) await this.batches.giveBackCarrierQuota(carrierCode, day, n);
      },
    };
  }

  /**
   * The per-subscriber daily cap across all campaigns, counted atomically in Postgres per local day. A capped
   * message waits for the next local day; an emergency campaign goes over the cap, audited once per batch.
   */
  private dailyCap(campaign: CampaignEntity, now: Date) {
    const { dailyCap } = this.config.sms;
    const { day, nextDay } = this.localDay(now);
    let overrideAudited = false;
    return {
      /** Takes a chunk's daily slots in one statement; the numbers at their cap wait for the next local day. */
      hold: async (rows: Array<{ id: string; msisdn: string }>): Promise<Map<string, SendOutcome>> => {
        const held = new Map<string, SendOutcome>();
        if (dailyCap <= 0 || !rows.length) return held;
        const counts = await this.batches.takeDailySlots(
          rows.map((r) => r.msisdn),
          day,
          dailyCap,
          campaign.emergency,
        );
        if ([...counts.values()].some((n) => n > dailyCap) && !overrideAudited) {
          overrideAudited = true;
          await this.recordOverride(campaign, 'campaign.daily_cap_override', { dailyCap, day });
        }
        for (const r of rows) {
          if (counts.has(r.msisdn)) continue;
          held.set(r.id, {
            kind: 'deferred',
            until: nextDay,
            error: dailyCapDeferral(dailyCap, nextDay),
          });
        }
        return held;
      },
      giveBack: async (msisdn: string): Promise<void> => {
        if (dailyCap <= 0) return;
        await this.batches.giveBackDailySlot(msisdn, day);
      },
    };
  }
}
