import { APP_CONFIG, AppConfig } from '@loa/config';
import { retryTransient } from '@loa/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OncePerInterval } from './once-per-interval';
import { PendingReceiptLookups, ReceiptLookup } from './receipt-lookups';
import { AppliedReceipt, ClaimedRow, DeliveriesRepository, SentRow } from './deliveries.repository';
import { ReceiptSettlement } from './receipt-settlement';
import { ENDED_BEFORE_SENT, campaignWindowStop } from './campaign-window';
import { RetryLaterError, SendOutcome } from './send-outcome';
import { StoreGrouping, runSendPipeline } from './send-pipeline';
import { SendWindow } from './send-window';

export interface BatchRunOptions {
  /**
   * Rows claimed and not yet recorded, at most (see SendPipelineLimits.window): the messages in flight. A worker
   * killed mid-send leaves at most this many rows `sending` (later `unknown`, never re-sent). A SendWindow is shared
   * by the batches running at once on one transport, so the bound holds for the process.
   */
  window: number | SendWindow;
  /** Rows one claim statement takes (default: a quarter of the window). */
  claimChunk?: number;
  /** Rows the batch's first claim may take when the window has them free (see SendPipelineLimits.firstClaim). */
  firstClaim?: number;
  /** How outcomes are stored (see StoreGrouping; default: up to 3 stores at once, no gathering). */
  stores?: StoreGrouping;
  /** Re-read the campaign status every this many rows, so pause/cancel act within one batch. */
  statusCheckEvery: number;
  /**
   * Rows of a claimed chunk that must not go now (a daily cap), with what becomes of them; the others are sent.
   * One call per chunk, so a rule kept in the database costs one statement per chunk, not per message.
   */
  hold?: (rows: ClaimedRow[]) => Promise<Map<string, SendOutcome>>;
  /**
   * The campaign's status and window with a reason of the channel's own to stop (a carrier paused for the
   * campaign), read together — asked before the first claim and at every status check; the rows not claimed stay
   * queued when it says stop. Default: the campaign's status and window alone. A channel that read the campaign
   * for the batch just before answers the first call from that read: one statement fewer per batch.
   */
  status?: () => Promise<BatchStatus>;
  /**
   * Receipts that came before their message ids and were applied once the ids were stored (an SMSC that answers the
   * receipt first): told to the channel as the receipt paths tell theirs (the SMS auto-pause counts them).
   */
  earlyReceiptsApplied?: (receipts: AppliedReceipt[]) => Promise<void>;
}

/** What a status check reads: the campaign's status and window (null: no such campaign), and the channel's stop. */
export interface BatchStatus {
  campaign: CampaignState;
  channelStop: 'carrier-paused' | null;
}

export interface BatchRunResult {
  claimed: number;
  accepted: number;
  rejected: number;
  ambiguous: number;
  /** Rows held back by a rule (daily cap) until a later time. */
  deferred: number;
  stoppedBy: 'paused' | 'carrier-paused' | 'cancelled' | 'not-running' | 'not-started' | 'ended' | null;
  /** Set when the campaign has not started: run the batch again then (the caller delays its job). */
  deferUntil?: Date;
}

type Stop = BatchRunResult['stoppedBy'];
type StopReason = NonNullable<Stop>;

export type CampaignState = { status: string; startsAt: Date; endsAt: Date } | null;

function stopReason(state: CampaignState, now: Date): StopReason | null {
  const status = state?.status ?? null;
  if (status === 'paused') return 'paused';
  if (status === 'cancelled' || status === 'completed') return 'cancelled';
  if (status !== 'running' || !state) return 'not-running';
  const window = campaignWindowStop(now, state);
  return window === null ? null : window.kind === 'before' ? 'not-started' : 'ended';
}

/**
 * Runs one batch job. Rows are claimed (queued → sending, compare-and-set) just before they are handed to the
 * provider and their outcomes persisted as they come (runSendPipeline), so a worker killed mid-batch leaves at most
 * `window` rows ambiguous (`sending`, later reported `unknown`, never re-sent) and the rest `queued` for the next
 * attempt.
 */
@Injectable()
export class BatchRunner {
  private readonly logger = new Logger(BatchRunner.name);

