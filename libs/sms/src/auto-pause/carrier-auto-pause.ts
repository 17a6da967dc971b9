import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, SYSTEM_ACTOR } from '@loa/audit';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { SendOutcome } from '@loa/delivery';
import { SmsBatchRepository } from '../sms-batch.repository';
import { CarrierPausesRepository, PauseState } from './carrier-pauses.repository';
import { FailureWindow, countedBeforeResume } from './failure-window';

/** What one batch asks of the auto-pause: count each outcome, and whether to stop. */
export interface PauseWatch {
  record(outcome: SendOutcome): void;
  /**
   * True once this carrier is paused for the campaign (by this batch, or by another worker). `known`: its pause state
   * as the caller has just read it with the campaign (else it is read here).
   */
  stopped(known?: PauseState): Promise<boolean>;
}

/** Windows kept per process (campaigns × carriers, submissions and receipts), at most 500 outcomes each. */
const MAX_WINDOWS = 2_000;

/** A window of outcomes, and how many resumes of its carrier this process knew of when it began. */
interface WindowEntry {
  window: FailureWindow;
  resumesAtStart: number;
}

/**
 * Outcomes that count as failures: the carrier refused the message, or could not take it at all (not bound, SMSC
 * error). Throttling is the carrier pacing us, not a failure; deferrals and ambiguous outcomes are not counted.
 */
function failureOf(outcome: SendOutcome): string | null {
  if (outcome.kind === 'rejected') return outcome.error;
  if (outcome.kind === 'retry-later' && !outcome.throttled) return outcome.error;
  return null;
}

/**
 * Pauses a carrier's sending for one campaign by itself when its failure rate over a sliding window crosses the
 * threshold (SMS_AUTO_PAUSE_WINDOW outcomes, SMS_AUTO_PAUSE_PERCENT): the pause is stored and audited before any
 * batch stops for it; rows not yet sent stay queued until an operator resumes the carrier. Each worker process
 * keeps its own window per campaign and carrier (a restart starts it afresh; a window begun before the carrier's
 * last resume is dropped at a batch's next check, told by the count of resumes, not by a clock); the pause, in
 * PostgreSQL, stops every worker's batches at their next status check.
 */
