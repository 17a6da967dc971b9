import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CampaignEntity, ChannelPlanEntity, Queryable } from '@loa/db';
import type {
  AudienceMember,
  CampaignEdit,
  CampaignPlanView,
  CampaignPlansRepository,
  CampaignTransitionChanges,
  CampaignsRepository,
  NewCampaign,
  SmsPlanReadiness,
} from './campaigns.repository';
import { FakeTransactions } from '@loa/db/testing';
import type { TestList } from './test-list/check-test-list';

/**
 * In-memory CampaignsRepository. `transaction()` hands out a manager token and, when the work throws, restores
 * the rows of every fake attached to it (`attach`); writes with any other handle are refused, so a service that
 * forgets to join the transaction fails its spec.
 */
export class FakeCampaignsRepository implements Pick<CampaignsRepository, keyof CampaignsRepository> {
  readonly rows = new Map<string, CampaignEntity>();
  /** Campaigns whose unsent work was stopped (cancel), in order. */
  readonly stopped: string[] = [];
  private readonly tx = new FakeTransactions('campaigns');
  /** The managers of the transactions run so far. */
  readonly transactions = this.tx.managers;

  constructor() {
    this.tx.attach(this.snapshotter());
  }

  /** A campaign as stored; `status` draft, created by `creator-1` in `org-1` unless given. */
  seed(row: Partial<CampaignEntity> = {}): CampaignEntity {
    const now = new Date('2025-03-01T00:00:00.000Z');
    const c: CampaignEntity = {
      id: randomUUID(),
      organizationId: 'org-1',
      directiveId: randomUUID(),
      title: 'Tuyên truyền phòng chống dịch',
      status: 'draft',
      startsAt: new Date('2025-03-02T00:00:00.000Z'),
      endsAt: new Date('2025-03-09T00:00:00.000Z'),
      dispatchEpoch: 0,
      emergency: false,
      mode: 'actual',
      areaCodes: [],
      createdBy: 'creator-1',
      approvedBy: null,
      rejectionReason: null,
      launchedAt: null,
      finishedAt: null,
      createdAt: now,
      updatedAt: now,
      ...row,
    };
    this.rows.set(c.id, c);
    return { ...c };
  }

  /** Another fake whose state a failed transaction restores: `snapshot()` returns the function that restores it. */
  attach(snapshot: () => () => void): void {
    this.tx.attach(snapshot);
  }

