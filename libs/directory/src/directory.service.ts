import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { updateReturning } from '@loa/db';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from './errors';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors';
import { Check, directoryCode, emailAddress, httpUrl, singleLine } from './validation';
import { isUuid } from '@loa/common';

type AdminActor = Actor & { type: 'user' };

export interface AgencyView {
  id: string;
  code: string;
  name: string;
  email: string;
  group: string;
}

export interface PortalView {
  id: string;
  code: string;
  name: string;
  url: string;
  embedKey: string;
  embedUrl: string;
}

export interface CarrierView {
  code: string;
  name: string;
  provider: string;
  senderName: string;
  enabled: boolean;
}

function valid<T>(field: string, c: Check<T>): T {
  if (c.ok) return c.value;
  throw new DirectoryValidationError(`${field}: ${c.message}`, [{ field, message: c.message }]);
}

/** A public, unguessable embed key (pasted into public pages, so not a secret; 192 random bits). */
export function newEmbedKey(): string {
  return randomBytes(24).toString('base64url');
}

/** Only a prefix of an embed key goes into the audit trail. */
const keyHint = (key: string) => `${key.slice(0, 6)}…`;

/** Campaigns (of this organisation) still using a directory row, as "title (status)", at most five. */
export async function campaignsUsing(
  m: EntityManager,
  organizationId: string,
  channel: 'email' | 'banner' | 'radio',
  code: string,
  planField: 'agencyCodes' | 'portalCodes' | 'stationCodes',
  rowId: string,
  /** Further evidence of use, as SQL over campaign `c`; `$4` is the row's id (uuid). */
  extraSql = 'false',
): Promise<string[]> {
  const rows: Array<{ title: string; status: string }> = await m.query(
    `SELECT c.title, c.status FROM campaigns c
      WHERE c.organization_id = $1 AND (
        EXISTS (SELECT 1 FROM deliveries d WHERE d.campaign_id = c.id AND d.channel = $2 AND d.recipient_key = $3)
        OR EXISTS (SELECT 1 FROM channel_plans p WHERE p.campaign_id = c.id AND p.channel = $2
                     AND jsonb_typeof(p.content->'${planField}') = 'array' AND p.content->'${planField}' ? $3)
        OR ($4::uuid IS NOT NULL AND ${extraSql}))
      ORDER BY c.created_at DESC LIMIT 5`,
    [organizationId, channel, code, rowId],
  );
  return rows.map((r) => `${r.title} (${r.status})`);
}

export function inUseError(what: string, code: string, campaigns: string[]): DirectoryConflictError {
  return new DirectoryConflictError(
    `Không thể xóa ${what} "${code}": đang được dùng trong chiến dịch ${campaigns.join('; ')} / ` +
      `Cannot delete ${code}: used by campaign(s) ${campaigns.join('; ')}. Campaigns keep their recipients, so a used entry stays; edit it instead.`,
  );
}