@Injectable()
export class CarrierAutoPause {
  private readonly logger = new Logger(CarrierAutoPause.name);
  /** Per campaign and carrier: the window of submissions (`campaign:carrier`) and of receipts (`receipts:…`). */
  private readonly windows = new Map<string, WindowEntry>();
  /** Per `campaign:carrier`: how many resumes this process last read; a window begun now starts from it. */
  private readonly resumesSeen = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pauses: CarrierPausesRepository,
    private readonly audit: AuditService,
    private readonly batches: SmsBatchRepository,
  ) {}

  /** Forgets the windows of a campaign and carrier (paused: they start afresh when resumed). */
  forget(campaignId: string, carrierCode: string): void {
    this.windows.delete(`${campaignId}:${carrierCode}`);
    this.windows.delete(`receipts:${campaignId}:${carrierCode}`);
  }

  /**
   * Final receipts of messages a carrier accepted: a second window per campaign and carrier, by the same rule, for
   * the carrier that takes every message and then fails it (UNDELIV, REJECTD: a blocked sender name, a carrier-side
   * outage). When it trips for a running campaign, the pause is stored and audited as for refused submissions; a
   * window begun before the carrier's last resume for the campaign is dropped instead.
   */
  async recordReceipts(
    receipts: ReadonlyArray<{
      campaignId: string;
      carrierCode: string;
      outcome: 'delivered' | 'failed';
      error: string | null;
    }>,
  ): Promise<void> {
    const rule = this.config.sms.autoPause;
    if (rule.size <= 0) return;
    const tripped = new Map<string, { campaignId: string; carrierCode: string } & WindowEntry>();
    for (const r of receipts) {
      const key = `receipts:${r.campaignId}:${r.carrierCode}`;
      const entry = this.entryFor(key, `${r.campaignId}:${r.carrierCode}`);
      entry.window.record(r.outcome === 'failed', r.error ?? undefined);
      if (entry.window.tripped) tripped.set(key, { ...r, ...entry });
    }
    for (const [key, t] of tripped) {
      this.windows.delete(key);
      const [campaign, state] = await Promise.all([
        this.batches.runningCampaign(t.campaignId),
        this.stateOf(t.campaignId, t.carrierCode),
      ]);
      // Finished (nothing left to stop), paused already, or counted partly before an operator resumed it.
      if (!campaign || state.open || countedBeforeResume(t.resumesAtStart, state.resumes)) continue;
      await this.pause(campaign, t.carrierCode, t.window);
    }
  }

  /**
   * The window under `key`, begun now if there is none. Windows of finished campaigns are never asked for again, so
   * the oldest begun goes when there are more than MAX_WINDOWS (a window still in use would start afresh).
   */
  private entryFor(key: string, pair: string): WindowEntry {
    let entry = this.windows.get(key);
    if (!entry) {
      // Not asked yet counts as no resume: a resume this process has not read then drops the window (conservative).
      entry = { window: new FailureWindow(this.config.sms.autoPause), resumesAtStart: this.resumesSeen.get(pair) ?? 0 };
      boundedSet(this.windows, key, entry);
    }
    return entry;
  }

  /** The carrier's pause state for the campaign; windows begun from now on start from its count of resumes. */
  private async stateOf(campaignId: string, carrierCode: string, known?: PauseState): Promise<PauseState> {
    const state = known ?? (await this.pauses.state(campaignId, carrierCode));
    const pair = `${campaignId}:${carrierCode}`;
    boundedSet(this.resumesSeen, pair, Math.max(state.resumes, this.resumesSeen.get(pair) ?? 0));
    return state;
  }

  watch(campaign: { id: string; organizationId: string }, carrierCode: string): PauseWatch {
    const key = `${campaign.id}:${carrierCode}`;
    const current = (): FailureWindow => this.entryFor(key, key).window;
    let paused = false;
    let pausing: Promise<void> | null = null;
    return {
      record: (outcome) => {
        if (paused || outcome.kind === 'deferred' || outcome.kind === 'ambiguous') return;
        const error = failureOf(outcome);
        const window = current();
        window.record(error !== null, error ?? undefined);
        if (window.tripped && !pausing) pausing = this.pause(campaign, carrierCode, window);
      },
      stopped: async (known) => {
        if (pausing) {
          await pausing;
          paused = true;
        }
        if (!paused) {
          const state = await this.stateOf(campaign.id, carrierCode, known);
          paused = state.open;
          // Outcomes counted before an operator resumed the carrier (here or in another worker) no longer count.
          const entry = this.windows.get(key);
          if (!paused && entry && countedBeforeResume(entry.resumesAtStart, state.resumes)) this.windows.delete(key);
        }
        if (paused) this.forget(campaign.id, carrierCode);
        return paused;
      },
    };
  }

  /** Stores and audits the pause (once, whichever worker trips first). */
  private async pause(
    campaign: { id: string; organizationId: string },
    carrierCode: string,
    window: FailureWindow,
  ): Promise<void> {
    const { failures, size, samples } = window.summary;
    try {
      await this.pauses.transaction(async (m) => {
        const opened = await this.pauses.pause(m, {
          campaignId: campaign.id,
          carrierCode,
          failures,
          windowSize: size,
          samples,
        });
        if (!opened) return;
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            organizationId: campaign.organizationId,
            action: 'campaign.carrier_auto_pause',
            targetType: 'campaign',
            targetId: campaign.id,
            after: { carrier: carrierCode, failures, window: size, samples },
          },
          m,
        );
      });
      this.logger.warn(`campaign ${campaign.id}: ${carrierCode} paused, ${failures} of ${size} failed`);
    } catch (e) {
      this.logger.error(`campaign ${campaign.id}: pausing ${carrierCode} failed: ${(e as Error).message}`);
      throw e;
    }
  }
}

/** Sets `key` in a map kept to MAX_WINDOWS entries: the oldest set goes (a window still in use starts afresh). */
function boundedSet<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_WINDOWS) map.delete(map.keys().next().value!);
}
