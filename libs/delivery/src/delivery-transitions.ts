import { type Queryable, updateReturning } from '@loa/db';
import type { WrittenSpan } from './send-batches';

/**
 * The transitions of `deliveries` that the sending path does not make (those are DeliveriesRepository's, row by
 * row): materialising rows at fan-out, cancelling, the reconciler's timeouts, radio pulls and confirmations, and
 * opt-outs. Each takes the caller's query handle, so it joins the caller's transaction. Every UPDATE is a
 * compare-and-set on the status it leaves (design §4.3); this file and deliveries.repository.ts are the only
 * places that write the table.
 */

/**
 * SMS rows from the campaign's audience, written in carrier order; a number that opted out meanwhile gets a final
 * `opted_out` row. Answers the span of ids each carrier's rows took (aggregated inside the statement: no row comes
 * back), so that the fan-out can cut its first batches without reading the rows again.
 */
export async function materializeSmsRows(q: Queryable, campaignId: string): Promise<WrittenSpan[]> {
  const spans = (await q.query(
    `WITH written AS (
         INSERT INTO deliveries (campaign_id, channel, recipient_key, carrier_code, status, final_at)
         SELECT a.campaign_id, 'sms', a.msisdn, a.carrier_code,
                CASE WHEN o.msisdn IS NULL THEN 'queued' ELSE 'opted_out' END,
                CASE WHEN o.msisdn IS NULL THEN NULL ELSE now() END
           FROM audience_members a LEFT JOIN opt_outs o ON o.msisdn = a.msisdn
          WHERE a.campaign_id = $1 ORDER BY a.carrier_code, a.msisdn
         ON CONFLICT (campaign_id, channel, recipient_key) DO NOTHING
         RETURNING id, carrier_code, status)
       SELECT carrier_code, min(id) AS first, max(id) AS last, count(*) AS written,
              count(*) FILTER (WHERE status = 'queued') AS queued
         FROM written GROUP BY carrier_code`,
    [campaignId],
  )) as Array<{ carrier_code: string | null; first: string; last: string; written: string; queued: string }>;
  return spans.map((s) => ({
    carrierCode: s.carrier_code,
    first: String(s.first),
    last: String(s.last),
    rows: Number(s.queued),
    consecutive: BigInt(s.last) - BigInt(s.first) + 1n === BigInt(s.written),
  }));
}

/**
 * A rehearsal's SMS rows: the test list's numbers instead of the audience. A number no carrier serves any more
 * gets a final `failed` row saying so; one that opted out, `opted_out`.
 */
export async function materializeSmsTestRows(
  q: Queryable,
  campaignId: string,
  members: Array<{ msisdn: string; carrier: string | null }>,
): Promise<void> {
  await q.query(
    `INSERT INTO deliveries (campaign_id, channel, recipient_key, carrier_code, status, final_at, last_error)
     SELECT $1, 'sms', x.msisdn, x.carrier,
            CASE WHEN x.carrier IS NULL THEN 'failed' WHEN o.msisdn IS NULL THEN 'queued' ELSE 'opted_out' END,
            CASE WHEN x.carrier IS NULL OR o.msisdn IS NOT NULL THEN now() END,
            CASE WHEN x.carrier IS NULL THEN 'no carrier serves this test number' END
       FROM unnest($2::text[], $3::text[]) AS x(msisdn, carrier) LEFT JOIN opt_outs o ON o.msisdn = x.msisdn
      ORDER BY x.carrier, x.msisdn
     ON CONFLICT (campaign_id, channel, recipient_key) DO NOTHING`,
    [campaignId, members.map((m) => m.msisdn), members.map((m) => m.carrier)],
  );
}

/** A rehearsal's e-mail rows: one per test address, keyed `test:<address>` (never an agency code). */
export async function materializeEmailTestRows(q: Queryable, campaignId: string, emails: string[]): Promise<void> {
  await q.query(
    `INSERT INTO deliveries (campaign_id, channel, recipient_key, status)
     SELECT $1, 'email', $3 || e, 'queued' FROM unnest($2::text[]) AS e ORDER BY e
     ON CONFLICT (campaign_id, channel, recipient_key) DO NOTHING`,
    [campaignId, emails, TEST_EMAIL_KEY_PREFIX],
  );
}

/** The recipient key of a rehearsal's e-mail row is this prefix and the address. */
export const TEST_EMAIL_KEY_PREFIX = 'test:';

/** Email rows: the agencies named by code or by addressee group. */
export async function materializeEmailRows(
  q: Queryable,
  campaign: { id: string; organizationId: string },
  agencyCodes: string[],
  agencyGroups: string[],
): Promise<void> {
  await q.query(
    `INSERT INTO deliveries (campaign_id, channel, recipient_key, status)
     SELECT $1, 'email', code, 'queued' FROM agencies
      WHERE organization_id = $2 AND (code = ANY($3) OR group_code = ANY($4)) ORDER BY code
     ON CONFLICT (campaign_id, channel, recipient_key) DO NOTHING`,
    [campaign.id, campaign.organizationId, agencyCodes, agencyGroups],
  );
}

/** Radio rows: the named stations and, recursively, the stations that relay them. */
export async function materializeRadioRows(
  q: Queryable,
  campaign: { id: string; organizationId: string },
  stationCodes: string[],
): Promise<void> {
  await q.query(
    `WITH RECURSIVE tree AS (
       SELECT id, code FROM stations WHERE organization_id = $2 AND code = ANY($3)
       UNION SELECT s.id, s.code FROM stations s JOIN tree t ON s.parent_id = t.id)
     INSERT INTO deliveries (campaign_id, channel, recipient_key, status)
     SELECT $1, 'radio', code, 'queued' FROM tree ORDER BY code
     ON CONFLICT (campaign_id, channel, recipient_key) DO NOTHING`,
    [campaign.id, campaign.organizationId, stationCodes],
  );
}

