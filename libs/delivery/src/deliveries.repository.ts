import { PreparedStatement, updateReturning } from '@loa/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type EarlyReceipt, type KeptReceiptRow, earlyReceiptOf, keptReceiptsOf } from './early-receipts.repository';
import type { ReceiptLookup } from './receipt-lookups';
import { type BatchRows, type QueuedBatchPage, batchesFromMarks } from './send-batches';

/** What a failed receipt leaves in `last_error`: the carrier's status and error code. */
export function receiptErrorText(
  outcome: 'delivered' | 'failed',
  providerStatus: string,
  errorCode: string | null,
): string | null {
  return outcome === 'failed' ? `${providerStatus}${errorCode ? ` err:${errorCode}` : ''}` : null;
}

/** How a receipt's message is named across carriers: its carrier and the id that carrier gave it. */
export function receiptKey(carrierCode: string, providerMessageId: string): string {
  return `${carrierCode}\u0000${providerMessageId}`;
}

/** A message (or one part of a long one) whose receipt has not come. */
export interface AwaitingReceipt {
  deliveryId: string;
  providerMessageId: string;
}

export interface ClaimedRow {
  id: string;
  recipientKey: string;
  carrierCode: string | null;
}

/**
 * Delivery row transitions, each a compare-and-set UPDATE so a retried or duplicated job can never move a row
 * twice: only the worker whose UPDATE matched `queued` may send it.
 */
/** A receipt applied to its message: which campaign's, and what it said. */
export interface AppliedReceipt {
  carrierCode: string;
  providerMessageId: string;
  campaignId: string;
  outcome: 'delivered' | 'failed';
  error: string | null;
}

/** What became of one receipt: the campaign of the row it settled (or of the part it recorded), when applied. */
export type ReceiptApplication =
  { result: 'applied'; campaignId: string } | { result: 'already-final' | 'no-such-message'; campaignId: null };

/*
 * The send path's statements, each run for every few rows: prepared once per connection (PreparedStatement).
 */

// The campaign is compared as text so that no index on it can serve: rows are found by primary key whatever the
// statistics say. Right after a fan-out they describe the campaign as having no queued rows, and the planner then
// walked every queued row of it through deliveries_by_status (58 ms a claim on 200,000 rows, against 0.3 ms by key).
function claimRows(campaign: number, ids: number): string {
  return `UPDATE deliveries SET status = 'sending', attempts = attempts + 1, updated_at = now()
    WHERE id = ANY($${ids}::bigint[]) AND campaign_id::text = $${campaign}::uuid::text AND status = 'queued'
      AND (not_before IS NULL OR not_before <= now())
    RETURNING id, recipient_key, carrier_code`;
}

type ClaimedRowRow = { id: string; recipient_key: string; carrier_code: string | null };

const CLAIM_ROWS = new PreparedStatement<ClaimedRowRow>('loa_claim_rows', claimRows(1, 2));

// `d.id = ANY(…)` as well as the join: the planner then reads the rows by their index, not the whole table.
const MARK_SENT_UPDATE = `UPDATE deliveries d SET status = 'sent', provider_message_id = i.message_id, sent_at = now(),
         parts = GREATEST(1, i.parts), final_at = CASE WHEN i.final THEN now() ELSE NULL END,
         last_error = NULL, updated_at = now()
    FROM unnest($1::bigint[], $2::text[], $3::boolean[], $4::int[]) AS i(id, message_id, final, parts)
   WHERE d.id = ANY($1::bigint[]) AND d.id = i.id AND d.status = 'sending'`;

// Each also answers the kept receipts (early_receipts) of ids stored by earlier statements, looked up here to save
// a round trip of their own: this statement started after those committed, which the look-up needs.
const MARK_SENT = new PreparedStatement<KeptReceiptRow>(
  'loa_mark_sent',
  `WITH row AS (${MARK_SENT_UPDATE} RETURNING d.id)
   ${keptReceiptsOf(5, 6)}`,
);

