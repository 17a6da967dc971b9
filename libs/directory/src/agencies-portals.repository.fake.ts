import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type {
  AgenciesPortalsRepository,
  AgencyRecord,
  CarrierRecord,
  PortalRecord,
} from './agencies-portals.repository';
import { fakePgError } from './db-errors.fake';

type Owned<T> = T & { organizationId: string };

/**
 * In-memory AgenciesPortalsRepository: agencies and portals by organisation, the carrier list, which campaigns use
 * a row and its live partner keys. `transaction()` hands out a manager token and restores every row when the work
 * throws (the real one rolls back); writes with any other handle are refused. Codes are unique per organisation and
 * embed keys everywhere (a duplicate fails like PostgreSQL's unique violation).
 */
export class FakeAgenciesPortalsRepository implements Pick<AgenciesPortalsRepository, keyof AgenciesPortalsRepository> {
  readonly agencies: Array<Owned<AgencyRecord>> = [];
  readonly portals: Array<Owned<PortalRecord>> = [];
  readonly carriers: CarrierRecord[] = [];
  /** Campaigns ("title (status)") that use an agency or portal, by its id. */
  readonly usedBy = new Map<string, string[]>();
  /** Live partner keys by portal id. */
  readonly liveKeys = new Map<string, number>();
  /** Rows another table still references (deleting one fails with a foreign-key violation). */
  readonly referenced = new Set<string>();
  /** The managers of the transactions run so far. */
  readonly transactions: EntityManager[] = [];
  private open: EntityManager | null = null;

  seedAgency(organizationId: string, a: Partial<AgencyRecord> & { code: string }): AgencyRecord {
    const row = {
      id: randomUUID(),
      organizationId,
      name: `Sở ${a.code}`,
      email: `${a.code}@example.gov.vn`,
      group: 'so-nganh',
      ...a,
    };
    this.agencies.push(row);
    return strip(row);
  }

  seedPortal(organizationId: string, p: Partial<PortalRecord> & { code: string }): PortalRecord {
    const row = {
      id: randomUUID(),
      organizationId,
      name: `Cổng ${p.code}`,
      url: `https://${p.code}.example.gov.vn`,
      embedKey: randomUUID(),
      ...p,
    };
    this.portals.push(row);
    return strip(row);
  }

