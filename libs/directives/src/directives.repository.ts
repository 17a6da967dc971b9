import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SQL_SEARCH_FOLD, isUuid, searchPattern } from '@loa/common';
import { DirectiveEntity } from '@loa/db';

export interface DirectiveListItem {
  id: string;
  documentCode: string | null;
  subject: string | null;
  issuer: string | null;
  /** The letter's own date (YYYY-MM-DD) when it was read whole, else null. */
  date: string | null;
  createdAt: string;
  campaigns: number;
}

/**
 * The SQL of `directives`: storing a letter with its fields and original file, reading one (the file's bytes only
 * when asked), and the console's lists (newest first, searched accent- and case-insensitively).
 */
@Injectable()
export class DirectivesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Stores a directive in the caller's transaction; returned without the original's bytes, as a read would be. */
  async insert(m: EntityManager, directive: Partial<DirectiveEntity>): Promise<DirectiveEntity> {
    const d = await m.save(m.create(DirectiveEntity, directive));
    delete d.originalBytes;
    return d;
  }

  /** An editor's corrections of the fields, in the caller's transaction (the letter's text never changes). */
  async updateFields(
    m: EntityManager,
    id: string,
    f: { fields: Record<string, unknown>; documentCode: string | null; subject: string | null },
  ): Promise<void> {
    await m.query(`UPDATE directives SET fields = $2, document_code = $3, subject = $4 WHERE id = $1`, [
      id,
      JSON.stringify(f.fields),
      f.documentCode,
      f.subject,
    ]);
  }

  /** A directive of the organisation (without the original's bytes); null for another's or not a UUID. */
  get(organizationId: string, id: string): Promise<DirectiveEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.dataSource.getRepository(DirectiveEntity).findOne({ where: { id, organizationId } });
  }

  /** The same, with the original file's bytes. */
  withOriginalBytes(organizationId: string, id: string): Promise<DirectiveEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.dataSource
      .getRepository(DirectiveEntity)
      .createQueryBuilder('d')
      .addSelect('d.originalBytes')
      .where('d.id = :id AND d.organizationId = :organizationId', { id, organizationId })
      .getOne();
  }

  async list(
    organizationId: string,
    f: { q?: string; page: number; pageSize: number },
  ): Promise<{ items: DirectiveListItem[]; total: number }> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id, d.document_code, d.subject, d.fields->>'issuer' AS issuer, d.fields#>>'{date,iso}' AS date,
              d.created_at, (SELECT count(*) FROM campaigns c WHERE c.directive_id = d.id) AS campaigns,
              count(*) OVER () AS total
         FROM directives d
        WHERE d.organization_id = $1
          AND ($2::text IS NULL
               OR translate(lower(coalesce(d.document_code, '')), $3, $4) LIKE $2
               OR translate(lower(coalesce(d.subject, '')), $3, $4) LIKE $2
               OR translate(lower(coalesce(d.fields->>'issuer', '')), $3, $4) LIKE $2)
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT $5 OFFSET $6`,
      [
        organizationId,
        f.q?.trim() ? searchPattern(f.q) : null,
        SQL_SEARCH_FOLD.from,
        SQL_SEARCH_FOLD.to,
        f.pageSize,
        (f.page - 1) * f.pageSize,
      ],
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        id: String(r.id),
        documentCode: (r.document_code as string | null) ?? null,
        subject: (r.subject as string | null) ?? null,
        issuer: (r.issuer as string | null) ?? null,
        date: (r.date as string | null) ?? null,
        createdAt: (r.created_at as Date).toISOString(),
        campaigns: Number(r.campaigns),
      })),
    };
  }
}
