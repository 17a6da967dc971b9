import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { AgenciesPortalsRepository, AgencyRecord, PortalRecord } from './agencies-portals.repository';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from './errors';
import { isForeignKeyViolation, isUniqueViolation } from './db-errors';
import { Check, directoryCode, emailAddress, httpUrl, singleLine } from './validation';

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

/** The 409 for deleting a directory row that campaigns use, naming (up to five of) them. */
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
    private readonly directory: AgenciesPortalsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  // ── agencies ────────────────────────────────────────────────────────────────────────────────────────────────

  async listAgencies(organizationId: string): Promise<AgencyView[]> {
    return (await this.directory.listAgencies(organizationId)).map(agencyView);
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
      this.directory.transaction(async (m) => {
        const row = await this.directory.insertAgency(m, actor.organizationId, a);
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
    return this.directory.transaction(async (m) => {
      const before = await this.agencyRow(m, actor.organizationId, id);
      const after = await this.directory.updateAgency(m, actor.organizationId, before.id, { name, email, group });
      if (changed(agencyAudit(before), agencyAudit(after)))
        await this.record(m, actor, 'agency.update', 'agency', id, agencyAudit(before), agencyAudit(after), requestId);
      return agencyView(after);
    });
  }

  async deleteAgency(actor: AdminActor, id: string, requestId: string | null): Promise<void> {
    await this.directory.transaction(async (m) => {
      const before = await this.agencyRow(m, actor.organizationId, id, true);
      const using = await this.directory.campaignsUsingAgency(m, actor.organizationId, before);
      if (using.length) throw inUseError('cơ quan', before.code, using);
      await this.directory.deleteAgency(m, before.id);
      await this.record(m, actor, 'agency.delete', 'agency', id, agencyAudit(before), null, requestId);
    });
  }

  // ── portals ─────────────────────────────────────────────────────────────────────────────────────────────────

  async listPortals(organizationId: string): Promise<PortalView[]> {
    return (await this.directory.listPortals(organizationId)).map((r) => this.portalView(r));
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
      this.directory.transaction(async (m) => {
        const row = await this.directory.insertPortal(m, actor.organizationId, { ...p, embedKey: newEmbedKey() });
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
    return this.directory.transaction(async (m) => {
      const before = await this.portalRow(m, actor.organizationId, id);
      const after = await this.directory.updatePortal(m, actor.organizationId, before.id, { name, url });
      if (changed(portalAudit(before), portalAudit(after)))
        await this.record(m, actor, 'portal.update', 'portal', id, portalAudit(before), portalAudit(after), requestId);
      return this.portalView(after);
    });
  }

  /** A new embed key; the old embed URL stops serving at once (the portal must paste the new snippet). */
  async rotateEmbedKey(actor: AdminActor, id: string, requestId: string | null): Promise<PortalView> {
    return this.directory.transaction(async (m) => {
      const before = await this.portalRow(m, actor.organizationId, id, true);
      const after = await this.directory.setEmbedKey(m, before.id, newEmbedKey());
      await this.record(
        m,
        actor,
        'portal.rotate_embed_key',
        'portal',
        id,
        { embedKey: keyHint(before.embedKey) },
        { embedKey: keyHint(after.embedKey) },
        requestId,
      );
      return this.portalView(after);
    });
  }

  async deletePortal(actor: AdminActor, id: string, requestId: string | null): Promise<void> {
    await this.inUseOnForeignKey('cổng thông tin', id, () =>
      this.directory.transaction(async (m) => {
        const before = await this.portalRow(m, actor.organizationId, id, true);
        const using = await this.directory.campaignsUsingPortal(m, actor.organizationId, before);
        if (using.length) throw inUseError('cổng thông tin', before.code, using);
        const keys = await this.directory.revokePortalKeys(m, before.id);
        await this.directory.deletePortal(m, before.id);
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
    return this.directory.listCarriers();
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────────────────

  private portalView(r: PortalRecord): PortalView {
    return { ...r, embedUrl: `${this.config.http.publicBaseUrl}/embed/${encodeURIComponent(r.embedKey)}` };
  }

  private async agencyRow(m: EntityManager, organizationId: string, id: string, lock = false): Promise<AgencyRecord> {
    const row = await this.directory.findAgency(m, organizationId, id, lock);
    if (!row) throw new DirectoryNotFoundError(`Không tìm thấy cơ quan / Agency ${id} not found`);
    return row;
  }

  private async portalRow(m: EntityManager, organizationId: string, id: string, lock = false): Promise<PortalRecord> {
    const row = await this.directory.findPortal(m, organizationId, id, lock);
    if (!row) throw new DirectoryNotFoundError(`Không tìm thấy cổng thông tin / Portal ${id} not found`);
    return row;
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

const agencyView = (r: AgencyRecord): AgencyView => ({ ...r });
const agencyAudit = (r: AgencyRecord) => ({ code: r.code, name: r.name, email: r.email, group: r.group });
const portalAudit = (r: PortalRecord) => ({ code: r.code, name: r.name, url: r.url, embedKey: keyHint(r.embedKey) });

/** Whether an edit changed anything (audit entries are written only for real changes). */
export const changed = (a: object, b: object): boolean => JSON.stringify(a) !== JSON.stringify(b);