  /** Throws unless `q` is the manager of the transaction running now. */
  assertInTransaction(q: Queryable | EntityManager, what: string): void {
    this.tx.assertIn(q, what);
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  async findInOrganization(organizationId: string, id: string): Promise<CampaignEntity | null> {
    const c = this.rows.get(id);
    return c && c.organizationId === organizationId ? { ...c } : null;
  }

  async find(id: string): Promise<CampaignEntity | null> {
    const c = this.rows.get(id);
    return c ? { ...c } : null;
  }

  /**
   * The reconciler's two statements decide on deliveries and carrier orders, which this fake does not hold: a spec
   * says what they find (`lostWork`, `finished`); the SQL itself is covered by the real-PostgreSQL tests.
   */
  lostWork: Array<{ id: string; dispatchEpoch: number }> = [];
  finished: Array<{ id: string; organizationId: string }> = [];

  async bumpDispatchForLostWork(_requeueAfterSeconds: number): Promise<Array<{ id: string; dispatchEpoch: number }>> {
    return this.lostWork.splice(0);
  }

  async completeFinished(m: EntityManager): Promise<Array<{ id: string; organizationId: string }>> {
    this.assertInTransaction(m, 'completeFinished');
    const done = this.finished.splice(0);
    for (const d of done) {
      const c = this.rows.get(d.id);
      if (c) Object.assign(c, { status: 'completed', finishedAt: new Date() });
    }
    return done;
  }

  async reload(m: EntityManager, id: string): Promise<CampaignEntity> {
    this.assertInTransaction(m, 'reload');
    const c = this.rows.get(id);
    if (!c) throw new Error(`fake: campaign ${id} not found`);
    return { ...c };
  }

  async insert(m: EntityManager, campaign: NewCampaign): Promise<CampaignEntity> {
    this.assertInTransaction(m, 'insert');
    return this.seed({ ...campaign, createdAt: new Date(), updatedAt: new Date() });
  }

  async edit(m: EntityManager, id: string, from: string, edit: CampaignEdit): Promise<boolean> {
    this.assertInTransaction(m, 'edit');
    const c = this.rows.get(id);
    if (!c || c.status !== from) return false;
    if (edit.status === 'pending_approval' && c.status === 'approved') c.approvedBy = null;
    Object.assign(c, {
      title: edit.title,
      mode: edit.mode,
      startsAt: edit.startsAt,
      endsAt: edit.endsAt,
      areaCodes: edit.areaCodes,
      status: edit.status,
    });
    c.updatedAt = new Date();
    return true;
  }

  async transition(
    m: EntityManager,
    id: string,
    from: readonly string[],
    to: string,
    changes: CampaignTransitionChanges = {},
  ): Promise<boolean> {
    this.assertInTransaction(m, 'transition');
    const c = this.rows.get(id);
    if (!c || !from.includes(c.status)) return false;
    c.status = to;
    c.updatedAt = new Date();
    if (changes.approvedBy !== undefined) c.approvedBy = changes.approvedBy;
    if (changes.rejectionReason !== undefined) c.rejectionReason = changes.rejectionReason;
    if (changes.launchedAt !== undefined) c.launchedAt = changes.launchedAt;
    if (changes.finishedAt !== undefined) c.finishedAt = changes.finishedAt;
    if (changes.nextDispatchRound) c.dispatchEpoch += 1;
    return true;
  }

  async ownedBy(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    return new Map(
      ids.flatMap((id) => {
        const c = this.rows.get(id);
        return c && c.organizationId === organizationId ? [[id, c.title] as [string, string]] : [];
      }),
    );
  }

  async nextDispatchRound(m: EntityManager, id: string): Promise<number | null> {
    this.assertInTransaction(m, 'nextDispatchRound');
    const c = this.rows.get(id);
    if (!c || c.status !== 'running') return null;
    c.dispatchEpoch += 1;
    return c.dispatchEpoch;
  }

  async lockStatus(m: EntityManager, id: string): Promise<string | null> {
    this.assertInTransaction(m, 'lockStatus');
    return this.rows.get(id)?.status ?? null;
  }

  async setStatusAfterEdit(m: EntityManager, id: string, to: string): Promise<void> {
    this.assertInTransaction(m, 'setStatusAfterEdit');
    const c = this.rows.get(id);
    if (!c) return;
    if (to === 'pending_approval' && c.status === 'approved') c.approvedBy = null;
    c.status = to;
    c.updatedAt = new Date();
  }

  async stopUnsentWork(m: EntityManager, campaignId: string): Promise<void> {
    this.assertInTransaction(m, 'stopUnsentWork');
    this.stopped.push(campaignId);
  }

  list(): never {
    throw new Error('fake: CampaignsRepository.list is not faked (the console lists are tested against PostgreSQL)');
  }

  private snapshotter(): () => () => void {
    return () => {
      const before = [...this.rows.values()].map((c) => ({ ...c }));
      const stopped = this.stopped.length;
      return () => {
        this.rows.clear();
        before.forEach((c) => this.rows.set(c.id, c));
        this.stopped.length = stopped;
      };
    };
  }
}

/** In-memory CampaignPlansRepository: plans by campaign and channel, and each campaign's subscriber list. */
export class FakeCampaignPlansRepository implements Pick<CampaignPlansRepository, keyof CampaignPlansRepository> {
  readonly plans = new Map<string, Map<string, Record<string, unknown>>>();
  readonly audience = new Map<string, AudienceMember[]>();

