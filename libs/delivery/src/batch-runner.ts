import { retryTransient } from '@loa/db';
import { Injectable, Logger } from '@nestjs/common';
import { ClaimedRow, DeliveriesRepository } from './deliveries.repository';
import { ReceiptSettlement } from './receipt-settlement';
import { ENDED_BEFORE_SENT, campaignWindowStop } from './campaign-window';
import { RetryLaterError, SendOutcome } from './send-outcome';

export interface BatchRunOptions {
  /** Messages in flight at once within the batch. */
  concurrency: number;
  /** Re-read the campaign status every this many rows, so pause/cancel act within one batch. */
  statusCheckEvery: number;
}

export interface BatchRunResult {
  claimed: number;
  accepted: number;
  rejected: number;
  ambiguous: number;
  /** Rows held back by a rule (daily cap) until a later time. */
  deferred: number;
  stoppedBy: 'paused' | 'cancelled' | 'not-running' | 'not-started' | 'ended' | null;
  /** Set when the campaign has not started: run the batch again then (the caller delays its job). */
  deferUntil?: Date;
}

type Stop = BatchRunResult['stoppedBy'];

type CampaignState = { status: string; startsAt: Date; endsAt: Date } | null;

function stopReason(state: CampaignState, now: Date): Stop {
  const status = state?.status ?? null;
  if (status === 'paused') return 'paused';
  if (status === 'cancelled' || status === 'completed') return 'cancelled';
  if (status !== 'running' || !state) return 'not-running';
  const window = campaignWindowStop(now, state);
  return window === null ? null : window.kind === 'before' ? 'not-started' : 'ended';
}

/**
 * Runs one batch job. Each row is claimed (queued → sending, compare-and-set) just before it is handed to the
 * provider and its outcome persisted right after, so a worker killed mid-batch leaves at most `concurrency` rows
 * ambiguous (`sending`, later reported `unknown`, never re-sent) and the rest `queued` for the next attempt.
 */
@Injectable()
export class BatchRunner {
  private readonly logger = new Logger(BatchRunner.name);

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly receipts: ReceiptSettlement,
  ) {}

  async run(
    campaignId: string,
    deliveryIds: string[],
    send: (row: ClaimedRow) => Promise<SendOutcome>,
    opts: BatchRunOptions,
    now: Date = new Date(),
  ): Promise<BatchRunResult> {
    const result: BatchRunResult = { claimed: 0, accepted: 0, rejected: 0, ambiguous: 0, deferred: 0, stoppedBy: null };
    // The clock starts at `now` (tests inject it) and runs on.
    const started = Date.now();
    const clock = () => new Date(now.getTime() + (Date.now() - started));
    const state = await this.deliveries.campaignState(campaignId);
    result.stoppedBy = stopReason(state, now);
    if (result.stoppedBy === 'not-started') return { ...result, deferUntil: state!.startsAt };
    let next = 0;
    let retryError: string | null = null;
    let throttled = false;
    let fatal: unknown = null;
    let sinceCheck = 0;

    const loop = async (): Promise<void> => {
      while (next < deliveryIds.length && !result.stoppedBy && retryError === null && fatal === null) {
        if (sinceCheck >= opts.statusCheckEvery) {
          sinceCheck = 0;
          result.stoppedBy = stopReason(await this.deliveries.campaignState(campaignId), clock());
          if (result.stoppedBy) break;
        }
        if (next >= deliveryIds.length) break; // another loop took the last row while this one awaited
        const id = deliveryIds[next++];
        const row = await this.deliveries.claimOne(campaignId, id);
        if (!row) continue; // already sent, cancelled or owned by another worker
        sinceCheck++;
        result.claimed++;
        const outcome = await send(row);
        // The outcome exists only in memory until stored: a PostgreSQL restart must not turn a known result into
        // `unknown` (and an accepted message whose id is lost can never match its receipt).
        await retryTransient(
          () => this.recordOutcome(row, outcome),
          undefined,
          (e, attempt) =>
            this.logger.warn(
              `row ${row.id}: storing its ${outcome.kind} outcome failed (${e.message}); retry ${attempt}`,
            ),
        );
        if (outcome.kind === 'retry-later') {
          retryError = outcome.error;
          throttled ||= outcome.throttled ?? false;
        } else {
          result[outcome.kind]++;
        }
      }
    };
    // Every loop stops taking rows on the first exception; a row whose send threw stays `sending` and the
    // reconciler reports it as unknown, so it is never sent twice.
    const worker = (): Promise<void> =>
      loop().catch((e: unknown) => {
        fatal ??= e;
      });
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, deliveryIds.length)) }, worker));
    if (result.stoppedBy === 'cancelled') await this.deliveries.cancelQueued(campaignId, deliveryIds.slice(next));
    if (result.stoppedBy === 'ended') {
      await this.deliveries.expireQueued(campaignId, deliveryIds.slice(next), ENDED_BEFORE_SENT);
    }
    if (fatal !== null) throw fatal;
    if (retryError !== null) throw new RetryLaterError(retryError, throttled);
    if (result.stoppedBy) this.logger.log(`batch of ${campaignId} stopped: ${result.stoppedBy}`);
    return result;
  }

  /** Persists what the provider answered for a row this worker owns (each a compare-and-set on `sending`). */
  private async recordOutcome(row: ClaimedRow, outcome: SendOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'accepted': {
        await this.deliveries.markSent(row.id, outcome.providerMessageId, outcome.final, outcome.partIds);
        // Receipts may have come before the ids were stored (kept in early_receipts): apply them now.
        if (outcome.final || !row.carrierCode || outcome.providerMessageId === null) return;
        const ids = outcome.partIds?.length ? outcome.partIds : [outcome.providerMessageId];
        await this.receipts.afterStored(row.carrierCode, ids);
        return;
      }
      case 'rejected':
        return this.deliveries.markFailed(row.id, outcome.error);
      case 'ambiguous':
        return this.deliveries.markUnknown(row.id, outcome.error);
      case 'deferred':
        return this.deliveries.release([row.id], outcome.error, outcome.until);
      case 'retry-later':
        return this.deliveries.release([row.id], outcome.error);
    }
  }
}
