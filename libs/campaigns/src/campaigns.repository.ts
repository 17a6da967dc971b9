import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SQL_SEARCH_FOLD, isUuid, searchPattern } from '@loa/common';

export interface CampaignListFilter {
  /** Words of the title, the document code or the subject, accent- and case-insensitive. */
  q?: string;
  statuses?: string[];
  channel?: string;
  /** Campaigns whose window overlaps [from, to). */
  from?: Date;
  to?: Date;
  /** Only campaigns this user created. */
  createdBy?: string;
  page: number;
  pageSize: number;
}

export interface CampaignListItem {
  id: string;
  title: string;
  status: string;
  emergency: boolean;
  channels: string[];
  startsAt: string;
  endsAt: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  createdByName: string | null;
  approvedBy: string | null;
  directiveId: string;
  documentCode: string | null;
  subject: string | null;
}

/** The SQL of campaign lists (the operators' console): one statement a page, counted with a window function. */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(organizationId: string, f: CampaignListFilter): Promise<{ items: CampaignListItem[]; total: number }> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.id, c.title, c.status, c.emergency, c.starts_at, c.ends_at, c.created_at, c.updated_at,
              c.created_by, u.display_name AS created_by_name, c.approved_by, c.directive_id,
              d.document_code, d.subject,
              ARRAY(SELECT p.channel FROM channel_plans p WHERE p.campaign_id = c.id ORDER BY p.channel) AS channels,
              count(*) OVER () AS total
         FROM campaigns c
         JOIN directives d ON d.id = c.directive_id
         LEFT JOIN users u ON u.id = c.created_by
        WHERE c.organization_id = $1
          AND ($2::text[] IS NULL OR c.status = ANY($2))
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM channel_plans p WHERE p.campaign_id = c.id AND p.channel = $3))
          AND ($4::timestamptz IS NULL OR c.ends_at > $4)
          AND ($5::timestamptz IS NULL OR c.starts_at < $5)
          AND ($6::uuid IS NULL OR c.created_by = $6)
          AND ($7::text IS NULL
               OR translate(lower(c.title), $8, $9) LIKE $7
               OR translate(lower(coalesce(d.document_code, '')), $8, $9) LIKE $7
               OR translate(lower(coalesce(d.subject, '')), $8, $9) LIKE $7)
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $10 OFFSET $11`,
      [
        organizationId,
        f.statuses?.length ? f.statuses : null,
        f.channel ?? null,
        f.from ?? null,
        f.to ?? null,
        f.createdBy ?? null,
        f.q?.trim() ? searchPattern(f.q) : null,
        SQL_SEARCH_FOLD.from,
        SQL_SEARCH_FOLD.to,
        f.pageSize,
        (f.page - 1) * f.pageSize,
      ],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(organizationId, f);
    return { items: rows.map(toItem), total };
  }

  /** A page past the end still says how many there are (so the pager can step back). */
  private async count(organizationId: string, f: CampaignListFilter): Promise<number> {
    if (f.page === 1) return 0;
    return (await this.list(organizationId, { ...f, page: 1, pageSize: 1 })).total;
  }
}

function iso(v: unknown): string {
  return (v as Date).toISOString();
}

function toItem(r: Record<string, unknown>): CampaignListItem {
  return {
    id: String(r.id),
    title: String(r.title),
    status: String(r.status),
    emergency: Boolean(r.emergency),
    channels: r.channels as string[],
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    createdBy: String(r.created_by),
    createdByName: (r.created_by_name as string | null) ?? null,
    approvedBy: (r.approved_by as string | null) ?? null,
    directiveId: String(r.directive_id),
    documentCode: (r.document_code as string | null) ?? null,
    subject: (r.subject as string | null) ?? null,
  };
}

export interface PlanRecipient {
  code: string;
  name: string;
  /** Agency email, portal address, station level ("district", "commune"). */
  detail: string;
  /** A commune station that airs its parent's script by relaying it. */
  relaysFrom?: string;
}

/** What a campaign will send, per channel, and to whom: what an approver reads before signing off. */
export interface CampaignPlanView {
  id: string;
  title: string;
  status: string;
  emergency: boolean;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdByName: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  rejectionReason: string | null;
  directiveId: string;
  documentCode: string | null;
  subject: string | null;
  channels: {
    sms?: {
      content: Record<string, unknown>;
      subscribers: number;
      byCarrier: Array<{ carrierCode: string; subscribers: number }>;
    };
    email?: { content: Record<string, unknown>; recipients: PlanRecipient[] };
    banner?: { content: Record<string, unknown>; recipients: PlanRecipient[] };
    radio?: { content: Record<string, unknown>; recipients: PlanRecipient[] };
  };
}

type Row = Record<string, unknown>;
const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);

/** Reads a campaign's plans and resolves who each one reaches (the directory as it is now). */
@Injectable()
export class CampaignPlansRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null for an unknown id, a malformed one, or another organisation's campaign. */
  async view(organizationId: string, id: string): Promise<CampaignPlanView | null> {
    if (!isUuid(id)) return null;
    const [c]: Row[] = await this.dataSource.query(
      `SELECT c.id, c.title, c.status, c.emergency, c.starts_at, c.ends_at, c.created_by, c.approved_by,
              c.rejection_reason, c.directive_id, d.document_code, d.subject,
              cu.display_name AS created_by_name, au.display_name AS approved_by_name
         FROM campaigns c
         JOIN directives d ON d.id = c.directive_id
         LEFT JOIN users cu ON cu.id = c.created_by
         LEFT JOIN users au ON au.id = c.approved_by
        WHERE c.id = $1 AND c.organization_id = $2`,
      [id, organizationId],
    );
    if (!c) return null;
    const plans: Array<{ channel: string; content: Record<string, unknown> }> = await this.dataSource.query(
      `SELECT channel, content FROM channel_plans WHERE campaign_id = $1`,
      [id],
    );
    const channels: CampaignPlanView['channels'] = {};
    for (const { channel, content } of plans) {
      if (channel === 'sms') channels.sms = await this.sms(id, content);
      else if (channel === 'email')
        channels.email = { content, recipients: await this.agencies(organizationId, content) };
      else if (channel === 'banner')
        channels.banner = { content, recipients: await this.portals(organizationId, content) };
      else if (channel === 'radio')
        channels.radio = { content, recipients: await this.stations(organizationId, content) };
    }
    return {
      id: String(c.id),
      title: String(c.title),
      status: String(c.status),
      emergency: Boolean(c.emergency),
      startsAt: iso(c.starts_at),
      endsAt: iso(c.ends_at),
      createdBy: String(c.created_by),
      createdByName: (c.created_by_name as string | null) ?? null,
      approvedBy: (c.approved_by as string | null) ?? null,
      approvedByName: (c.approved_by_name as string | null) ?? null,
      rejectionReason: (c.rejection_reason as string | null) ?? null,
      directiveId: String(c.directive_id),
      documentCode: (c.document_code as string | null) ?? null,
      subject: (c.subject as string | null) ?? null,
      channels,
    };
  }

  /** The subscriber list is counted, not listed (it may hold millions). */
  private async sms(campaignId: string, content: Record<string, unknown>) {
    const rows: Array<{ carrier_code: string | null; n: string }> = await this.dataSource.query(
      `SELECT carrier_code, count(*) AS n FROM audience_members WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1`,
      [campaignId],
    );
    const { subscribers: _listed, ...rest } = content;
    return {
      content: rest,
      subscribers: rows.reduce((a, r) => a + Number(r.n), 0),
      byCarrier: rows.map((r) => ({ carrierCode: r.carrier_code ?? '?', subscribers: Number(r.n) })),
    };
  }

  private async agencies(organizationId: string, content: Record<string, unknown>): Promise<PlanRecipient[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT code, name, email FROM agencies
        WHERE organization_id = $1 AND (group_code = ANY($2::text[]) OR code = ANY($3::text[]))
        ORDER BY name`,
      [organizationId, strings(content.agencyGroups) ?? [], strings(content.agencyCodes) ?? []],
    );
    return rows.map((r) => ({ code: String(r.code), name: String(r.name), detail: String(r.email) }));
  }

  /** Every portal of the organisation when the plan names none. */
  private async portals(organizationId: string, content: Record<string, unknown>): Promise<PlanRecipient[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT code, name, url FROM portals
        WHERE organization_id = $1 AND ($2::text[] IS NULL OR code = ANY($2::text[])) ORDER BY name`,
      [organizationId, strings(content.portalCodes)],
    );
    return rows.map((r) => ({ code: String(r.code), name: String(r.name), detail: String(r.url) }));
  }

  /** The named stations, then the commune stations that relay one of them. */
  private async stations(organizationId: string, content: Record<string, unknown>): Promise<PlanRecipient[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT s.code, s.name, s.level, CASE WHEN s.code = ANY($2::text[]) THEN NULL ELSE p.code END AS relays_from
         FROM stations s LEFT JOIN stations p ON p.id = s.parent_id
        WHERE s.organization_id = $1
          AND (s.code = ANY($2::text[]) OR (s.level = 'commune' AND p.code = ANY($2::text[])))
        ORDER BY relays_from NULLS FIRST, s.name`,
      [organizationId, strings(content.stationCodes) ?? []],
    );
    return rows.map((r) => ({
      code: String(r.code),
      name: String(r.name),
      detail: String(r.level),
      ...(r.relays_from ? { relaysFrom: String(r.relays_from) } : {}),
    }));
  }
}
