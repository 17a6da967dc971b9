/** A slice of a campaign's delivery ids, both ends included (bigint as strings). */
export interface IdRange {
  first: string;
  last: string;
}

/**
 * The rows a send batch job names: a list of ids, or (what the fan-out writes) a range of ids standing for the
 * campaign's queued rows of the job's channel and carrier in it — a few bytes in Redis however large the batch.
 */
export interface BatchRows {
  deliveryIds?: readonly string[];
  idRange?: IdRange;
}

/** A send batch as the fan-out enqueues it: the queued rows of one carrier (none: email) in `first`…`last`. */
export interface SendBatch extends IdRange {
  carrierCode: string | null;
  /** How many rows the range held when the fan-out cut it: queued rows read back, or ids just written. */
  rows: number;
}

/** One page of a campaign's queued rows as send batches; a page of fewer rows than asked for is the last. */
export interface QueuedBatchPage {
  batches: SendBatch[];
  /** Queued rows in the page. */
  rows: number;
  /** The page's last row (where the next page starts after), null for an empty page. */
  lastId: string | null;
}

/**
 * A row where a batch starts, in id order, as the page of queued rows reports it: its position in the page
 * (`rn`, from 1), and whether it is the page's last row. The page marks a start every `size` rows of one carrier
 * and wherever the carrier changes.
 */
export interface BatchMark {
  id: string;
  carrierCode: string | null;
  rn: number;
  start: boolean;
  last: boolean;
}

/**
 * Turns a page's batch marks into id ranges: each batch runs from its first row to just before the next batch's
 * first row (no queued row of the campaign lies between them but its own), the last one to the page's last row.
 */
export function batchesFromMarks(marks: readonly BatchMark[]): SendBatch[] {
  const out: SendBatch[] = [];
  let open: { first: BatchMark } | null = null;
  for (const m of marks) {
    if (m.start) {
      if (open) out.push(closeBatch(open.first, String(BigInt(m.id) - 1n), m.rn - open.first.rn));
      open = { first: m };
    }
    if (m.last) {
      if (!open) throw new Error(`batch marks end at row ${m.id} before any batch starts`);
      out.push(closeBatch(open.first, m.id, m.rn - open.first.rn + 1));
      open = null;
    }
  }
  if (open) throw new Error(`batch marks have no last row after ${open.first.id}`);
  return out;
}

function closeBatch(first: BatchMark, last: string, rows: number): SendBatch {
  return { carrierCode: first.carrierCode, first: first.id, last, rows };
}

/**
 * The rows of one carrier (none: email) that a fan-out just wrote: ids `first`…`last`, `rows` of them still to send.
 * `consecutive` when the carrier's rows are every id between (no other carrier's or campaign's row interleaved).
 */
export interface WrittenSpan extends IdRange {
  carrierCode: string | null;
  rows: number;
  consecutive: boolean;
}

/**
 * Send batches cut straight from spans of consecutive ids, `size` ids each — what reading the rows back would give,
 * without reading them. Null when a span is not consecutive (ranges of `size` ids would then hold fewer rows: the
 * caller reads the rows back instead). A span with nothing to send gives no batch.
 */
export function batchesOfSpans(spans: readonly WrittenSpan[], size: number): SendBatch[] | null {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`batch size must be a positive integer (got ${size})`);
  if (spans.some((s) => !s.consecutive)) return null;
  const out: SendBatch[] = [];
  const step = BigInt(size);
  for (const span of spans) {
    if (span.rows === 0) continue;
    const end = BigInt(span.last);
    for (let first = BigInt(span.first); first <= end; first += step) {
      const last = first + step - 1n < end ? first + step - 1n : end;
      out.push({
        carrierCode: span.carrierCode,
        first: String(first),
        last: String(last),
        rows: Number(last - first) + 1,
      });
    }
  }
  return out;
}

/** How a launch's send batches stand in their queue (BullMQ: a lower priority number is taken first). */
export interface SendJobOptions {
  readonly priority: number;
}

export const EMERGENCY_PRIORITY = 1;
export const NORMAL_PRIORITY = 10;

/** An emergency campaign's batches go ahead of ordinary work already waiting on the same carrier or SMTP server. */
export function sendJobOptions(campaign: { emergency: boolean }): SendJobOptions {
  return { priority: campaign.emergency ? EMERGENCY_PRIORITY : NORMAL_PRIORITY };
}
