import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Queryable } from '@loa/db';

/** A dispatch e-mail as its acknowledgement page shows it: the letter, the agency, and whether it was acknowledged. */
export interface DispatchForAcknowledgement {
  deliveryId: string;
  campaignId: string;
  organizationId: string;
  campaignTitle: string;
  campaignEndsAt: Date;
  documentCode: string | null;
  subject: string | null;
  /** As the letter prints it, often in capitals. */
  issuer: string | null;
  agencyCode: string;
  agencyName: string | null;
  /** Delivery status: an e-mail still `queued` was never sent, so there is nothing to acknowledge yet. */
  status: string;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
}

/** One agency of a campaign's e-mail channel: sent when, acknowledged when. */
export interface AgencyAcknowledgement {
  deliveryId: string;
  agencyCode: string;
  agencyName: string | null;
  email: string | null;
  status: string;
  sentAt: Date | null;
  acknowledgedAt: Date | null;
  /** Reminders written to it so far, and when its silence was reported to the campaign's owners. */
  reminders: number;
  escalatedAt: Date | null;
}

/** An agency's e-mail that has not been acknowledged, with its follow-ups so far. */
export interface SilentDispatch {
  deliveryId: string;
  campaignId: string;
  organizationId: string;
  emergency: boolean;
  sentAt: Date;
  reminders: number;
  lastReminderAt: Date | null;
  escalated: boolean;
}

/** A reminder or escalation row written before its e-mail goes. */
export interface FollowUpClaim {
  deliveryId: string;
  campaignId: string;
  kind: 'reminder' | 'escalation';
  seq: number;
  noticeKey: string;
}

/** Who an escalation goes to: the campaign's editor and approver. */
export interface CampaignOwner {
  role: 'editor' | 'approver';
  name: string;
  email: string;
}