  /** When this process last wrote that a batch of each campaign started (see noteStarted). */
  private readonly started: OncePerInterval;
  /** The deferrals this process wrote, by campaign and time (see noteDeferred). */
  private readonly deferred: OncePerInterval;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly receipts: ReceiptSettlement,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // Well within the reconciler's patience: a campaign whose batches still start is never taken for lost work.
    const every = Math.min(10_000, (config.delivery.requeueAfterSeconds * 1000) / 4);
    this.started = new OncePerInterval(every);
    this.deferred = new OncePerInterval(every);
  }

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
    const readStatus =
      opts.status ??
      (async (): Promise<BatchStatus> => ({
        campaign: await this.deliveries.campaignState(campaignId),
        channelStop: null,
      }));
    const first = await readStatus();
    result.stoppedBy = stopReason(first.campaign, now);
    if (result.stoppedBy === 'not-started') {
      await this.noteDeferred(campaignId, first.campaign!.startsAt);
      return { ...result, deferUntil: first.campaign!.startsAt };
    }
    result.stoppedBy ??= first.channelStop;
    if (result.stoppedBy) {
      await this.endUnclaimed(campaignId, result.stoppedBy, deliveryIds);
      this.logger.log(`batch of ${campaignId} stopped: ${result.stoppedBy}`);
      return result;
    }
    await this.noteStarted(campaignId);
    const window = typeof opts.window === 'number' ? new SendWindow(opts.window) : opts.window;
    const lookups = new PendingReceiptLookups();
    const pipeline = await runSendPipeline(
      deliveryIds,
      {
        claim: (ids) => this.deliveries.claimMany(campaignId, ids),
        hold: (rows) => (opts.hold ? opts.hold(rows) : Promise.resolve(new Map())),
        send,
        // The outcomes exist only in memory until stored: a PostgreSQL restart must not turn a known result into
        // `unknown` (and an accepted message whose id is lost can never match its receipt).
        record: (outcomes) =>
          this.withLookup(lookups, (earlier) =>
            retryTransient(
              () => this.recordOutcomes(outcomes, earlier, null, opts.earlyReceiptsApplied),
              undefined,
              (e, attempt) =>
                this.logger.warn(`storing ${outcomes.length} outcomes failed (${e.message}); retry ${attempt}`),
            ),
          ).then(() => undefined),
        // One attempt: when it fails, the pipeline stores the outcomes through `record` (which retries) and stops.
        recordAndClaim: (outcomes, claim) =>
          this.withLookup(lookups, (earlier) =>
            this.recordOutcomes(outcomes, earlier, { campaignId, ids: claim }, opts.earlyReceiptsApplied),
          ),
        stopReason: async () => {
          const status = await readStatus();
          return stopReason(status.campaign, clock()) ?? status.channelStop;
        },
      },
      {
        window,
        claimChunk: opts.claimChunk ?? Math.ceil(window.size / 4),
        firstClaim: opts.firstClaim,
        statusCheckEvery: opts.statusCheckEvery,
        stores: opts.stores,
      },
    );
    result.stoppedBy = pipeline.stoppedBy;
    result.claimed = pipeline.claimed;
    result.accepted = pipeline.counts.accepted;
    result.rejected = pipeline.counts.rejected;
    result.ambiguous = pipeline.counts.ambiguous;
    result.deferred = pipeline.counts.deferred;
    await this.endUnclaimed(campaignId, result.stoppedBy, pipeline.unclaimed);
    try {
      await this.lookUpEarlyReceipts(lookups.drain(), opts.earlyReceiptsApplied);
    } catch (e) {
      if (pipeline.fatal === null) throw e;
      this.logger.error(`early receipts not looked up after a failed batch: ${(e as Error).message}`);
    }
    if (pipeline.fatal !== null) throw pipeline.fatal;
    if (pipeline.retryLater) throw new RetryLaterError(pipeline.retryLater.error, pipeline.retryLater.throttled);
    if (result.stoppedBy) this.logger.log(`batch of ${campaignId} stopped: ${result.stoppedBy}`);
    return result;
  }

  /**
   * Writes that a batch of the campaign started, every few seconds at most per process: the reconciler's sign that
   * rows queued for long are waiting their turn, not lost.
   */
  private async noteStarted(campaignId: string): Promise<void> {
    if (this.started.due(campaignId, Date.now())) await this.note(this.started, campaignId, campaignId, 'now');
  }

  /**
   * Writes that a batch of the campaign was put off until `until` (quiet hours, the campaign's start, a carrier row
   * to fix) and will run then: its rows are held, not lost, until a while after that. Once per campaign and time.
   */
  async noteDeferred(campaignId: string, until: Date): Promise<void> {
    const key = `${campaignId} ${until.getTime()}`;
    if (this.deferred.due(key, Date.now())) await this.note(this.deferred, key, campaignId, until);
  }

  /** Advice: a failed write is logged (and tried again next time), and the batch goes on. */
  private async note(stamps: OncePerInterval, key: string, campaignId: string, at: Date | 'now'): Promise<void> {
    try {
      await this.deliveries.noteBatchAt(campaignId, at);
    } catch (e) {
      stamps.forget(key);
      this.logger.warn(`could not note when a batch of ${campaignId} runs: ${(e as Error).message}`);
    }
  }

  /**
   * A cancelled campaign's rows not sent are cancelled, an ended one's expired; a paused one's (or a paused
   * carrier's) stay queued.
   */
  private async endUnclaimed(campaignId: string, stoppedBy: Stop, ids: string[]): Promise<void> {
    if (stoppedBy === 'cancelled') await this.deliveries.cancelQueued(campaignId, ids);
    if (stoppedBy === 'ended') await this.deliveries.expireQueued(campaignId, ids, ENDED_BEFORE_SENT);
  }

  /**
   * Runs a store with one carrier's ids whose kept receipts are to be looked up (stored by stores that have
   * committed); adds what the store leaves to look up, or gives the ids back when it fails.
   */
  private async withLookup(
    lookups: PendingReceiptLookups,
    store: (earlier: ReceiptLookup | null) => Promise<{ claimed: ClaimedRow[]; left: ReceiptLookup[] }>,
  ): Promise<ClaimedRow[]> {
    const earlier = lookups.take();
    try {
      const { claimed, left } = await store(earlier);
      lookups.add(left);
      return claimed;
    } catch (e) {
      if (earlier) lookups.add([earlier]); // asked about by a later store, or when the batch ends
      throw e;
    }
  }

  /**
   * Persists what the provider answered for rows this worker owns, one statement per kind of outcome (each a
   * compare-and-set on `sending`); the statement storing the accepted ones also looks up the receipts kept for
   * `earlier` ids, whose stores have committed, and those found are applied, and claims the rows of `claim` when
   * given (the send pipeline's next claim). Answers the rows claimed and the ids whose kept receipts are still to
   * be looked up: this store's (once it has committed) and `earlier` when no such statement ran.
   */
  private async recordOutcomes(
    outcomes: Array<{ row: ClaimedRow; outcome: SendOutcome }>,
    earlier: ReceiptLookup | null,
    claim: { campaignId: string; ids: string[] } | null,
    earlyReceiptsApplied?: BatchRunOptions['earlyReceiptsApplied'],
  ): Promise<{ claimed: ClaimedRow[]; left: ReceiptLookup[] }> {
    const sent: SentRow[] = [];
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
    const { claimed, kept } = claim
      ? await this.deliveries.storeAndClaim(claim.campaignId, sent, earlier, claim.ids)
      : { claimed: [], kept: await this.deliveries.markSentMany(sent, earlier) };
    await this.deliveries.markEndedMany('failed', failed);
    await this.deliveries.markEndedMany('unknown', unknown);
    for (const g of released.values()) await this.deliveries.release(g.ids, g.error, g.until);
    if (earlier && kept.length) {
      await this.tell(await this.receipts.applyKept(earlier.carrierCode, kept), earlyReceiptsApplied);
    }
    const left = [...awaiting].map(([carrierCode, providerMessageIds]) => ({ carrierCode, providerMessageIds }));
    const asked = sent.length > 0 || claim !== null;
    return { claimed, left: earlier && !asked ? [...left, earlier] : left };
  }

  /** What no store's statement asked about: looked up once the batch's stores are done. */
  private async lookUpEarlyReceipts(
    lookups: ReceiptLookup[],
    earlyReceiptsApplied?: BatchRunOptions['earlyReceiptsApplied'],
  ): Promise<void> {
    for (const { carrierCode, providerMessageIds } of lookups) {
      const applied = await retryTransient(() => this.receipts.afterStored(carrierCode, providerMessageIds));
      await this.tell(applied, earlyReceiptsApplied);
    }
  }

  /** Counting is advice: the outcomes and receipts are stored whatever becomes of it. */
  private async tell(
    applied: AppliedReceipt[],
    earlyReceiptsApplied?: BatchRunOptions['earlyReceiptsApplied'],
  ): Promise<void> {
    if (!applied.length || !earlyReceiptsApplied) return;
    await earlyReceiptsApplied(applied).catch((e: unknown) =>
      this.logger.error(`early receipts not counted: ${(e as Error).message}`),
    );
  }
}
