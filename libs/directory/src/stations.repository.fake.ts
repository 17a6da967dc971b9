import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { fakePgError } from './db-errors.fake';
import type { StationRecord, StationsRepository } from './stations.repository';
import type { StationFields, TreeNode } from './validation';

/**
 * In-memory StationsRepository: stations by organisation. `withTreeLock` hands out a manager token and restores
 * every row (and key) when the work throws (the real one rolls back); writes with any other handle are refused.
 */
export class FakeStationsRepository implements Pick<StationsRepository, keyof StationsRepository> {
  readonly rows: Array<StationRecord & { organizationId: string }> = [];
  /** Campaigns ("title (status)") that use a station, by station id. */
  readonly usedBy = new Map<string, string[]>();
  /** Live partner keys by station id. */
  readonly liveKeys = new Map<string, number>();
  /** Stations another table still references (deleting one fails with a foreign-key violation). */
  readonly referenced = new Set<string>();
  private open: EntityManager | null = null;

  seed(organizationId: string, s: Partial<StationFields> & { code: string }): StationRecord {
    const row = {
      id: randomUUID(),
      organizationId,
      name: `Đài ${s.code}`,
      level: 'district' as const,
      parentCode: null,
      adminUnitCode: null,
      region: null,
      broadcastSlots: [],
      timeZone: 'Asia/Ho_Chi_Minh',
      contactEmail: null,
      ...s,
    };
    this.rows.push(row);
    return this.strip(row);
  }

  private strip(r: StationRecord & { organizationId: string }): StationRecord {
    const { organizationId: _org, ...rest } = r;
    return { ...rest, broadcastSlots: [...rest.broadcastSlots] };
  }

  private write(m: EntityManager, what: string): void {
    if (!this.open || m !== this.open) throw new Error(`fake: ${what} outside the tree lock's transaction`);
  }

  async list(organizationId: string): Promise<StationRecord[]> {
    const rank = { province: 0, district: 1, commune: 2 } as Record<string, number>;
    return this.rows
      .filter((r) => r.organizationId === organizationId)
      .sort((a, b) => rank[a.level] - rank[b.level] || a.code.localeCompare(b.code))
      .map((r) => this.strip(r));
  }

  async withTreeLock<T>(organizationId: string, work: (m: EntityManager, tree: TreeNode[]) => Promise<T>): Promise<T> {
    if (this.open) throw new Error('fake: nested tree lock');
    const m = { fake: 'stations transaction' } as unknown as EntityManager;
    const snapshot = this.rows.map((r) => ({ ...r }));
    const keys = new Map(this.liveKeys);
    this.open = m;
    try {
      const tree = this.rows
        .filter((r) => r.organizationId === organizationId)
        .map((r) => ({ code: r.code, level: r.level, parentCode: r.parentCode }));
      return await work(m, tree);
    } catch (e) {
      this.rows.splice(0, this.rows.length, ...snapshot);
      this.liveKeys.clear();
      keys.forEach((n, id) => this.liveKeys.set(id, n));
      throw e;
    } finally {
      this.open = null;
    }
  }

  async find(organizationId: string, id: string): Promise<StationRecord | null> {
    const r = this.rows.find((x) => x.id === id && x.organizationId === organizationId);
    return r ? this.strip(r) : null;
  }

  async findByCodes(_m: EntityManager, organizationId: string, codes: string[]): Promise<StationRecord[]> {
    return this.rows
      .filter((r) => r.organizationId === organizationId && codes.includes(r.code))
      .map((r) => this.strip(r));
  }

  async codeTaken(_m: EntityManager, code: string): Promise<boolean> {
    return this.rows.some((r) => r.code === code);
  }

  async codesElsewhere(_m: EntityManager, organizationId: string, codes: string[]): Promise<string[]> {
    return this.rows.filter((r) => r.organizationId !== organizationId && codes.includes(r.code)).map((r) => r.code);
  }

  async insert(m: EntityManager, organizationId: string, s: StationFields): Promise<string> {
    this.write(m, 'insert');
    return this.seed(organizationId, s).id;
  }

  async update(m: EntityManager, organizationId: string, id: string, s: StationFields): Promise<void> {
    this.write(m, 'update');
    const r = this.rows.find((x) => x.id === id && x.organizationId === organizationId);
    if (r) Object.assign(r, { ...s, code: r.code });
  }

  async childCodes(_m: EntityManager, id: string, limit = 5): Promise<string[]> {
    const me = this.rows.find((r) => r.id === id);
    return this.rows
      .filter((r) => me && r.organizationId === me.organizationId && r.parentCode === me.code)
      .map((r) => r.code)
      .sort()
      .slice(0, limit);
  }

  async campaignsUsing(
    _m: EntityManager,
    organizationId: string,
    s: Pick<StationRecord, 'id' | 'code'>,
  ): Promise<string[]> {
    const mine = this.rows.some((r) => r.id === s.id && r.organizationId === organizationId);
    return mine ? (this.usedBy.get(s.id) ?? []).slice(0, 5) : [];
  }

  async revokeKeys(m: EntityManager, id: string): Promise<number> {
    this.write(m, 'revokeKeys');
    const n = this.liveKeys.get(id) ?? 0;
    this.liveKeys.delete(id);
    return n;
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    this.write(m, 'delete');
    if (this.referenced.has(id)) throw fakePgError('23503', 'stations row still referenced');
    const i = this.rows.findIndex((r) => r.id === id);
    if (i >= 0) this.rows.splice(i, 1);
  }

  async importStations(
    m: EntityManager,
    organizationId: string,
    fresh: StationFields[],
    edited: StationFields[],
  ): Promise<void> {
    this.write(m, 'importStations');
    for (const s of fresh) this.seed(organizationId, s);
    for (const s of edited) {
      const r = this.rows.find((x) => x.organizationId === organizationId && x.code === s.code);
      if (r) Object.assign(r, s);
    }
  }
}