/** queued → cancelled for a whole campaign: unsent work stops; rows handed to a carrier keep their outcome. */
export async function cancelQueuedRows(q: Queryable, campaignId: string): Promise<void> {
  await q.query(
    `UPDATE deliveries SET status = 'cancelled', final_at = now(), updated_at = now()
      WHERE campaign_id = $1 AND status = 'queued'`,
    [campaignId],
  );
}

/** Campaign states whose SMS and e-mail rows may be `sending` (a completed campaign had none left). */
export const CAMPAIGNS_THAT_MAY_BE_SENDING = ['running', 'paused', 'cancelled'] as const;

/**
 * The statement of `markStaleSendingUnknown` and its parameters (tests read its plan). Only campaigns that may
 * still have rows in flight are searched, each through `deliveries_by_status` (the LIMIT keeps the planner from
 * turning the per-campaign look-up into a join over the whole table), so the search costs a few index probes per
 * such campaign, not a read of every row ever sent. At most `perCampaign` rows of a campaign per call.
 */
export function staleSendingSearch(staleSeconds: number, perCampaign: number): { sql: string; params: unknown[] } {
  return {
    sql: `UPDATE deliveries d SET status = 'unknown', final_at = now(), updated_at = now(),
                 last_error = 'worker stopped while sending; outcome unknown, not re-sent'
           WHERE d.id IN (
                   SELECT stale.id FROM campaigns c CROSS JOIN LATERAL (
                     SELECT x.id FROM deliveries x
                      WHERE x.campaign_id = c.id AND x.channel IN ('sms', 'email') AND x.status = 'sending'
                        AND x.updated_at < now() - make_interval(secs => $1)
                      LIMIT $3) stale
                    WHERE c.status = ANY($2::text[]))
             AND d.status = 'sending' AND d.updated_at < now() - make_interval(secs => $1)
           RETURNING d.id`,
    params: [staleSeconds, CAMPAIGNS_THAT_MAY_BE_SENDING, perCampaign],
  };
}

/**
 * sending → unknown when a worker died mid-send: possibly sent, reported, never re-sent. Returns how many; rows
 * past `perCampaign` in one campaign are found at the next call.
 */
export async function markStaleSendingUnknown(
  q: Queryable,
  staleSeconds: number,
  perCampaign = 10_000,
): Promise<number> {
  const { sql, params } = staleSendingSearch(staleSeconds, perCampaign);
  return (await updateReturning<unknown>(q, sql, params)).length;
}

/** sent → expired for SMS whose receipt never came in time. Returns how many. */
export async function expireUnreceiptedSms(q: Queryable, receiptTimeoutSeconds: number): Promise<number> {
  const rows = await updateReturning<unknown>(
    q,
    `UPDATE deliveries SET status = 'expired', final_at = now(), updated_at = now()
      WHERE channel = 'sms' AND status = 'sent' AND final_at IS NULL
        AND sent_at < now() - make_interval(secs => $1) RETURNING id`,
    [receiptTimeoutSeconds],
  );
  return rows.length;
}

/**
 * SMS and e-mail rows still queued when their campaign ended (running or paused) become `expired`: reported as not
 * sent in time, never silently dropped and never sent late.
 */
export async function expireQueuedPastEnd(q: Queryable, reason: string): Promise<number> {
  const rows = await updateReturning<unknown>(
    q,
    `UPDATE deliveries d SET status = 'expired', final_at = now(), updated_at = now(), last_error = $1
       FROM campaigns c
      WHERE c.id = d.campaign_id AND c.status IN ('running', 'paused') AND c.ends_at <= now()
        AND d.channel IN ('sms', 'email') AND d.status = 'queued' RETURNING d.id`,
    [reason],
  );
  return rows.length;
}

/** Touches a campaign's queued rows so the reconciler does not re-enqueue the same ones on every tick. */
export async function touchQueuedRows(q: Queryable, campaignId: string): Promise<void> {
  await q.query(`UPDATE deliveries SET updated_at = now() WHERE campaign_id = $1 AND status = 'queued'`, [campaignId]);
}

/** queued → pulled: a station fetched the scripts of these running campaigns. */
export async function markRadioPulled(q: Queryable, stationCode: string, campaignIds: string[]): Promise<void> {
  await q.query(
    `UPDATE deliveries SET status = 'pulled', sent_at = now(), updated_at = now()
      WHERE channel = 'radio' AND recipient_key = $1 AND status = 'queued' AND campaign_id = ANY($2::uuid[])`,
    [stationCode, campaignIds],
  );
}

/** queued | pulled → confirmed: the station reported an airing. */
export async function markRadioConfirmed(q: Queryable, deliveryId: string): Promise<void> {
  await q.query(
    `UPDATE deliveries SET status = 'confirmed', final_at = COALESCE(final_at, now()), updated_at = now()
      WHERE id = $1 AND status IN ('queued','pulled')`,
    [deliveryId],
  );
}

/** queued → opted_out for these numbers (optionally only these rows). Returns how many rows stopped. */
export async function optOutQueuedSms(q: Queryable, msisdns: string[], deliveryIds?: string[]): Promise<number> {
  const rows = await updateReturning<{ id: string }>(
    q,
    `UPDATE deliveries SET status = 'opted_out', final_at = now(), updated_at = now()
      WHERE channel = 'sms' AND status = 'queued' AND recipient_key = ANY($1)
        AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[])) RETURNING id`,
    [msisdns, deliveryIds ?? null],
  );
  return rows.length;
}
