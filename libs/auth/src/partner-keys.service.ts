import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import type { PartnerKind } from '@loa/db';
import { PartnerKeysRepository } from './partner-keys.repository';
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

/** API keys of carriers, stations and portals: issued, listed (prefix only), rotated, revoked; stored hashed. */
@Injectable()
export class PartnerKeysService {
  constructor(
    private readonly keys: PartnerKeysRepository,
    private readonly audit: AuditService,
  ) {}

  async issue(
    actor: Actor & { type: 'user' },
    kind: PartnerKind,
    partnerCode: string,
    requestId: string | null,
  ): Promise<PartnerKeyView & { key: string }> {
    const partnerId = await this.partnerId(actor.organizationId, kind, partnerCode);
    return this.keys.transaction(async (m) => {
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
    return (await this.keys.list(organizationId, kind)).map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt ? r.revokedAt.toISOString() : null,
    }));
  }

  /** Revokes the key and issues a new one for the same partner, atomically. */
  async rotate(
    actor: Actor & { type: 'user' },
    id: string,
    requestId: string | null,
  ): Promise<{ id: string; key: string; prefix: string }> {
    return this.keys.transaction(async (m) => {
      const old = await this.revokeIn(m, actor.organizationId, id);
      const issued = await this.insertKey(m, actor.organizationId, old.kind, old.partnerId);
      await this.audit.record(
        {
          actor,
          action: 'partner_key.rotate',
          targetType: 'partner_key',
          targetId: id,
          before: { prefix: old.prefix },
          after: { id: issued.id, prefix: issued.prefix },
          requestId,
        },
        m,
      );
      return issued;
    });
  }

  async revoke(actor: Actor & { type: 'user' }, id: string, requestId: string | null): Promise<void> {
    await this.keys.transaction(async (m) => {
      const old = await this.revokeIn(m, actor.organizationId, id);
      await this.audit.record(
        {
          actor,
          action: 'partner_key.revoke',
          targetType: 'partner_key',
          targetId: id,
          before: { prefix: old.prefix, revoked: false },
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
    return this.keys.findLive(kind, sha256(key));
  }

  private async insertKey(m: EntityManager, organizationId: string, kind: PartnerKind, partnerId: string) {
    const key = newSecret(kind);
    const prefix = secretPrefix(key);
    const row = await this.keys.insert(m, { kind, partnerId, organizationId, prefix, hash: sha256(key) });
    return { id: row.id, key, prefix, createdAt: row.createdAt.toISOString() };
  }

  private async revokeIn(m: EntityManager, organizationId: string, id: string) {
    if (!isUuid(id)) throw new PartnerNotFoundError(`partner key ${id} not found`);
    const revoked = await this.keys.revoke(m, organizationId, id);
    if (!revoked) throw new PartnerNotFoundError(`partner key ${id} not found or already revoked`);
    return revoked;
  }

  private async partnerId(organizationId: string, kind: PartnerKind, code: string): Promise<string> {
    const id = await this.keys.partnerId(organizationId, kind, code);
    if (!id) throw new PartnerNotFoundError(`${kind} ${code} not found`);
    return id;
  }
}
