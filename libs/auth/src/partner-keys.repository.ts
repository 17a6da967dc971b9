import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PartnerKind, updateReturning } from '@loa/db';

/** A partner key as listed: never the key itself, only its prefix. */
export interface PartnerKeyRow {
  id: string;
  kind: PartnerKind;
  partnerCode: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The key a revocation took away: whose it was. */
export interface RevokedKey {
  kind: PartnerKind;
  partnerId: string;
  prefix: string;
}

const PARTNER_TABLES: Record<PartnerKind, { table: string; scoped: boolean }> = {
  station: { table: 'stations', scoped: true },
  portal: { table: 'portals', scoped: true },
  // Carriers are national; the key is scoped to the organisation that issues it.
  carrier: { table: 'carriers', scoped: false },
};

/** The SQL of `partner_keys` (stored as SHA-256 hashes with a visible prefix) and of finding the partner they name. */
@Injectable()
export class PartnerKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The id of a station or portal of the organisation, or of a (national) carrier, by code; null when none. */
  async partnerId(organizationId: string, kind: PartnerKind, code: string): Promise<string | null> {
    const { table, scoped } = PARTNER_TABLES[kind];
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM ${table} WHERE code = $1 ${scoped ? 'AND organization_id = $2' : ''}`,
      scoped ? [code, organizationId] : [code],
    );
    return rows[0]?.id ?? null;
  }

  /** Stores a key by its hash and prefix, in the caller's transaction. */
  async insert(
    m: EntityManager,
    key: { kind: PartnerKind; partnerId: string; organizationId: string; prefix: string; hash: string },
  ): Promise<{ id: string; createdAt: Date }> {
    const [row]: Array<{ id: string; created_at: Date }> = await m.query(
      `INSERT INTO partner_keys (partner_kind, partner_id, organization_id, key_prefix, key_hash)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
      [key.kind, key.partnerId, key.organizationId, key.prefix, key.hash],
    );
    return { id: row.id, createdAt: new Date(row.created_at) };
  }

  /** Revokes a live key of the organisation (compare-and-set); null when there is none by that id. */
  async revoke(m: EntityManager, organizationId: string, id: string): Promise<RevokedKey | null> {
    const [row] = await updateReturning<{ partner_kind: PartnerKind; partner_id: string; key_prefix: string }>(
      m,
      `UPDATE partner_keys SET revoked_at = now() WHERE id = $1 AND organization_id = $2 AND revoked_at IS NULL
       RETURNING partner_kind, partner_id, key_prefix`,
      [id, organizationId],
    );
    return row ? { kind: row.partner_kind, partnerId: row.partner_id, prefix: row.key_prefix } : null;
  }

  /** The organisation's keys, newest first, of one kind or all. */
  async list(organizationId: string, kind: PartnerKind | null): Promise<PartnerKeyRow[]> {
    const rows: Array<{
      id: string;
      partner_kind: PartnerKind;
      code: string;
      key_prefix: string;
      created_at: Date;
      revoked_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT k.id, k.partner_kind, COALESCE(s.code, p.code, c.code) AS code, k.key_prefix, k.created_at, k.revoked_at
         FROM partner_keys k
         LEFT JOIN stations s ON k.partner_kind = 'station' AND s.id = k.partner_id
         LEFT JOIN portals p ON k.partner_kind = 'portal' AND p.id = k.partner_id
         LEFT JOIN carriers c ON k.partner_kind = 'carrier' AND c.id = k.partner_id
        WHERE k.organization_id = $1 AND ($2::text IS NULL OR k.partner_kind = $2)
        ORDER BY k.created_at DESC`,
      [organizationId, kind],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.partner_kind,
      partnerCode: r.code,
      prefix: r.key_prefix,
      createdAt: new Date(r.created_at),
      revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
    }));
  }

  /** The partner and issuing organisation of a live key, by its hash; null when none. */
  async findLive(
    kind: PartnerKind,
    hash: string,
  ): Promise<{ partnerId: string; organizationId: string | null } | null> {
    const rows: Array<{ partner_id: string; organization_id: string | null }> = await this.dataSource.query(
      `SELECT partner_id, organization_id FROM partner_keys
        WHERE partner_kind = $1 AND key_hash = $2 AND revoked_at IS NULL`,
      [kind, hash],
    );
    return rows[0] ? { partnerId: rows[0].partner_id, organizationId: rows[0].organization_id } : null;
  }
}

/** In the caller's transaction: a deleted partner's live keys are revoked; how many. */
export async function revokeKeysOfPartner(
  m: EntityManager,
  kind: 'station' | 'portal',
  partnerId: string,
): Promise<number> {
  const rows = await updateReturning<{ id: string }>(
    m,
    `UPDATE partner_keys SET revoked_at = now()
      WHERE partner_kind = $1 AND partner_id = $2 AND revoked_at IS NULL RETURNING id`,
    [kind, partnerId],
  );
  return rows.length;
}