/** Owns `email_acknowledgements` and `acknowledgement_follow_ups`. */
@Injectable()
export class AcknowledgementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async dispatch(deliveryId: string): Promise<DispatchForAcknowledgement | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id::text AS delivery_id, d.campaign_id, c.organization_id, c.title, c.ends_at, dir.document_code,
              dir.subject, dir.fields->>'issuer' AS issuer, d.recipient_key, a.name AS agency_name, d.status,
              d.sent_at, ack.acknowledged_at
         FROM deliveries d
         JOIN campaigns c ON c.id = d.campaign_id
         JOIN directives dir ON dir.id = c.directive_id
         LEFT JOIN agencies a ON a.organization_id = c.organization_id AND a.code = d.recipient_key
         LEFT JOIN email_acknowledgements ack ON ack.delivery_id = d.id
        WHERE d.id = $1::bigint AND d.channel = 'email'`,
      [deliveryId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      deliveryId: String(r.delivery_id),
      campaignId: String(r.campaign_id),
      organizationId: String(r.organization_id),
      campaignTitle: String(r.title),
      campaignEndsAt: r.ends_at as Date,
      documentCode: (r.document_code as string | null) ?? null,
      subject: (r.subject as string | null) ?? null,
      issuer: (r.issuer as string | null) ?? null,
      agencyCode: String(r.recipient_key),
      agencyName: (r.agency_name as string | null) ?? null,
      status: String(r.status),
      sentAt: (r.sent_at as Date | null) ?? null,
      acknowledgedAt: (r.acknowledged_at as Date | null) ?? null,
    };
  }

  /** Records the acknowledgement once; answers when it was first made and whether this call made it. */
  async acknowledge(
    m: EntityManager,
    dispatch: { deliveryId: string; campaignId: string },
    from: { clientIp: string | null; userAgent: string | null },
  ): Promise<{ acknowledgedAt: Date; first: boolean }> {
    const inserted: Array<{ acknowledged_at: Date }> = await m.query(
      `INSERT INTO email_acknowledgements (delivery_id, campaign_id, client_ip, user_agent)
       VALUES ($1::bigint, $2, $3, left($4, 500))
       ON CONFLICT (delivery_id) DO NOTHING
       RETURNING acknowledged_at`,
      [dispatch.deliveryId, dispatch.campaignId, from.clientIp, from.userAgent],
    );
    if (inserted[0]) return { acknowledgedAt: inserted[0].acknowledged_at, first: true };
    const existing: Array<{ acknowledged_at: Date }> = await m.query(
      `SELECT acknowledged_at FROM email_acknowledgements WHERE delivery_id = $1::bigint`,
      [dispatch.deliveryId],
    );
    return { acknowledgedAt: existing[0].acknowledged_at, first: false };
  }

  /**
   * Every agency the campaign wrote to, in name order, with its acknowledgement (null when none yet); a
   * rehearsal's rows are its test addresses (`test:<address>`, the address as e-mail).
   */
  async forCampaign(campaignId: string): Promise<AgencyAcknowledgement[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id::text AS delivery_id, d.recipient_key, a.name, d.status, d.sent_at, ack.acknowledged_at,
              COALESCE(a.email, CASE WHEN d.recipient_key LIKE 'test:%' THEN substr(d.recipient_key, 6) END) AS email,
              (SELECT count(*)::int FROM acknowledgement_follow_ups f
                WHERE f.delivery_id = d.id AND f.kind = 'reminder') AS reminders,
              (SELECT min(f.created_at) FROM acknowledgement_follow_ups f
                WHERE f.delivery_id = d.id AND f.kind = 'escalation') AS escalated_at
         FROM deliveries d
         JOIN campaigns c ON c.id = d.campaign_id
         LEFT JOIN agencies a ON a.organization_id = c.organization_id AND a.code = d.recipient_key
         LEFT JOIN email_acknowledgements ack ON ack.delivery_id = d.id
        WHERE d.campaign_id = $1 AND d.channel = 'email'
        ORDER BY a.name NULLS LAST, d.recipient_key`,
      [campaignId],
    );
    return rows.map((r) => ({
      deliveryId: String(r.delivery_id),
      agencyCode: String(r.recipient_key),
      agencyName: (r.name as string | null) ?? null,
      email: (r.email as string | null) ?? null,
      status: String(r.status),
      sentAt: (r.sent_at as Date | null) ?? null,
      acknowledgedAt: (r.acknowledged_at as Date | null) ?? null,
      reminders: Number(r.reminders),
      escalatedAt: (r.escalated_at as Date | null) ?? null,
    }));
  }

  /**
   * Takes the cluster-wide follow-up lock for the caller's transaction; false when another worker holds it (it is
   * checking right now, and will find the same work).
   */
  async tryFollowUpLock(m: EntityManager): Promise<boolean> {
    const [r]: Array<{ ok: boolean }> = await m.query(
      `SELECT pg_try_advisory_xact_lock(hashtext('loa:acknowledgement-follow-ups')) AS ok`,
    );
    return r.ok;
  }

  /**
   * Agencies' e-mails sent but not acknowledged, of campaigns still running (or completed) whose links still work:
   * a paused or cancelled campaign reminds nobody.
   */
  async silent(m: EntityManager, now: Date, linkValidDays: number): Promise<SilentDispatch[]> {
    const rows: Array<Record<string, unknown>> = await m.query(
      `SELECT d.id::text AS delivery_id, d.campaign_id, c.organization_id, c.emergency, d.sent_at,
              count(f.id) FILTER (WHERE f.kind = 'reminder')::int AS reminders,
              max(f.created_at) FILTER (WHERE f.kind = 'reminder') AS last_reminder_at,
              bool_or(f.kind = 'escalation') AS escalated
         FROM deliveries d
         JOIN campaigns c ON c.id = d.campaign_id
         LEFT JOIN email_acknowledgements ack ON ack.delivery_id = d.id
         LEFT JOIN acknowledgement_follow_ups f ON f.delivery_id = d.id
        WHERE d.channel = 'email' AND d.status IN ('sent', 'delivered') AND d.sent_at IS NOT NULL
          AND ack.delivery_id IS NULL
          AND c.status IN ('running', 'completed')
          AND c.ends_at + make_interval(days => $2) > $1
        GROUP BY d.id, c.id
        ORDER BY d.id`,
      [now, linkValidDays],
    );
    return rows.map((r) => ({
      deliveryId: String(r.delivery_id),
      campaignId: String(r.campaign_id),
      organizationId: String(r.organization_id),
      emergency: Boolean(r.emergency),
      sentAt: r.sent_at as Date,
      reminders: Number(r.reminders),
      lastReminderAt: (r.last_reminder_at as Date | null) ?? null,
      escalated: Boolean(r.escalated),
    }));
  }

  /** Writes the follow-ups (`sending`) at `now`; answers the ids of those not already written. */
  async claimFollowUps(m: EntityManager, claims: FollowUpClaim[], now: Date): Promise<Map<string, string>> {
    if (claims.length === 0) return new Map();
    const rows: Array<{ id: string; key: string }> = await m.query(
      `INSERT INTO acknowledgement_follow_ups (campaign_id, delivery_id, kind, seq, notice_key, created_at)
       SELECT u.campaign_id, u.delivery_id, u.kind, u.seq, u.notice_key, $6::timestamptz
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::int[], $5::text[])
           AS u(campaign_id, delivery_id, kind, seq, notice_key)
       ON CONFLICT (delivery_id, kind, seq) DO NOTHING
       RETURNING id::text, delivery_id::text || ':' || kind AS key`,
      [
        claims.map((c) => c.campaignId),
        claims.map((c) => c.deliveryId),
        claims.map((c) => c.kind),
        claims.map((c) => c.seq),
        claims.map((c) => c.noticeKey),
        now,
      ],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  async finishFollowUps(ids: string[], outcome: { sentAt: Date } | { error: string }): Promise<void> {
    if (ids.length === 0) return;
    if ('sentAt' in outcome) {
      await this.dataSource.query(
        `UPDATE acknowledgement_follow_ups SET status = 'sent', sent_at = $2 WHERE id = ANY($1::bigint[])`,
        [ids, outcome.sentAt],
      );
    } else {
      await this.dataSource.query(
        `UPDATE acknowledgement_follow_ups SET status = 'failed', error = left($2, 500) WHERE id = ANY($1::bigint[])`,
        [ids, outcome.error],
      );
    }
  }

  /** Follow-ups a worker died sending: never sent again, reported as unknown. */
  async abandonStaleFollowUps(olderThan: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE acknowledgement_follow_ups SET status = 'unknown'
        WHERE status = 'sending' AND created_at < $1 RETURNING id`,
      [olderThan],
    );
    return rows.length;
  }

  /** The campaign's editor and approver (the approver only once someone approved). */
  async owners(campaignId: string): Promise<CampaignOwner[]> {
    const rows: Array<{ role: 'editor' | 'approver'; name: string; email: string }> = await this.dataSource.query(
      `SELECT 'editor' AS role, u.display_name AS name, u.email FROM campaigns c JOIN users u ON u.id = c.created_by
        WHERE c.id = $1
       UNION ALL
       SELECT 'approver', u.display_name, u.email FROM campaigns c JOIN users u ON u.id = c.approved_by
        WHERE c.id = $1`,
      [campaignId],
    );
    return rows;
  }

  countForCampaign(campaignId: string): Promise<number> {
    return acknowledgedCount(this.dataSource, campaignId);
  }
}

/** How many agencies acknowledged the campaign's e-mail (for its report, in the caller's connection). */
export async function acknowledgedCount(q: Queryable, campaignId: string): Promise<number> {
  const [r] = (await q.query(`SELECT count(*)::int AS n FROM email_acknowledgements WHERE campaign_id = $1`, [
    campaignId,
  ])) as Array<{ n: number }>;
  return r.n;
}