  /** Writes must join the transaction of `campaigns`, which also restores these rows when it fails. */
  constructor(private readonly campaigns: FakeCampaignsRepository) {
    campaigns.attach(() => {
      const plans = new Map([...this.plans].map(([id, byChannel]) => [id, new Map(byChannel)]));
      const audience = new Map(this.audience);
      return () => {
        this.plans.clear();
        plans.forEach((v, k) => this.plans.set(k, v));
        this.audience.clear();
        audience.forEach((v, k) => this.audience.set(k, v));
      };
    });
  }

  /** Plans (by id `<campaign>/<channel>`) the fan-out has materialised. */
  readonly materialised = new Set<string>();

  async plansOf(campaignId: string): Promise<ChannelPlanEntity[]> {
    return [...(this.plans.get(campaignId) ?? new Map<string, Record<string, unknown>>())].map(
      ([channel, content]) =>
        ({
          id: `${campaignId}/${channel}`,
          campaignId,
          channel,
          content,
          fannedOutAt: this.materialised.has(`${campaignId}/${channel}`) ? new Date() : null,
        }) as unknown as ChannelPlanEntity,
    );
  }

  async markMaterialised(m: EntityManager, planId: string): Promise<void> {
    this.campaigns.assertInTransaction(m, 'markMaterialised');
    this.materialised.add(planId);
  }

  /** A plan as stored. */
  seed(campaignId: string, channel: string, content: Record<string, unknown>): void {
    const byChannel = this.plans.get(campaignId) ?? new Map<string, Record<string, unknown>>();
    byChannel.set(channel, content);
    this.plans.set(campaignId, byChannel);
  }

  plan(campaignId: string, channel: string): Record<string, unknown> | undefined {
    return this.plans.get(campaignId)?.get(channel);
  }

  async hasPlan(campaignId: string, channel: string): Promise<boolean> {
    return this.plan(campaignId, channel) !== undefined;
  }

  async channels(campaignId: string): Promise<string[]> {
    return [...(this.plans.get(campaignId)?.keys() ?? [])];
  }

  async smsReadiness(campaignId: string): Promise<SmsPlanReadiness> {
    const sms = this.plan(campaignId, 'sms');
    const orders = sms?.carrierOrders;
    return {
      plan: sms !== undefined,
      members: (this.audience.get(campaignId) ?? []).length > 0,
      orders: Array.isArray(orders) && orders.length > 0,
    };
  }

  async upsert(q: Queryable, campaignId: string, channel: string, content: unknown): Promise<void> {
    this.campaigns.assertInTransaction(q, 'plan upsert');
    // Stored as JSON, as the real table does.
    this.seed(campaignId, channel, JSON.parse(JSON.stringify(content)) as Record<string, unknown>);
  }

  async stampTestList(q: Queryable, campaignId: string, list: TestList): Promise<void> {
    this.campaigns.assertInTransaction(q, 'stampTestList');
    for (const [channel, content] of this.plans.get(campaignId) ?? [])
      if (channel === 'sms' || channel === 'email') content.testList = JSON.parse(JSON.stringify(list));
  }

  async audienceSize(q: Queryable, campaignId: string): Promise<number> {
    this.campaigns.assertInTransaction(q, 'audienceSize');
    return (this.audience.get(campaignId) ?? []).length;
  }

  async replaceAudience(q: Queryable, campaignId: string, members: AudienceMember[]): Promise<void> {
    this.campaigns.assertInTransaction(q, 'replaceAudience');
    this.audience.set(campaignId, [...members]);
  }

  async recordAudienceImport(q: Queryable, campaignId: string, importId: string): Promise<void> {
    this.campaigns.assertInTransaction(q, 'recordAudienceImport');
    const sms = this.plan(campaignId, 'sms');
    if (!sms) return;
    const audience = (sms.audience ?? {}) as Record<string, unknown>;
    sms.audience = { ...audience, accepted: (this.audience.get(campaignId) ?? []).length, lastImportId: importId };
  }

  view(): Promise<CampaignPlanView | null> {
    throw new Error('fake: CampaignPlansRepository.view is not faked (tested against PostgreSQL)');
  }
}
