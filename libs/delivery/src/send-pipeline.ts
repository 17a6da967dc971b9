import { GroupCommitter } from './group-committer';
import type { SendOutcome } from './send-outcome';
import { SendWindow } from './send-window';

/** What the pipeline asks of its caller; every step but `send` is a database statement for many rows. */
export interface SendPipelineSteps<Row extends { id: string }, Stop extends string> {
  /** Takes ownership of rows (queued → sending) before they are sent; answers those now owned. */
  claim(ids: string[]): Promise<Row[]>;
  /** Rows of a claimed chunk that must not go now, with what becomes of them (a daily cap). */
  hold(rows: Row[]): Promise<Map<string, SendOutcome>>;
  send(row: Row): Promise<SendOutcome>;
  /** Stores the outcomes of rows this worker owns; the pipeline calls it once at a time, with all that came in. */
  record(outcomes: Array<{ row: Row; outcome: SendOutcome }>): Promise<void>;
  /**
   * Optional: stores outcomes as `record` does and claims the rows `claim` names, in one statement and commit;
   * answers the rows now owned. The pipeline then carries the next claim in the store whose rows free the slots.
   * When it throws, the claim's fate is unknown: its rows are not sent (at worst left `sending`, later reported
   * unknown), the outcomes are stored by `record` and the batch stops claiming, as after a failed claim.
   */
  recordAndClaim?(outcomes: Array<{ row: Row; outcome: SendOutcome }>, claim: string[]): Promise<Row[]>;
  /** Asked every `statusCheckEvery` claimed rows: a reason (paused, cancelled…) stops claiming. */
  stopReason(): Promise<Stop | null>;
}

export interface SendPipelineLimits {
  /**
   * Rows claimed and not yet recorded, at most: messages in flight plus those whose outcome is being stored. A
   * worker killed mid-batch leaves at most this many rows `sending` (reported `unknown`, never sent again). A
   * number is this pipeline's own window; a SendWindow is shared with the other pipelines of the same transport,
   * which then hold at most its size together.
   */
  window: number | SendWindow;
  /** Rows one claim statement takes; the next claim goes out as soon as the window has room for it. */
  claimChunk: number;
  /**
   * Rows the first claim may take when the window has that many free (default: a chunk): a batch that starts on an
   * empty window fills it in one statement instead of several at once. A busier window gets a chunk as usual.
   * SMS batches ask for it; e-mail's do not (two batches share a small window there, and measured with it the
   * `email` benchmark went 0.89–0.92 against 0.95–1.04 without).
   */
  firstClaim?: number;
  statusCheckEvery: number;
  /** How outcomes are stored (default: up to 3 stores at once, each taking all that came in one turn). */
  stores?: StoreGrouping;
}

/**
 * Stores of outcomes: how many run at once, and how many outcomes a store waits for (at most `ms` after the first).
 * Where answers come one at a time (an SMTP pool), gathering a few per statement costs the database far less and
 * the window a few milliseconds.
 */
export interface StoreGrouping {
  concurrent: number;
  gather?: { items: number; ms: number };
}

export interface SendPipelineResult<Stop extends string> {
  claimed: number;
  /** Recorded outcomes by kind (`retry-later` rows went back to the queue). */
  counts: Record<SendOutcome['kind'], number>;
  /** Ids never claimed because the pipeline stopped early. */
  unclaimed: string[];
  stoppedBy: Stop | null;
  /** The first `retry-later` answer: the carrier asked to slow down or could not take the message now. */
  retryLater: { error: string; throttled: boolean } | null;
  /** The first send or statement that threw: its row stays `sending` (reported unknown, never sent twice). */
  fatal: unknown;
}

/** Stores of outcomes running at once: each takes every outcome that came in before it started. */
const CONCURRENT_STORES = 3;

/**
 * Sends rows as a pipeline rather than in lock-step. Claims go out as soon as the window has room for a chunk
 * (several may be on their way at once), every claimed row goes to the provider at once (an SMPP session keeps them
 * all in flight), and outcomes are stored as they come: all those that arrived in one turn of the event loop in one
 * call, a few such calls at once (group commit). A round trip to the database costs a turn of a busy event loop,
 * so statements overlap rather than queue; they cost a few per hundred messages and never stall the submits. With
 * `recordAndClaim`, a store also claims the next rows in its own statement, taking over the slots it frees. No
 * row is ever sent before its claim is stored, nor counted before its outcome is.
 */
