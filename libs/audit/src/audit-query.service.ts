import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AuditFilter {
  action?: string;
  targetType?: string;
  targetId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  /** Keyset cursor: events older than this id. */
  before?: string;
  limit: number;
}

export interface AuditEventView {
  id: string;
  actorType: string;
  actorId: string | null;
  /** The user's display name when the actor is a user. */
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  createdAt: string;
}

/** Reads one organisation's audit trail, newest first, filtered, with keyset pagination. */
@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(organizationId: string, f: AuditFilter): Promise<{ events: AuditEventView[]; nextCursor: string | null }> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.id, e.actor_type, e.actor_id, e.action, e.target_type, e.target_id, e.before, e.after, e.request_id,
              e.created_at, COALESCE(u.display_name, a.name) AS actor_name
         FROM audit_events e
         LEFT JOIN users u ON e.actor_type = 'user' AND u.id::text = e.actor_id
         LEFT JOIN agencies a ON e.actor_type = 'partner' AND a.organization_id = e.organization_id
                             AND 'agency:' || a.code = e.actor_id
        WHERE e.organization_id = $1
          AND ($2::text IS NULL OR e.action = $2 OR e.action LIKE $2 || '.%')
          AND ($3::text IS NULL OR e.target_type = $3)
          AND ($4::text IS NULL OR e.target_id = $4)
          AND ($5::text IS NULL OR e.actor_id = $5)
          AND ($6::timestamptz IS NULL OR e.created_at >= $6)
          AND ($7::timestamptz IS NULL OR e.created_at < $7)
          AND ($8::bigint IS NULL OR e.id < $8)
        ORDER BY e.id DESC LIMIT $9`,
      [
        organizationId,
        f.action ?? null,
        f.targetType ?? null,
        f.targetId ?? null,
        f.actorId ?? null,
        f.from ?? null,
        f.to ?? null,
        f.before ?? null,
        f.limit + 1,
      ],
    );
    const page = rows.slice(0, f.limit).map((r) => ({
      id: String(r.id),
      actorType: String(r.actor_type),
      actorId: (r.actor_id as string | null) ?? null,
      actorName: (r.actor_name as string | null) ?? null,
      action: String(r.action),
      targetType: String(r.target_type),
      targetId: (r.target_id as string | null) ?? null,
      before: r.before ?? null,
      after: r.after ?? null,
      requestId: (r.request_id as string | null) ?? null,
      createdAt: new Date(r.created_at as string).toISOString(),
    }));
    return { events: page, nextCursor: rows.length > f.limit ? page[page.length - 1].id : null };
  }
}