/**
 * Agencies and portals of one organisation (admin CRUD, audited), and the national carrier list (read-only).
 * Codes are immutable once created: campaigns name recipients by code. Deleting a row a campaign uses is refused
 * with 409 (campaign history keeps pointing at it); an unused row is deleted and its partner keys revoked.
 */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  // ── agencies ────────────────────────────────────────────────────────────────────────────────────────────────

  async listAgencies(organizationId: string): Promise<AgencyView[]> {
    const rows: AgencyRow[] = await this.dataSource.query(
      `SELECT id, code, name, email, group_code FROM agencies WHERE organization_id = $1 ORDER BY group_code, code`,
      [organizationId],
    );
    return rows.map(agencyView);
  }

  async createAgency(
    actor: AdminActor,
    input: { code: string; name: string; email: string; group: string },
    requestId: string | null,
  ): Promise<AgencyView> {
    const a = {
      code: valid('code', directoryCode(input.code)),
      name: valid('name', singleLine(input.name)),
      email: valid('email', emailAddress(input.email)),
      group: valid('group', directoryCode(input.group)),
    };
    return this.uniqueCode('agency', a.code, () =>
      this.dataSource.transaction(async (m) => {
        const [row]: AgencyRow[] = await m.query(
          `INSERT INTO agencies (organization_id, code, name, email, group_code) VALUES ($1, $2, $3, $4, $5)
           RETURNING id, code, name, email, group_code`,
          [actor.organizationId, a.code, a.name, a.email, a.group],
        );
        await this.record(m, actor, 'agency.create', 'agency', row.id, null, agencyAudit(row), requestId);
        return agencyView(row);
      }),
    );
  }

  async updateAgency(
    actor: AdminActor,
    id: string,
    patch: { name?: string; email?: string; group?: string },
    requestId: string | null,
  ): Promise<AgencyView> {
    const name = patch.name === undefined ? null : valid('name', singleLine(patch.name));
    const email = patch.email === undefined ? null : valid('email', emailAddress(patch.email));
    const group = patch.group === undefined ? null : valid('group', directoryCode(patch.group));
    return this.dataSource.transaction(async (m) => {
      const before = await this.agencyRow(m, actor.organizationId, id);
      const [after] = await updateReturning<AgencyRow>(
        m,
        `UPDATE agencies SET name = COALESCE($3, name), email = COALESCE($4, email), group_code = COALESCE($5, group_code)
          WHERE id = $1 AND organization_id = $2 RETURNING id, code, name, email, group_code`,
        [before.id, actor.organizationId, name, email, group],
      );
      if (changed(agencyAudit(before), agencyAudit(after)))
        await this.record(m, actor, 'agency.update', 'agency', id, agencyAudit(before), agencyAudit(after), requestId);
      return agencyView(after);
    });
  }

  async deleteAgency(actor: AdminActor, id: string, requestId: string | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const before = await this.agencyRow(m, actor.organizationId, id, true);
      const using = await campaignsUsing(m, actor.organizationId, 'email', before.code, 'agencyCodes', before.id);
      if (using.length) throw inUseError('cơ quan', before.code, using);
      await m.query(`DELETE FROM agencies WHERE id = $1`, [before.id]);
      await this.record(m, actor, 'agency.delete', 'agency', id, agencyAudit(before), null, requestId);
    });
  }

  // ── portals ─────────────────────────────────────────────────────────────────────────────────────────────────

  async listPortals(organizationId: string): Promise<PortalView[]> {
    const rows: PortalRow[] = await this.dataSource.query(
      `SELECT id, code, name, url, embed_key FROM portals WHERE organization_id = $1 ORDER BY code`,
      [organizationId],
    );
    return rows.map((r) => this.portalView(r));
  }

  async createPortal(
    actor: AdminActor,
    input: { code: string; name: string; url: string },
    requestId: string | null,
  ): Promise<PortalView> {
    const p = {
      code: valid('code', directoryCode(input.code)),
      name: valid('name', singleLine(input.name)),
      url: valid('url', httpUrl(input.url)),
    };
    return this.uniqueCode('portal', p.code, () =>
      this.dataSource.transaction(async (m) => {
        const [row]: PortalRow[] = await m.query(
          `INSERT INTO portals (organization_id, code, name, url, embed_key) VALUES ($1, $2, $3, $4, $5)
           RETURNING id, code, name, url, embed_key`,
          [actor.organizationId, p.code, p.name, p.url, newEmbedKey()],
        );
        await this.record(m, actor, 'portal.create', 'portal', row.id, null, portalAudit(row), requestId);
        return this.portalView(row);
      }),
    );
  }

  async updatePortal(
    actor: AdminActor,
    id: string,
    patch: { name?: string; url?: string },
    requestId: string | null,
  ): Promise<PortalView> {
    const name = patch.name === undefined ? null : valid('name', singleLine(patch.name));
    const url = patch.url === undefined ? null : valid('url', httpUrl(patch.url));
    return this.dataSource.transaction(async (m) => {
      const before = await this.portalRow(m, actor.organizationId, id);
      const [after] = await updateReturning<PortalRow>(
        m,
        `UPDATE portals SET name = COALESCE($3, name), url = COALESCE($4, url)
          WHERE id = $1 AND organization_id = $2 RETURNING id, code, name, url, embed_key`,
        [before.id, actor.organizationId, name, url],
      );
      if (changed(portalAudit(before), portalAudit(after)))
        await this.record(m, actor, 'portal.update', 'portal', id, portalAudit(before), portalAudit(after), requestId);
      return this.portalView(after);
    });
  }

  /** A new embed key; the old embed URL stops serving at once (the portal must paste the new snippet). */
  async rotateEmbedKey(actor: AdminActor, id: string, requestId: string | null): Promise<PortalView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.portalRow(m, actor.organizationId, id, true);
      const [after] = await updateReturning<PortalRow>(
        m,
        `UPDATE portals SET embed_key = $2 WHERE id = $1 RETURNING id, code, name, url, embed_key`,
        [before.id, newEmbedKey()],
      );
      await this.record(
        m,
        actor,
        'portal.rotate_embed_key',
        'portal',
        id,
        { embedKey: keyHint(before.embed_key) },
        { embedKey: keyHint(after.embed_key) },
        requestId,
      );
      return this.portalView(after);
    });
  }

  async deletePortal(actor: AdminActor, id: string, requestId: string | null): Promise<void> {
    await this.inUseOnForeignKey('cổng thông tin', id, () =>
      this.dataSource.transaction(async (m) => {
        const before = await this.portalRow(m, actor.organizationId, id, true);
        const using = await campaignsUsing(
          m,
          actor.organizationId,
          'banner',
          before.code,
          'portalCodes',
          before.id,
          `EXISTS (SELECT 1 FROM banner_stats b WHERE b.campaign_id = c.id AND b.portal_id = $4::uuid)`,
        );
        if (using.length) throw inUseError('cổng thông tin', before.code, using);
        const keys = await revokePartnerKeys(m, 'portal', before.id);
        await m.query(`DELETE FROM portals WHERE id = $1`, [before.id]);
        await this.record(
          m,
          actor,
          'portal.delete',
          'portal',
          id,
          portalAudit(before),
          keys ? { partnerKeysRevoked: keys } : null,
          requestId,
        );
      }),
    );
  }

  // ── carriers (national, read-only here) ─────────────────────────────────────────────────────────────────────

  async listCarriers(): Promise<CarrierView[]> {
    const rows: Array<{ code: string; name: string; provider: string; sender_name: string; enabled: boolean }> =
      await this.dataSource.query(`SELECT code, name, provider, sender_name, enabled FROM carriers ORDER BY code`);
    return rows.map((r) => ({
      code: r.code,
      name: r.name,
      provider: r.provider,
      senderName: r.sender_name,
      enabled: r.enabled,
    }));
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

  private portalView(r: PortalRow): PortalView {
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      url: r.url,
      embedKey: r.embed_key,
      embedUrl: `${this.config.http.publicBaseUrl}/embed/${encodeURIComponent(r.embed_key)}`,
    };
  }

  private async agencyRow(m: EntityManager, organizationId: string, id: string, lock = false): Promise<AgencyRow> {
    const rows: AgencyRow[] = isUuid(id)
      ? await m.query(
          `SELECT id, code, name, email, group_code FROM agencies WHERE id = $1 AND organization_id = $2
           ${lock ? 'FOR UPDATE' : ''}`,
          [id, organizationId],
        )
      : [];
    if (!rows[0]) throw new DirectoryNotFoundError(`Không tìm thấy cơ quan / Agency ${id} not found`);
    return rows[0];
  }

  private async portalRow(m: EntityManager, organizationId: string, id: string, lock = false): Promise<PortalRow> {
    const rows: PortalRow[] = isUuid(id)
      ? await m.query(
          `SELECT id, code, name, url, embed_key FROM portals WHERE id = $1 AND organization_id = $2
           ${lock ? 'FOR UPDATE' : ''}`,
          [id, organizationId],
        )
      : [];
    if (!rows[0]) throw new DirectoryNotFoundError(`Không tìm thấy cổng thông tin / Portal ${id} not found`);
    return rows[0];
  }

  private async uniqueCode<T>(what: string, code: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (isUniqueViolation(e))
        throw new DirectoryConflictError(`Mã "${code}" đã tồn tại / A ${what} with code "${code}" already exists`);
      throw e;
    }
  }

  private async inUseOnForeignKey<T>(what: string, id: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (isForeignKeyViolation(e))
        throw new DirectoryConflictError(
          `Không thể xóa ${what}: đang được dùng trong chiến dịch / Cannot delete ${id}: still used by a campaign`,
        );
      throw e;
    }
  }

  private record(
    m: EntityManager,
    actor: AdminActor,
    action: string,
    targetType: string,
    targetId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
    requestId: string | null,
  ): Promise<void> {
    return this.audit.record({ actor, action, targetType, targetId, before, after, requestId }, m);
  }
}

interface AgencyRow {
  id: string;
  code: string;
  name: string;
  email: string;
  group_code: string;
}

interface PortalRow {
  id: string;
  code: string;
  name: string;
  url: string;
  embed_key: string;
}

const agencyView = (r: AgencyRow): AgencyView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  email: r.email,
  group: r.group_code,
});
const agencyAudit = (r: AgencyRow) => ({ code: r.code, name: r.name, email: r.email, group: r.group_code });
const portalAudit = (r: PortalRow) => ({ code: r.code, name: r.name, url: r.url, embedKey: keyHint(r.embed_key) });

export const changed = (a: object, b: object): boolean => JSON.stringify(a) !== JSON.stringify(b);

/** Revokes a deleted partner's live API keys; how many. */
export async function revokePartnerKeys(
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
