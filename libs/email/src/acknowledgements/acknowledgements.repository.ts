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
}

/** Owns `email_acknowledgements`. */
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

  /** Every agency the campaign wrote to, in name order, with its acknowledgement (null when none yet). */
  async forCampaign(campaignId: string): Promise<AgencyAcknowledgement[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id::text AS delivery_id, d.recipient_key, a.name, a.email, d.status, d.sent_at, ack.acknowledged_at
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
    }));
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
