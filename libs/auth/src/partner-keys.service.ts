import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { PartnerKind, updateReturning } from '@loa/db';
import { newSecret, secretPrefix, sha256 } from './secrets';
import { isUuid } from '@loa/common';

export interface PartnerKeyView {
  id: string;
  kind: PartnerKind;
  partnerCode: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}

export class PartnerNotFoundError extends Error {}

const PARTNER_TABLES: Record<PartnerKind, { table: string; scoped: boolean }> = {
  station: { table: 'stations', scoped: true },
  portal: { table: 'portals', scoped: true },
  // Carriers are national; the key is scoped to the organisation that issues it.
  carrier: { table: 'carriers', scoped: false },
};

/** API keys of carriers, stations and portals: issued, listed (prefix only), rotated, revoked; stored hashed. */
@Injectable()
export class PartnerKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async issue(
    actor: Actor & { type: 'user' },
    kind: PartnerKind,
    partnerCode: string,
    requestId: string | null,
  ): Promise<PartnerKeyView & { key: string }> {
    const partnerId = await this.partnerId(actor.organizationId, kind, partnerCode);
    return this.dataSource.transaction(async (m) => {
      const issued = await this.insertKey(m, actor.organizationId, kind, partnerId);
      await this.audit.record(
        {
          actor,
          action: 'partner_key.issue',
          targetType: `partner_key`,
          targetId: issued.id,
          after: { kind, partnerCode, prefix: issued.prefix },
          requestId,
        },
        m,
      );
      return { ...issued, kind, partnerCode, revokedAt: null };
    });
  }

  async list(organizationId: string, kind: PartnerKind | null): Promise<PartnerKeyView[]> {
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
      createdAt: new Date(r.created_at).toISOString(),
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
    }));
  }

  /** Revokes the key and issues a new one for the same partner, atomically. */
  async rotate(
    actor: Actor & { type: 'user' },
    id: string,
    requestId: string | null,
  ): Promise<{ id: string; key: string; prefix: string }> {
    return this.dataSource.transaction(async (m) => {
      const old = await this.revokeIn(m, actor.organizationId, id);
      const issued = await this.insertKey(m, actor.organizationId, old.partner_kind, old.partner_id);
      await this.audit.record(
        {
          actor,
          action: 'partner_key.rotate',
          targetType: 'partner_key',
          targetId: id,
          before: { prefix: old.key_prefix },
          after: { id: issued.id, prefix: issued.prefix },
          requestId,
        },
        m,
      );
      return issued;
    });
  }

  async revoke(actor: Actor & { type: 'user' }, id: string, requestId: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const old = await this.revokeIn(m, actor.organizationId, id);
      await this.audit.record(
        {
          actor,
          action: 'partner_key.revoke',
          targetType: 'partner_key',
          targetId: id,
          before: { prefix: old.key_prefix, revoked: false },
          after: { revoked: true },
          requestId,
        },
        m,
      );
    });
  }

  /** The partner (and the issuing organisation) a live key belongs to, or null. */
  async verify(kind: PartnerKind, key: string): Promise<{ partnerId: string; organizationId: string | null } | null> {
    if (key.length > 200) return null;
    const rows: Array<{ partner_id: string; organization_id: string | null }> = await this.dataSource.query(
      `SELECT partner_id, organization_id FROM partner_keys
        WHERE partner_kind = $1 AND key_hash = $2 AND revoked_at IS NULL`,
      [kind, sha256(key)],
    );
    return rows[0] ? { partnerId: rows[0].partner_id, organizationId: rows[0].organization_id } : null;
  }

  private async insertKey(m: EntityManager, organizationId: string, kind: PartnerKind, partnerId: string) {
    const key = newSecret(kind);
    const [row]: Array<{ id: string; created_at: Date }> = await m.query(
      `INSERT INTO partner_keys (partner_kind, partner_id, organization_id, key_prefix, key_hash)
       VALUES ($1, $2, $3, $4, $5) RETURNING id, created_at`,
      [kind, partnerId, organizationId, secretPrefix(key), sha256(key)],
    );
    return { id: row.id, key, prefix: secretPrefix(key), createdAt: new Date(row.created_at).toISOString() };
  }

  private async revokeIn(m: EntityManager, organizationId: string, id: string) {
    if (!isUuid(id)) throw new PartnerNotFoundError(`partner key ${id} not found`);
    const [row] = await updateReturning<{ partner_kind: PartnerKind; partner_id: string; key_prefix: string }>(
      m,
      `UPDATE partner_keys SET revoked_at = now() WHERE id = $1 AND organization_id = $2 AND revoked_at IS NULL
       RETURNING partner_kind, partner_id, key_prefix`,
      [id, organizationId],
    );
    if (!row) throw new PartnerNotFoundError(`partner key ${id} not found or already revoked`);
    return row;
  }

  private async partnerId(organizationId: string, kind: PartnerKind, code: string): Promise<string> {
    const { table, scoped } = PARTNER_TABLES[kind];
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM ${table} WHERE code = $1 ${scoped ? 'AND organization_id = $2' : ''}`,
      scoped ? [code, organizationId] : [code],
    );
    if (!rows[0]) throw new PartnerNotFoundError(`${kind} ${code} not found`);
    return rows[0].id;
  }
}
