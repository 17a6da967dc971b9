import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Queryable } from '@loa/db';
import type {
  NewRevision,
  PlanStation,
  RadioCampaignRecord,
  RadioCampaignsRepository,
  RadioRevisionView,
} from './radio-campaigns.repository';
import { FakeTransactions } from '@loa/db/testing';

/** A campaign with its radio plan, as the fake keeps it. */
export interface FakeRadioCampaign {
  id: string;
  organizationId: string;
  status: string;
  emergency: boolean;
  approvedBy: string | null;
  /** The radio plan; null for a campaign without one. */
  content: Record<string, unknown> | null;
}

/**
 * In-memory RadioCampaignsRepository. `transaction()` hands out a manager token and, when the work throws,
 * restores the rows of every fake attached to it; a locking read or a write with another handle is refused, so a
 * service that forgets to join the transaction (or to lock the campaign) fails its spec.
 */
export class FakeRadioCampaignsRepository implements Pick<RadioCampaignsRepository, keyof RadioCampaignsRepository> {
  readonly campaigns = new Map<string, FakeRadioCampaign>();
  readonly revisions = new Map<string, Array<NewRevision & { createdAt: Date }>>();
  readonly stationRows: Array<PlanStation & { organizationId: string }> = [];
  private readonly tx = new FakeTransactions('radio');
  /** The managers of the transactions run so far. */
  readonly transactions = this.tx.managers;
  /** Campaign ids locked, in order (each locking read). */
  readonly locks: string[] = [];

  constructor() {
    this.attach(() => {
      const campaigns = [...this.campaigns.values()].map((c) => ({ ...c }));
      const revisions = new Map([...this.revisions].map(([k, v]) => [k, [...v]]));
      return () => {
        this.campaigns.clear();
        campaigns.forEach((c) => this.campaigns.set(c.id, c));
        this.revisions.clear();
        revisions.forEach((v, k) => this.revisions.set(k, v));
      };
    });
  }

  /** A running campaign of `org-1` with a radio plan for station `rg-hue` unless given. */
  seed(row: Partial<FakeRadioCampaign> = {}): FakeRadioCampaign {
    const c: FakeRadioCampaign = {
      id: randomUUID(),
      organizationId: 'org-1',
      status: 'running',
      emergency: false,
      approvedBy: null,
      content: { stationCodes: ['rg-hue'], script: 'Kính thưa bà con', repeat: 1 },
      ...row,
    };
    this.campaigns.set(c.id, c);
    return c;
  }

  /** Another fake whose state a failed transaction restores: `snapshot()` returns the function that restores it. */
  attach(snapshot: () => () => void): void {
    this.tx.attach(snapshot);
  }

  /** Throws unless `q` is the manager of the transaction running now. */
  assertInTransaction(q: Queryable | EntityManager | undefined, what: string): void {
    this.tx.assertIn(q, what);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  async find(
    organizationId: string,
    campaignId: string,
    opts: { q?: Queryable; lock?: boolean } = {},
  ): Promise<RadioCampaignRecord | null> {
    if (opts.lock) {
      this.assertInTransaction(opts.q, 'locking read');
      this.locks.push(campaignId);
    }
    const c = this.campaigns.get(campaignId);
    if (!c || c.organizationId !== organizationId) return null;
    return { status: c.status, emergency: c.emergency, content: c.content ? { ...c.content } : null };
  }

  async currentRevision(campaignId: string): Promise<number> {
    const all = this.revisions.get(campaignId) ?? [];
    return all.reduce((max, r) => Math.max(max, r.revision), 1);
  }

  async writeRevision(q: Queryable, campaignId: string, r: NewRevision): Promise<void> {
    this.assertInTransaction(q, 'writeRevision');
    const all = this.revisions.get(campaignId) ?? [];
    if (all.some((x) => x.revision === r.revision)) throw new Error(`fake: revision ${r.revision} exists`);
    this.revisions.set(campaignId, [...all, { ...r, createdAt: new Date() }]);
    const c = this.campaigns.get(campaignId);
    if (c?.content) c.content = { ...r.content };
  }

  async history(campaignId: string): Promise<RadioRevisionView[]> {
    return [...(this.revisions.get(campaignId) ?? [])]
      .sort((a, b) => b.revision - a.revision)
      .map((r) => ({
        revision: r.revision,
        changed: r.changed,
        reason: r.reason,
        createdBy: r.createdBy,
        approvedBy: r.approvedBy,
        createdAt: r.createdAt.toISOString(),
      }));
  }

  async setStatusAfterEdit(q: Queryable, campaignId: string, from: string, to: string): Promise<void> {
    this.assertInTransaction(q, 'setStatusAfterEdit');
    const c = this.campaigns.get(campaignId);
    if (!c || c.status !== from) return;
    c.status = to;
    c.approvedBy = null;
  }

  async stations(organizationId: string, codes: string[]): Promise<PlanStation[]> {
    return this.stationRows
      .filter((s) => s.organizationId === organizationId && codes.includes(s.code))
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((s) => ({ id: s.id, code: s.code, broadcastSlots: s.broadcastSlots }));
  }
}
