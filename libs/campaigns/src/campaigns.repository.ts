import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SQL_SEARCH_FOLD, searchPattern } from '@loa/common';

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