  private write(m: EntityManager, what: string): void {
    if (!this.open || m !== this.open) throw new Error(`fake: ${what} outside its transaction`);
  }

  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.open) throw new Error('fake: nested transaction');
    const m = { fake: `directory transaction ${this.transactions.length + 1}` } as unknown as EntityManager;
    const agencies = this.agencies.map((r) => ({ ...r }));
    const portals = this.portals.map((r) => ({ ...r }));
    const keys = new Map(this.liveKeys);
    this.transactions.push(m);
    this.open = m;
    try {
      return await work(m);
    } catch (e) {
      this.agencies.splice(0, this.agencies.length, ...agencies);
      this.portals.splice(0, this.portals.length, ...portals);
      this.liveKeys.clear();
      keys.forEach((n, id) => this.liveKeys.set(id, n));
      throw e;
    } finally {
      this.open = null;
    }
  }

  async listAgencies(organizationId: string): Promise<AgencyRecord[]> {
    return this.agencies
      .filter((r) => r.organizationId === organizationId)
      .sort((a, b) => a.group.localeCompare(b.group) || a.code.localeCompare(b.code))
      .map(strip);
  }

  async findAgency(_m: EntityManager, organizationId: string, id: string): Promise<AgencyRecord | null> {
    const r = this.agencies.find((x) => x.id === id && x.organizationId === organizationId);
    return r ? strip(r) : null;
  }

  async insertAgency(m: EntityManager, organizationId: string, a: Omit<AgencyRecord, 'id'>): Promise<AgencyRecord> {
    this.write(m, 'insertAgency');
    if (this.agencies.some((r) => r.organizationId === organizationId && r.code === a.code))
      throw fakePgError('23505', 'agencies (organization_id, code)');
    return this.seedAgency(organizationId, a);
  }

  async updateAgency(
    m: EntityManager,
    organizationId: string,
    id: string,
    patch: { name: string | null; email: string | null; group: string | null },
  ): Promise<AgencyRecord> {
    this.write(m, 'updateAgency');
    const r = this.agencies.find((x) => x.id === id && x.organizationId === organizationId)!;
    r.name = patch.name ?? r.name;
    r.email = patch.email ?? r.email;
    r.group = patch.group ?? r.group;
    return strip(r);
  }

  async campaignsUsingAgency(
    _m: EntityManager,
    organizationId: string,
    a: Pick<AgencyRecord, 'id' | 'code'>,
  ): Promise<string[]> {
    const mine = this.agencies.some((r) => r.id === a.id && r.organizationId === organizationId);
    return mine ? (this.usedBy.get(a.id) ?? []).slice(0, 5) : [];
  }

  async deleteAgency(m: EntityManager, id: string): Promise<void> {
    this.write(m, 'deleteAgency');
    if (this.referenced.has(id)) throw fakePgError('23503', 'agencies row still referenced');
    const i = this.agencies.findIndex((r) => r.id === id);
    if (i >= 0) this.agencies.splice(i, 1);
  }

  async listPortals(organizationId: string): Promise<PortalRecord[]> {
    return this.portals
      .filter((r) => r.organizationId === organizationId)
      .sort((a, b) => a.code.localeCompare(b.code))
      .map(strip);
  }

  async findPortal(_m: EntityManager, organizationId: string, id: string): Promise<PortalRecord | null> {
    const r = this.portals.find((x) => x.id === id && x.organizationId === organizationId);
    return r ? strip(r) : null;
  }

  async insertPortal(m: EntityManager, organizationId: string, p: Omit<PortalRecord, 'id'>): Promise<PortalRecord> {
    this.write(m, 'insertPortal');
    if (
      this.portals.some((r) => (r.organizationId === organizationId && r.code === p.code) || r.embedKey === p.embedKey)
    )
      throw fakePgError('23505', 'portals (organization_id, code) or embed_key');
    return this.seedPortal(organizationId, p);
  }

  async updatePortal(
    m: EntityManager,
    organizationId: string,
    id: string,
    patch: { name: string | null; url: string | null },
  ): Promise<PortalRecord> {
    this.write(m, 'updatePortal');
    const r = this.portals.find((x) => x.id === id && x.organizationId === organizationId)!;
    r.name = patch.name ?? r.name;
    r.url = patch.url ?? r.url;
    return strip(r);
  }

  async setEmbedKey(m: EntityManager, id: string, embedKey: string): Promise<PortalRecord> {
    this.write(m, 'setEmbedKey');
    const r = this.portals.find((x) => x.id === id)!;
    r.embedKey = embedKey;
    return strip(r);
  }

  async campaignsUsingPortal(
    _m: EntityManager,
    organizationId: string,
    p: Pick<PortalRecord, 'id' | 'code'>,
  ): Promise<string[]> {
    const mine = this.portals.some((r) => r.id === p.id && r.organizationId === organizationId);
    return mine ? (this.usedBy.get(p.id) ?? []).slice(0, 5) : [];
  }

  async revokePortalKeys(m: EntityManager, id: string): Promise<number> {
    this.write(m, 'revokePortalKeys');
    const n = this.liveKeys.get(id) ?? 0;
    this.liveKeys.delete(id);
    return n;
  }

  async deletePortal(m: EntityManager, id: string): Promise<void> {
    this.write(m, 'deletePortal');
    if (this.referenced.has(id)) throw fakePgError('23503', 'portals row still referenced');
    const i = this.portals.findIndex((r) => r.id === id);
    if (i >= 0) this.portals.splice(i, 1);
  }

  async listCarriers(): Promise<CarrierRecord[]> {
    return [...this.carriers].sort((a, b) => a.code.localeCompare(b.code)).map((c) => ({ ...c }));
  }
}

function strip<T extends { organizationId: string }>(r: T): Omit<T, 'organizationId'> {
  const { organizationId: _org, ...rest } = r;
  return rest;
}
