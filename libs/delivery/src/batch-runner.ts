import { retryTransient } from '@loa/db';
import { Injectable, Logger } from '@nestjs/common';
import { ClaimedRow, DeliveriesRepository } from './deliveries.repository';
import { ReceiptSettlement } from './receipt-settlement';
import { ENDED_BEFORE_SENT, campaignWindowStop } from './campaign-window';
import { RetryLaterError, SendOutcome } from './send-outcome';

export interface BatchRunOptions {
  /** Lanes working at once within the batch; each has `chunk` messages in flight. */
  concurrency: number;
  /** Re-read the campaign status every this many rows, so pause/cancel act within one batch. */
  statusCheckEvery: number;
  /**
   * Rows a lane claims, sends and records together: one statement claims them, their sends go out at once, one
   * statement per outcome records them. 1 (the default) goes row by row. A worker killed mid-send leaves at most
   * `concurrency × chunk` rows `sending` (later `unknown`, never re-sent).
   */
  chunk?: number;
  /**
   * Rows of a claimed chunk that must not go now (a daily cap), with what becomes of them; the others are sent.
   * One call per chunk, so a rule kept in the database costs one statement per chunk, not per message.
   */
  hold?: (rows: ClaimedRow[]) => Promise<Map<string, SendOutcome>>;
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
 * Runs one batch job. Rows are claimed (queued → sending, compare-and-set) just before they are handed to the
 * provider and their outcomes persisted right after, a chunk at a time, so a worker killed mid-batch leaves at most
 * `concurrency × chunk` rows ambiguous (`sending`, later reported `unknown`, never re-sent) and the rest `queued` for
 * the next attempt.
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
    const chunk = Math.max(1, opts.chunk ?? 1);
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
        if (next >= deliveryIds.length) break; // another lane took the last rows while this one awaited
        const ids = deliveryIds.slice(next, next + chunk);
        next += ids.length;
        const rows = await this.deliveries.claimMany(campaignId, ids); // the others: sent, cancelled or another's
        if (!rows.length) continue;
        sinceCheck += rows.length;
        result.claimed += rows.length;
        const held = opts.hold ? await opts.hold(rows) : new Map<string, SendOutcome>();
        const settled = await Promise.allSettled(rows.map((row) => held.get(row.id) ?? send(row)));
        const outcomes = rows.flatMap((row, i) => {
          const s = settled[i];
          return s.status === 'fulfilled' ? [{ row, outcome: s.value }] : [];
        });
        // The outcomes exist only in memory until stored: a PostgreSQL restart must not turn a known result into
        // `unknown` (and an accepted message whose id is lost can never match its receipt).
        await retryTransient(
          () => this.recordOutcomes(outcomes),
          undefined,
          (e, attempt) =>
            this.logger.warn(`storing ${outcomes.length} outcomes failed (${e.message}); retry ${attempt}`),
        );
        for (const { outcome } of outcomes) {
          if (outcome.kind === 'retry-later') {
            retryError = outcome.error;
            throttled ||= outcome.throttled ?? false;
          } else {
            result[outcome.kind]++;
          }
        }
        // A send that threw leaves its row `sending`: the reconciler reports it unknown, never sent twice.
        const failure = settled.find((s) => s.status === 'rejected');
        if (failure) throw (failure as PromiseRejectedResult).reason;
      }
    };
    // Every lane stops taking rows on the first exception.
    const lane = (): Promise<void> =>
      loop().catch((e: unknown) => {
        fatal ??= e;
      });
    const lanes = Math.max(1, Math.min(opts.concurrency, Math.ceil(deliveryIds.length / chunk)));
    await Promise.all(Array.from({ length: lanes }, lane));
    if (result.stoppedBy === 'cancelled') await this.deliveries.cancelQueued(campaignId, deliveryIds.slice(next));
    if (result.stoppedBy === 'ended') {
      await this.deliveries.expireQueued(campaignId, deliveryIds.slice(next), ENDED_BEFORE_SENT);
    }
    if (fatal !== null) throw fatal;
    if (retryError !== null) throw new RetryLaterError(retryError, throttled);
    if (result.stoppedBy) this.logger.log(`batch of ${campaignId} stopped: ${result.stoppedBy}`);
    return result;
  }

  /**
   * Persists what the provider answered for rows this worker owns, one statement per kind of outcome (each a
   * compare-and-set on `sending`), then applies receipts that came before the message ids (early_receipts).
   */
  private async recordOutcomes(outcomes: Array<{ row: ClaimedRow; outcome: SendOutcome }>): Promise<void> {
    const sent: Parameters<DeliveriesRepository['markSentMany']>[0] = [];
    const failed: Array<{ id: string; error: string }> = [];
    const unknown: Array<{ id: string; error: string }> = [];
    const released = new Map<string, { ids: string[]; error: string; until: Date | null }>();
    const awaiting = new Map<string, string[]>(); // carrier → message ids whose receipt is still to come
    for (const { row, outcome } of outcomes) {
      switch (outcome.kind) {
        case 'accepted': {
          sent.push({
            id: row.id,
            providerMessageId: outcome.providerMessageId,
            final: outcome.final,
            partIds: outcome.partIds,
          });
          if (outcome.final || !row.carrierCode || outcome.providerMessageId === null) break;
          const ids = outcome.partIds?.length ? outcome.partIds : [outcome.providerMessageId];
          awaiting.set(row.carrierCode, [...(awaiting.get(row.carrierCode) ?? []), ...ids]);
          break;
        }
        case 'rejected':
          failed.push({ id: row.id, error: outcome.error });
          break;
        case 'ambiguous':
          unknown.push({ id: row.id, error: outcome.error });
          break;
        case 'deferred':
        case 'retry-later': {
          const until = outcome.kind === 'deferred' ? outcome.until : null;
          const key = `${outcome.error}\u0000${until?.toISOString() ?? ''}`;
          const group = released.get(key) ?? { ids: [], error: outcome.error, until };
          group.ids.push(row.id);
          released.set(key, group);
          break;
        }
      }
    }
    await this.deliveries.markSentMany(sent);
    await this.deliveries.markEndedMany('failed', failed);
    await this.deliveries.markEndedMany('unknown', unknown);
    for (const g of released.values()) await this.deliveries.release(g.ids, g.error, g.until);
    for (const [carrierCode, ids] of awaiting) await this.receipts.afterStored(carrierCode, ids);
  }
}