export async function runSendPipeline<Row extends { id: string }, Stop extends string>(
  ids: string[],
  steps: SendPipelineSteps<Row, Stop>,
  limits: SendPipelineLimits,
): Promise<SendPipelineResult<Stop>> {
  const slots = typeof limits.window === 'number' ? new SendWindow(limits.window) : limits.window;
  const claimChunk = Math.max(1, Math.min(limits.claimChunk, slots.size));
  const result: SendPipelineResult<Stop> = {
    claimed: 0,
    counts: { accepted: 0, rejected: 0, ambiguous: 0, deferred: 0, 'retry-later': 0 },
    unclaimed: [],
    stoppedBy: null,
    retryLater: null,
    fatal: null,
  };
  let reserved = 0; // this pipeline's rows being claimed, or claimed and not yet recorded (or given up on)
  let wake: (() => void) | null = null;
  const release = (n: number): void => {
    reserved -= n;
    slots.give(n);
    const w = wake;
    wake = null;
    w?.();
  };
  const changed = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  const fail = (e: unknown): void => {
    result.fatal ??= e;
  };

  let next = 0; // ids before it are claimed, or being claimed
  let sinceCheck = 0; // rows claimed since the campaign's status was last asked about

  /**
   * Ids for a store of `freed` outcomes to claim in its own statement, taking over the slots its rows free; none
   * when claiming must stop, or a status check is due (the claim loop asks it when those slots come back).
   */
  const carryClaim = (freed: number): string[] => {
    if (!steps.recordAndClaim || !mayClaim()) return [];
    const n = Math.min(freed, ids.length - next, limits.statusCheckEvery - sinceCheck);
    if (n <= 0) return [];
    const chunk = ids.slice(next, next + n);
    next += n;
    sinceCheck += n;
    return chunk;
  };

  /** Sends claimed rows (those a rule holds back become their outcome at once). */
  const sendClaimed = async (rows: Row[]): Promise<void> => {
    try {
      const held = await steps.hold(rows);
      for (const row of rows) {
        const h = held.get(row.id);
        if (h) arrive(row, h);
        else
          steps.send(row).then(
            (outcome) => arrive(row, outcome),
            (e: unknown) => {
              fail(e);
              release(1);
            },
          );
      }
    } catch (e) {
      fail(e); // a hold that failed: the claimed rows stay `sending`, never sent
      release(rows.length);
    }
  };

  // Each store reports its own failure and frees the window itself, before the claim loop wakes: nothing awaits
  // the promise of `add`, which never rejects. A store that carries a claim passes its slots to the rows claimed.
  const stores = new GroupCommitter<{ row: Row; outcome: SendOutcome }>(
    async (batch) => {
      const carried = carryClaim(batch.length);
      let claimed: Row[] = [];
      let stored = false;
      if (carried.length) {
        try {
          claimed = await steps.recordAndClaim!(batch, carried);
          stored = true;
        } catch (e) {
          fail(e); // the carried claim's rows are not sent; the outcomes are stored below
        }
      }
      if (!stored) {
        try {
          await steps.record(batch);
          stored = true;
        } catch (e) {
          fail(e); // the rows stay `sending`: reported unknown, never sent twice
        }
      }
      if (stored) for (const { outcome } of batch) result.counts[outcome.kind]++;
      release(batch.length - claimed.length);
      if (claimed.length) {
        result.claimed += claimed.length;
        void sendClaimed(claimed);
      }
    },
    { maxConcurrent: limits.stores?.concurrent ?? CONCURRENT_STORES, gather: limits.stores?.gather },
  );
  const arrive = (row: Row, outcome: SendOutcome): void => {
    if (outcome.kind === 'retry-later') result.retryLater ??= { error: outcome.error, throttled: !!outcome.throttled };
    void stores.add({ row, outcome });
  };
  const mayClaim = (): boolean => !result.stoppedBy && result.retryLater === null && result.fatal === null;

  /** Claims a chunk, then sends what this worker now owns; runs beside the next claims. */
  const claimAndSend = async (chunk: string[]): Promise<void> => {
    let rows: Row[];
    try {
      rows = await steps.claim(chunk); // the others: sent, cancelled or another worker's
    } catch (e) {
      fail(e); // a claim that failed: its rows, if claimed after all, stay `sending`, never sent
      release(chunk.length);
      return;
    }
    release(chunk.length - rows.length);
    if (!rows.length) return;
    result.claimed += rows.length;
    await sendClaimed(rows);
  };

  try {
    while (next < ids.length && mayClaim()) {
      if (sinceCheck >= limits.statusCheckEvery) {
        sinceCheck = 0;
        result.stoppedBy = await steps.stopReason();
        if (result.stoppedBy) break;
      }
      // Waits for room in the window (shared with other batches of the transport, or this batch's own).
      const first = next === 0 ? Math.min(limits.firstClaim ?? claimChunk, slots.free) : 0;
      const size = await slots.take(Math.min(Math.max(claimChunk, first), ids.length - next));
      reserved += size;
      // Stores may have carried claims meanwhile: of the ids, and of the status check's allowance.
      const chunk = mayClaim() && sinceCheck < limits.statusCheckEvery ? ids.slice(next, next + size) : [];
      if (chunk.length < size) release(size - chunk.length);
      if (!chunk.length) continue;
      next += chunk.length;
      sinceCheck += chunk.length;
      void claimAndSend(chunk);
    }
  } catch (e) {
    fail(e);
  }
  result.unclaimed = ids.slice(next);
  while (reserved > 0) await changed();
  return result;
}