/** Stores rows and the ids of the parts of long messages (delivery_parts): CTEs a statement goes on from. */
const STORE_WITH_PARTS = `WITH row AS (${MARK_SENT_UPDATE} RETURNING d.id, d.carrier_code),
   parts AS (
     INSERT INTO delivery_parts (delivery_id, seq, carrier_code, provider_message_id)
     SELECT row.id, p.seq, row.carrier_code, p.message_id
       FROM row JOIN unnest($7::bigint[], $8::int[], $9::text[]) AS p(delivery_id, seq, message_id)
         ON p.delivery_id = row.id)`;

/** MARK_SENT, and the parts' ids of long messages in the same statement. */
const MARK_SENT_WITH_PARTS = new PreparedStatement<KeptReceiptRow>(
  'loa_mark_sent_with_parts',
  `${STORE_WITH_PARTS}
   ${keptReceiptsOf(5, 6)}`,
);

/**
 * Stores outcomes (as MARK_SENT_WITH_PARTS, with the kept receipts of earlier ids) and claims the next rows in one
 * statement and one commit: the rows stored leave `sending` as the rows claimed enter it, so no more rows are
 * `sending` than before, and the send path's window costs one round trip a turn instead of two.
 */
const STORE_AND_CLAIM = new PreparedStatement<{ claimed: ClaimedRowRow[]; kept: KeptReceiptRow[] }>(
  'loa_store_and_claim',
  `${STORE_WITH_PARTS},
   claimed AS (${claimRows(10, 11)})
   SELECT (SELECT coalesce(json_agg(json_build_object('id', id::text, 'recipient_key', recipient_key,
                                                      'carrier_code', carrier_code)), '[]') FROM claimed) AS claimed,
          (SELECT coalesce(json_agg(k), '[]') FROM (${keptReceiptsOf(5, 6)}) k) AS kept`,
);

// Each receipt looks up its own row by (carrier, message id) in a LATERAL subquery, so the plan is index lookups
// whatever the statistics say: while a campaign sends, they still describe its rows as queued, and a plain join was
// planned as a walk of the whole message-id index (130 ms for 50 receipts on 80,000 rows).
const APPLY_ONE_PART_RECEIPTS = new PreparedStatement<{
  carrier_code: string;
  provider_message_id: string;
  campaign_id: string;
  status: 'delivered' | 'failed';
  last_error: string | null;
}>(
  'loa_apply_one_part_receipts',
  `WITH input AS (
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS i(carrier_code, message_id, outcome, error)),
   found AS MATERIALIZED (
     SELECT m.id, input.outcome, input.error
       FROM input CROSS JOIN LATERAL (
         SELECT d.id FROM deliveries d
          WHERE d.carrier_code = input.carrier_code AND d.provider_message_id = input.message_id
            AND d.status IN ('sent','unknown','expired') AND d.channel = 'sms' AND d.parts = 1
          LIMIT 1) m)
   UPDATE deliveries d SET status = f.outcome, last_error = f.error, final_at = now(), updated_at = now()
     FROM found f
    WHERE d.id = f.id AND d.status IN ('sent','unknown','expired')
    RETURNING d.carrier_code, d.provider_message_id, d.campaign_id, d.status, d.last_error`,
);

/** A row handed to its provider: its message id, whether a receipt will follow, its parts' ids when long. */
export interface SentRow {
  id: string;
  providerMessageId: string | null;
  final: boolean;
  partIds?: string[];
}

/** The parameters of the mark-sent statements: the rows ($1–$4), the look-up ($5–$6), and the parts apart. */
function markSentParams(sent: SentRow[], earlier: ReceiptLookup | null): { params: unknown[]; parts: unknown[][] } {
  const parts = sent.flatMap((s) =>
    (s.partIds?.length ?? 0) > 1 ? s.partIds!.map((messageId, i) => ({ id: s.id, seq: i + 1, messageId })) : [],
  );
  return {
    params: [
      sent.map((s) => s.id),
      sent.map((s) => s.providerMessageId),
      sent.map((s) => s.final),
      sent.map((s) => s.partIds?.length ?? 0),
      earlier?.carrierCode ?? null,
      earlier?.providerMessageIds ?? [],
    ],
    parts: [parts.map((p) => p.id), parts.map((p) => p.seq), parts.map((p) => p.messageId)],
  };
}

