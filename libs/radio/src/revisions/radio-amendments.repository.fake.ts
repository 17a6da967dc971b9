import type { Queryable } from '@loa/db';
import type {
  AmendmentDecision,
  AmendmentView,
  NewAmendment,
  RadioAmendmentsRepository,
} from './radio-amendments.repository';
import type { FakeRadioCampaignsRepository } from './radio-campaigns.repository.fake';

/** In-memory RadioAmendmentsRepository: proposals by campaign, numbered from 1. */
export class FakeRadioAmendmentsRepository implements Pick<RadioAmendmentsRepository, keyof RadioAmendmentsRepository> {
  readonly rows = new Map<string, AmendmentView[]>();
  /** Display names of users, as the list joins them. */
  readonly names = new Map<string, string>();

  /** Writes must join the transaction of `campaigns`, which also restores these rows when it fails. */
  constructor(private readonly campaigns: FakeRadioCampaignsRepository) {
    campaigns.attach(() => {
      const before = new Map([...this.rows].map(([k, v]) => [k, v.map((a) => ({ ...a }))]));
      return () => {
        this.rows.clear();
        before.forEach((v, k) => this.rows.set(k, v));
      };
    });
  }

  /** A proposal as stored (pending, by `proposer-1`, unless given). */
  seed(campaignId: string, a: Partial<AmendmentView> & { patch: AmendmentView['patch'] }): AmendmentView {
    const all = this.rows.get(campaignId) ?? [];
    const row: AmendmentView = {
      number: all.length + 1,
      status: 'pending',
      changed: Object.keys(a.patch),
      reason: 'lý do',
      baseRevision: 1,
      proposedBy: 'proposer-1',
      proposedByName: null,
      proposedAt: new Date('2025-03-03T00:00:00.000Z').toISOString(),
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      decisionNote: null,
      revision: null,
      ...a,
    };
    this.rows.set(campaignId, [...all, row]);
    return { ...row };
  }

  async insert(q: Queryable, a: NewAmendment): Promise<AmendmentView> {
    this.campaigns.assertInTransaction(q, 'amendment insert');
    return this.seed(a.campaignId, {
      patch: a.patch,
      changed: a.changed,
      reason: a.reason,
      baseRevision: a.baseRevision,
      proposedBy: a.proposedBy,
      proposedAt: new Date().toISOString(),
    });
  }

  async lockOne(q: Queryable, campaignId: string, number: number): Promise<AmendmentView | null> {
    this.campaigns.assertInTransaction(q, 'amendment lock');
    const found = (this.rows.get(campaignId) ?? []).find((a) => a.number === number);
    return found ? { ...found } : null;
  }

  async decide(q: Queryable, campaignId: string, number: number, d: AmendmentDecision): Promise<AmendmentView> {
    this.campaigns.assertInTransaction(q, 'amendment decision');
    const row = (this.rows.get(campaignId) ?? []).find((a) => a.number === number && a.status === 'pending');
    if (!row) throw new Error(`fake: amendment ${number} is not pending`);
    Object.assign(row, {
      status: d.status,
      decidedBy: d.decidedBy,
      decidedAt: new Date().toISOString(),
      decisionNote: d.note,
      revision: d.revision,
    });
    return { ...row };
  }

  async list(campaignId: string): Promise<AmendmentView[]> {
    return (this.rows.get(campaignId) ?? []).map((a) => ({
      ...a,
      proposedByName: this.names.get(a.proposedBy) ?? null,
      decidedByName: a.decidedBy ? (this.names.get(a.decidedBy) ?? null) : null,
    }));
  }

  async closePending(q: Queryable, campaignId: string, endedAs: 'cancelled' | 'completed'): Promise<void> {
    this.campaigns.assertInTransaction(q, 'closePending');
    for (const a of this.rows.get(campaignId) ?? []) {
      if (a.status !== 'pending') continue;
      Object.assign(a, { status: 'superseded', decidedAt: new Date().toISOString(), decisionNote: endedAs });
    }
  }
}