/** Claimed rows as the claim answered them, in the order their ids were asked for. */
function inOrderAsked(ids: string[], rows: ClaimedRowRow[]): ClaimedRow[] {
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id, recipientKey: r.recipient_key, carrierCode: r.carrier_code }] : [];
  });
}

@Injectable()
export class DeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** queued → sending for one row; null unless this caller now owns it. Persisted before anything is sent. */
  async claimOne(campaignId: string, id: string): Promise<ClaimedRow | null> {
    return (await this.claimMany(campaignId, [id]))[0] ?? null;
  }

  /**
   * queued → sending for several rows in one statement (the send path's window); only the rows this caller now
   * owns come back, in the order asked. Persisted before anything is sent, like claimOne.
   */
  async claimMany(campaignId: string, ids: string[]): Promise<ClaimedRow[]> {
    if (!ids.length) return [];
    return inOrderAsked(ids, await CLAIM_ROWS.run(this.dataSource, [campaignId, ids]));
  }

  /**
   * sending → sent for several rows at once (what markSent does for one): each with its message id, whether a
   * receipt will follow, and its parts' ids for a long message, in one statement. The same statement answers the
   * kept receipts of `earlier`: ids stored by statements that have committed (see PendingReceiptLookups).
   */
  async markSentMany(sent: SentRow[], earlier: ReceiptLookup | null = null): Promise<EarlyReceipt[]> {
    if (!sent.length) return [];
    const { params, parts } = markSentParams(sent, earlier);
    const kept = parts[0].length
      ? await MARK_SENT_WITH_PARTS.run(this.dataSource, [...params, ...parts])
      : await MARK_SENT.run(this.dataSource, params);
    return kept.map(earlyReceiptOf);
  }

  /**
   * What markSentMany does, and queued → sending for the rows `claim` names (as claimMany) in the same statement
   * and commit. Answers the rows this caller now owns, in the order asked, and the kept receipts of `earlier`.
   */
  async storeAndClaim(
    campaignId: string,
    sent: SentRow[],
    earlier: ReceiptLookup | null,
    claim: string[],
  ): Promise<{ claimed: ClaimedRow[]; kept: EarlyReceipt[] }> {
    const { params, parts } = markSentParams(sent, earlier);
    const [row] = await STORE_AND_CLAIM.run(this.dataSource, [...params, ...parts, campaignId, claim]);
    return { claimed: inOrderAsked(claim, row.claimed), kept: row.kept.map(earlyReceiptOf) };
  }

  /** sending → failed or unknown for several rows at once, each with its own error. */
  async markEndedMany(status: 'failed' | 'unknown', ended: Array<{ id: string; error: string }>): Promise<void> {
    if (!ended.length) return;
    await this.dataSource.query(
      `UPDATE deliveries d SET status = $1, last_error = i.error, final_at = now(), updated_at = now()
         FROM unnest($2::bigint[], $3::text[]) AS i(id, error)
        WHERE d.id = ANY($2::bigint[]) AND d.id = i.id AND d.status = 'sending'`,
      [status, ended.map((e) => e.id), ended.map((e) => e.error.slice(0, 500))],
    );
  }

  /**
   * sending → sent for one row; `final` when no receipt will follow (email accepted by SMTP), else it awaits a
   * receipt. A message sent in several parts records each part in the same statement, so no receipt can miss it.
   */
  async markSent(id: string, providerMessageId: string | null, final: boolean, partIds: string[] = []): Promise<void> {
    await this.markSentMany([{ id, providerMessageId, final, partIds }]);
  }

  /** sending → queued for rows this worker owns but did not hand to the provider (safe to send later). */
  async release(ids: string[], error: string | null = null, notBefore: Date | null = null): Promise<void> {
    if (!ids.length) return;
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'queued', last_error = COALESCE($2, last_error), not_before = $3, updated_at = now()
        WHERE id = ANY($1::bigint[]) AND status = 'sending'`,
      [ids, error, notBefore],
    );
  }

  async cancelQueued(campaignId: string, ids: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'cancelled', final_at = now(), updated_at = now()
        WHERE campaign_id = $1 AND id = ANY($2::bigint[]) AND status = 'queued'`,
      [campaignId, ids],
    );
  }

  /**
   * Claims up to `limit` SMS of one carrier that have waited `afterSeconds` for a receipt and were not asked about
   * in the last `everySeconds`, stamping them so that no other worker asks at the same time. Returns the message
   * ids to ask the carrier about: the one id of a one-part message, each part still waiting of a long one.
   * `route` picks the messages whose stored id does (`taken`) or does not begin with `prefix` (a carrier's second
   * route marks its ids so; a message's parts all went by its route).
   */
  async claimAwaitingReceipt(
    carrierCode: string,
    afterSeconds: number,
    everySeconds: number,
    limit: number,
    route: { prefix: string; taken: boolean } = { prefix: '', taken: true },
  ): Promise<AwaitingReceipt[]> {
    const rows: Array<{ delivery_id: string; provider_message_id: string }> = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE deliveries d SET status_queried_at = now()
          WHERE d.id IN (
            SELECT id FROM deliveries
             WHERE channel = 'sms' AND status = 'sent' AND final_at IS NULL AND carrier_code = $1
               AND provider_message_id IS NOT NULL AND sent_at < now() - make_interval(secs => $2)
               AND (status_queried_at IS NULL OR status_queried_at < now() - make_interval(secs => $3))
               AND starts_with(provider_message_id, $5) = $6
             ORDER BY sent_at LIMIT $4 FOR UPDATE SKIP LOCKED)
          RETURNING d.id, d.parts, d.provider_message_id)
       SELECT c.id AS delivery_id, c.provider_message_id FROM claimed c WHERE c.parts = 1
       UNION ALL
       SELECT p.delivery_id, p.provider_message_id FROM claimed c
         JOIN delivery_parts p ON p.delivery_id = c.id AND p.status = 'sent'
        WHERE c.parts > 1`,
      [carrierCode, afterSeconds, everySeconds, limit, route.prefix, route.taken],
    );
    return rows.map((r) => ({ deliveryId: String(r.delivery_id), providerMessageId: r.provider_message_id }));
  }

  /** Gives claimed rows back unasked (the carrier could not be asked), so the next round takes them again. */
  async unclaimAwaitingReceipt(deliveryIds: string[]): Promise<void> {
    if (!deliveryIds.length) return;
    await this.dataSource.query(`UPDATE deliveries SET status_queried_at = NULL WHERE id = ANY($1::bigint[])`, [
      deliveryIds,
    ]);
  }

  /**
   * The common case of many receipts in one statement: each one-part SMS still waiting (sent, unknown or expired)
   * whose carrier and message id match takes its outcome. Answers the receipts it settled, with their campaign; the
   * others (a part of a long message, an id not stored yet, a row already final) go the way of `applyReceipt`.
   */
  async applyOnePartReceipts(
    receipts: Array<{
      carrierCode: string;
      providerMessageId: string;
      outcome: 'delivered' | 'failed';
      error: string | null;
    }>,
  ): Promise<AppliedReceipt[]> {
    if (!receipts.length) return [];
    const rows = await APPLY_ONE_PART_RECEIPTS.run(this.dataSource, [
      receipts.map((r) => r.carrierCode),
      receipts.map((r) => r.providerMessageId),
      receipts.map((r) => r.outcome),
      receipts.map((r) => r.error),
    ]);
    return rows.map((r) => ({
      carrierCode: r.carrier_code,
      providerMessageId: r.provider_message_id,
      campaignId: r.campaign_id,
      outcome: r.status,
      error: r.last_error,
    }));
  }

  /**
   * Applies a delivery receipt to the row with that provider message id, answering the campaign of the row it
   * applied to. `no-such-message` when no row carries the id yet (the receipt came before the submit response was
   * stored): the caller keeps it (ReceiptSettlement). A row or part stored between this method's statements is
   * tried again, never taken for an ended one.
   */
  async applyReceipt(
    carrierCode: string,
    providerMessageId: string,
    outcome: 'delivered' | 'failed',
    error: string | null,
  ): Promise<ReceiptApplication> {
    for (let attempt = 1; ; attempt++) {
      // The common case first: a one-part message, settled in a single statement.
      const updated = await updateReturning<{ campaign_id: string }>(
        this.dataSource,
        `UPDATE deliveries SET status = $3, last_error = $4, final_at = now(), updated_at = now()
          WHERE carrier_code = $1 AND provider_message_id = $2 AND status IN ('sent','unknown','expired')
            AND channel = 'sms' AND parts = 1
          RETURNING campaign_id`,
        [carrierCode, providerMessageId, outcome, error],
      );
      if (updated.length) return { result: 'applied', campaignId: updated[0].campaign_id };
      const part = await this.applyPartReceipt(carrierCode, providerMessageId, outcome, error);
      if (typeof part === 'object') return { result: 'applied', campaignId: part.campaignId };
      if (part === 'already-final') return { result: part, campaignId: null };
      const rows: Array<{ status: string }> = await this.dataSource.query(
        `SELECT status FROM deliveries WHERE carrier_code = $1 AND provider_message_id = $2`,
        [carrierCode, providerMessageId],
      );
      if (part === 'no-such-message' && !rows.length) return { result: 'no-such-message', campaignId: null };
      const storedMeanwhile =
        part === 'stored-meanwhile' || rows.some((r) => ['sent', 'unknown', 'expired'].includes(r.status));
      if (!storedMeanwhile) return { result: 'already-final', campaignId: null };
      if (attempt >= 3) throw new Error(`receipt for ${carrierCode} ${providerMessageId}: its row keeps changing`);
    }
  }

  /**
   * A receipt for one part of a long message: the row ends when all parts are delivered or one fails.
   * `stored-meanwhile` when the part appeared, still waiting, after the update missed it.
   */
  private async applyPartReceipt(
    carrierCode: string,
    providerMessageId: string,
    outcome: 'delivered' | 'failed',
    error: string | null,
  ): Promise<{ campaignId: string } | 'already-final' | 'no-such-message' | 'stored-meanwhile'> {
    return this.dataSource.transaction(async (m) => {
      const parts = await updateReturning<{ delivery_id: string }>(
        m,
        `UPDATE delivery_parts SET status = $3 WHERE carrier_code = $1 AND provider_message_id = $2 AND status = 'sent'
         RETURNING delivery_id`,
        [carrierCode, providerMessageId, outcome],
      );
      if (!parts.length) {
        const known: Array<{ status: string }> = await m.query(
          `SELECT status FROM delivery_parts WHERE carrier_code = $1 AND provider_message_id = $2`,
          [carrierCode, providerMessageId],
        );
        if (!known.length) return 'no-such-message';
        return known.some((k) => k.status === 'sent') ? 'stored-meanwhile' : 'already-final';
      }
      const deliveryId = parts[0].delivery_id;
      // Lock the row so two parts' receipts cannot both decide the outcome.
      const [locked]: Array<{ campaign_id: string }> = await m.query(
        `SELECT campaign_id FROM deliveries WHERE id = $1 FOR UPDATE`,
        [deliveryId],
      );
      const [tally]: Array<{ failed: string; delivered: string; total: string }> = await m.query(
        `SELECT count(*) FILTER (WHERE status = 'failed') AS failed, count(*) FILTER (WHERE status = 'delivered') AS delivered,
                count(*) AS total
           FROM delivery_parts WHERE delivery_id = $1`,
        [deliveryId],
      );
      const next =
        Number(tally.failed) > 0 ? 'failed' : Number(tally.delivered) === Number(tally.total) ? 'delivered' : null;
      if (next) {
        await m.query(
          `UPDATE deliveries SET status = $2, last_error = $3, final_at = now(), updated_at = now()
            WHERE id = $1 AND status IN ('sent','unknown','expired')`,
          [deliveryId, next, next === 'failed' ? error : null],
        );
      }
      return { campaignId: locked.campaign_id };
    });
  }

  /**
   * One page of a campaign's queued rows of a channel that may go now — the first `pageRows` after `afterId`, in id
   * order (keyset: the fan-out pages through a million rows without loading them) — cut into send batches of at
   * most `batchSize` rows of one carrier. PostgreSQL marks where batches start in one pass over the page (window
   * functions in id order, no sort), so only those rows come back, not the page. `lastId` is the page's last row;
   * a page of fewer than `pageRows` rows is the last.
   */
  async queuedBatches(
    campaignId: string,
    channel: string,
    afterId: string,
    pageRows: number,
    batchSize: number,
  ): Promise<QueuedBatchPage> {
    const marks: Array<{ id: string; carrier_code: string | null; rn: string; start: boolean; last: boolean }> =
      await this.dataSource.query(
        `SELECT id, carrier_code, rn, (rn - run_start) % $5 = 0 AS start, next_id IS NULL AS last FROM (
           SELECT id, carrier_code, rn, lead(id) OVER w AS next_id,
                  max(CASE WHEN rn = 1 OR carrier_code IS DISTINCT FROM prev THEN rn END) OVER w AS run_start
             FROM (SELECT id, carrier_code, row_number() OVER w AS rn, lag(carrier_code) OVER w AS prev
                     FROM (SELECT id, carrier_code FROM deliveries
                            WHERE campaign_id = $1 AND channel = $2 AND status = 'queued' AND id > $3
                              AND (not_before IS NULL OR not_before <= now())
                            ORDER BY id LIMIT $4) page
                   WINDOW w AS (ORDER BY id)) marked
           WINDOW w AS (ORDER BY id)) positioned
          WHERE (rn - run_start) % $5 = 0 OR next_id IS NULL`,
        [campaignId, channel, afterId, pageRows, batchSize],
      );
    const batches = batchesFromMarks(
      marks.map((m) => ({
        id: String(m.id),
        carrierCode: m.carrier_code,
        rn: Number(m.rn),
        start: m.start,
        last: m.last,
      })),
    );
    const end = marks.at(-1);
    return { batches, rows: end ? Number(end.rn) : 0, lastId: end ? String(end.id) : null };
  }

  /**
   * The ids a send batch job names, in id order: its list, or the campaign's rows of the channel (and carrier, when
   * the channel has carriers) in its range that are still queued and may go now (others were sent, cancelled or
   * held since the fan-out).
   */
  async idsOfBatch(
    campaignId: string,
    channel: string,
    carrierCode: string | null,
    batch: BatchRows,
  ): Promise<string[]> {
    if (batch.deliveryIds) return [...batch.deliveryIds];
    if (!batch.idRange) throw new Error(`batch of campaign ${campaignId} names neither delivery ids nor an id range`);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM deliveries
        WHERE campaign_id = $1 AND channel = $2 AND status = 'queued' AND id BETWEEN $3 AND $4
          AND ($5::text IS NULL OR carrier_code = $5) AND (not_before IS NULL OR not_before <= now())
        ORDER BY id`,
      [campaignId, channel, batch.idRange.first, batch.idRange.last, carrierCode],
    );
    return rows.map((r) => String(r.id));
  }

  async campaignStatus(campaignId: string): Promise<string | null> {
    return (await this.campaignState(campaignId))?.status ?? null;
  }

  /**
   * Notes that a batch of the campaign starts at `at` — now, or later for a batch deferred to a window
   * (`campaigns.last_batch_at`, never moved back): the reconciler does not take rows waiting in a queue still being
   * worked through, or held for a window, for lost work. Touches no other column.
   */
  async noteBatchAt(campaignId: string, at: Date | 'now'): Promise<void> {
    await this.dataSource.query(
      `UPDATE campaigns SET last_batch_at = GREATEST(last_batch_at, COALESCE($2::timestamptz, now())) WHERE id = $1`,
      [campaignId, at === 'now' ? null : at],
    );
  }

  /** The campaign's status and window, as a batch checks them before and while sending. */
  async campaignState(campaignId: string): Promise<{ status: string; startsAt: Date; endsAt: Date } | null> {
    const rows: Array<{ status: string; starts_at: Date; ends_at: Date }> = await this.dataSource.query(
      `SELECT status, starts_at, ends_at FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    const r = rows[0];
    return r ? { status: r.status, startsAt: r.starts_at, endsAt: r.ends_at } : null;
  }

  /** queued → expired: the campaign ended before these rows could be sent (reported, never sent). */
  async expireQueued(campaignId: string, ids: string[], reason: string): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE deliveries SET status = 'expired', final_at = now(), updated_at = now(), last_error = $3
        WHERE campaign_id = $1 AND id = ANY($2::bigint[]) AND status = 'queued' RETURNING id`,
      [campaignId, ids, reason],
    );
    return rows.length;
  }
}
