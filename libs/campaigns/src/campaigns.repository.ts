import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type CampaignMode, SQL_SEARCH_FOLD, isRehearsal, isUuid, searchPattern } from '@loa/common';
import { CampaignEntity, ChannelPlanEntity, type Queryable, updateReturning } from '@loa/db';
import { cancelQueuedRows } from '@loa/delivery';
import { closePendingAmendments } from '@loa/radio';
import { cancelOpenCarrierOrders } from '@loa/sms';
import type { TestList } from './test-list/check-test-list';

export interface CampaignListFilter {
  /** Words of the title, the document code or the subject, accent- and case-insensitive. */
  q?: string;
  statuses?: string[];
  channel?: string;
  /** actual, exercise or test; every mode when omitted. */
  modes?: string[];
  /** Campaigns whose window overlaps [from, to). */
  from?: Date;
  to?: Date;
  /** Only campaigns this user created. */
  createdBy?: string;
  page: number;
  pageSize: number;
}

export interface CampaignListItem {
  id: string;
  title: string;
  status: string;
  emergency: boolean;
  mode: CampaignMode;
  channels: string[];
  startsAt: string;
  endsAt: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  createdByName: string | null;
  approvedBy: string | null;
  directiveId: string;
  documentCode: string | null;
  subject: string | null;
}

/** What a campaign is created with. */
export interface NewCampaign {
  organizationId: string;
  directiveId: string;
  title: string;
  emergency: boolean;
  mode: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  areaCodes: string[];
  createdBy: string;
}

/** An edit of a campaign that has not started: its fields and the status the edit leads to. */
export interface CampaignEdit {
  title: string;
  mode: string;
  startsAt: Date;
  endsAt: Date;
  areaCodes: string[];
  status: string;
}

/** What a status transition sets besides the status; a field left undefined keeps its column as it is. */
export interface CampaignTransitionChanges {
  approvedBy?: string;
  rejectionReason?: string | null;
  launchedAt?: Date;
  finishedAt?: Date;
  /** Starts a new dispatch round (`dispatch_epoch + 1`), so the round's job ids are new. */
  nextDispatchRound?: boolean;
}

/** Columns of `CampaignTransitionChanges`, in the order they are set. */
const TRANSITION_COLUMNS = {
  approvedBy: 'approved_by',
  rejectionReason: 'rejection_reason',
  launchedAt: 'launched_at',
  finishedAt: 'finished_at',
} as const;

/**
 * The SQL of `campaigns`: the row and its status machine (each transition a compare-and-set on the statuses it
 * may leave), and the lists of the operators' console (one statement a page, counted with a window function).
 * The rules (which transition, who may make it, what is audited) are CampaignsService's.
 */
@Injectable()
export class CampaignsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one database transaction. Repository methods (and the audit) given `m` join it; the whole
   * change commits or rolls back together. Unit specs' fakes run `work` at once with a stand-in manager.
   */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** An organisation's campaign, or null (unknown id, or another organisation's). The id must be a UUID. */
  findInOrganization(organizationId: string, id: string): Promise<CampaignEntity | null> {
    return this.dataSource.getRepository(CampaignEntity).findOne({ where: { id, organizationId } });
  }

  /** Any campaign by id, whatever its organisation (the worker's fan-out, which acts for every tenant). */
  find(id: string): Promise<CampaignEntity | null> {
    return this.dataSource.getRepository(CampaignEntity).findOne({ where: { id } });
  }

  /**
   * The reconciler: running campaigns with a plan not yet materialised, or with rows that may go but have waited
   * `requeueAfterSeconds` in `queued` (their job was lost, e.g. with Redis), start a new dispatch round.
   */
  async bumpDispatchForLostWork(requeueAfterSeconds: number): Promise<Array<{ id: string; dispatchEpoch: number }>> {
    const rows = await updateReturning<{ id: string; dispatch_epoch: number }>(
      this.dataSource,
      `UPDATE campaigns c SET dispatch_epoch = dispatch_epoch + 1, updated_at = now()
        WHERE c.status = 'running' AND (
          EXISTS (SELECT 1 FROM channel_plans p WHERE p.campaign_id = c.id AND p.fanned_out_at IS NULL
                   AND c.updated_at < now() - make_interval(secs => $1))
          -- Rows queued for long in a queue still being worked through (a batch of the campaign started lately)
          -- wait their turn; only a campaign whose batches stopped has lost work, and only its rows are searched.
          OR c.starts_at <= now()
          AND (c.last_batch_at IS NULL OR c.last_batch_at < now() - make_interval(secs => $1))
          AND EXISTS (SELECT 1 FROM deliveries dl WHERE dl.campaign_id = c.id AND dl.status = 'queued'
                   AND dl.updated_at < now() - make_interval(secs => $1)
                   AND (dl.not_before IS NULL OR dl.not_before <= now()) AND dl.channel IN ('sms','email')
                   -- Rows of a carrier paused for the campaign wait for an operator, not for a lost job.
                   AND NOT EXISTS (SELECT 1 FROM carrier_pauses cp WHERE cp.campaign_id = c.id
                                    AND cp.carrier_code = dl.carrier_code AND cp.resumed_at IS NULL)))
        RETURNING c.id, c.dispatch_epoch`,
      [requeueAfterSeconds],
    );
    return rows.map((r) => ({ id: r.id, dispatchEpoch: Number(r.dispatch_epoch) }));
  }

  /**
   * running → completed, in the caller's transaction, for campaigns whose work is over: every plan materialised,
   * every SMS and email row final, every carrier order reported complete (or the window over), and banners and
   * radio only once the window has ended.
   */
  async completeFinished(m: EntityManager): Promise<Array<{ id: string; organizationId: string }>> {
    const rows = await updateReturning<{ id: string; organization_id: string }>(
      m,
      `UPDATE campaigns c SET status = 'completed', finished_at = now(), updated_at = now()
        WHERE c.status = 'running'
          AND NOT EXISTS (SELECT 1 FROM channel_plans p WHERE p.campaign_id = c.id AND p.fanned_out_at IS NULL)
          -- Only queued, sending and sent rows can still be open (every other state sets final_at): naming them
          -- lets deliveries_by_status go straight to them, where final_at alone walked every delivered row.
          AND NOT EXISTS (SELECT 1 FROM deliveries dl WHERE dl.campaign_id = c.id AND dl.channel IN ('sms','email')
                           AND dl.status IN ('queued','sending','sent') AND dl.final_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM carrier_orders o WHERE o.campaign_id = c.id
                           AND o.status IN ('open','acknowledged') AND c.ends_at > now())
          AND (c.ends_at <= now() OR NOT EXISTS (SELECT 1 FROM channel_plans p WHERE p.campaign_id = c.id
                                                 AND p.channel IN ('banner','radio')))
        RETURNING c.id, c.organization_id`,
    );
    return rows.map((r) => ({ id: r.id, organizationId: r.organization_id }));
  }

  /** Reads a campaign again inside the caller's transaction (one it has just changed or found missing). */
  reload(m: EntityManager, id: string): Promise<CampaignEntity> {
    return m.getRepository(CampaignEntity).findOneOrFail({ where: { id } });
  }

  /** Inserts a campaign in the caller's transaction; returns it with its id and timestamps. */
  insert(m: EntityManager, campaign: NewCampaign): Promise<CampaignEntity> {
    return m.save(m.create(CampaignEntity, campaign));
  }

  /**
   * Compare-and-set edit: title, window and status, only while the status is still `from`. Dropping back to
   * pending approval from approved clears the approver. False when the status had changed.
   */
  async edit(m: EntityManager, id: string, from: string, edit: CampaignEdit): Promise<boolean> {
    const rows = await updateReturning<{ id: string }>(
      m,
      `UPDATE campaigns SET title = $3, starts_at = $4, ends_at = $5, status = $6, mode = $7, area_codes = $8,
              approved_by = CASE WHEN $6 = 'pending_approval' AND status = 'approved' THEN NULL ELSE approved_by END,
              updated_at = now()
        WHERE id = $1 AND status = $2 RETURNING id`,
      [id, from, edit.title, edit.startsAt, edit.endsAt, edit.status, edit.mode, edit.areaCodes],
    );
    return rows.length > 0;
  }

  /**
   * Compare-and-set transition: the UPDATE only matches while the status is one of `from`, so two concurrent
   * calls cannot both succeed. False when it did not match.
   */
  async transition(
    m: EntityManager,
    id: string,
    from: readonly string[],
    to: string,
    changes: CampaignTransitionChanges = {},
  ): Promise<boolean> {
    const cols = (Object.keys(TRANSITION_COLUMNS) as Array<keyof typeof TRANSITION_COLUMNS>).filter(
      (k) => changes[k] !== undefined,
    );
    const assignments = [
      `status = $1`,
      `updated_at = now()`,
      ...cols.map((k, i) => `${TRANSITION_COLUMNS[k]} = $${i + 4}`),
      ...(changes.nextDispatchRound ? ['dispatch_epoch = dispatch_epoch + 1'] : []),
    ].join(', ');
    const rows = await updateReturning<{ id: string }>(
      m,
      `UPDATE campaigns SET ${assignments} WHERE id = $2 AND status = ANY($3) RETURNING id`,
      [to, id, from, ...cols.map((k) => changes[k])],
    );
    return rows.length > 0;
  }

  /** The campaigns among `ids` that belong to the organisation, with their titles. */
  async ownedBy(organizationId: string, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; title: string }> = await this.dataSource.query(
      `SELECT id, title FROM campaigns WHERE organization_id = $1 AND id = ANY($2::uuid[])`,
      [organizationId, ids],
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  }

  /** A running campaign's next dispatch round (its queued rows are enqueued again); null when it is not running. */
  async nextDispatchRound(m: EntityManager, id: string): Promise<number | null> {
    const rows = await updateReturning<{ dispatch_epoch: number }>(
      m,
      `UPDATE campaigns SET dispatch_epoch = dispatch_epoch + 1, updated_at = now()
        WHERE id = $1 AND status = 'running' RETURNING dispatch_epoch`,
      [id],
    );
    return rows[0]?.dispatch_epoch ?? null;
  }

  /** The campaign's status, its row locked until the caller's transaction ends; null when there is no such row. */
  async lockStatus(m: EntityManager, id: string): Promise<string | null> {
    const rows: Array<{ status: string }> = await m.query(`SELECT status FROM campaigns WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0]?.status ?? null;
  }

  /**
   * Stores the status an edit leads to (the caller holds the row lock); an approved campaign sent back for
   * approval loses its approver.
   */
  async setStatusAfterEdit(m: EntityManager, id: string, to: string): Promise<void> {
    await m.query(
      `UPDATE campaigns SET status = $2, updated_at = now(),
              approved_by = CASE WHEN $2 = 'pending_approval' AND status = 'approved' THEN NULL ELSE approved_by END
        WHERE id = $1`,
      [id, to],
    );
  }

  /**
   * In a cancel's transaction, what stops with the campaign: its queued deliveries (libs/delivery's transition,
   * rows already handed to a carrier keep their outcome), its open carrier orders, and the radio amendment under
   * review (libs/radio); each lib's own statement, joined to this transaction.
   */
  async stopUnsentWork(m: EntityManager, campaignId: string): Promise<void> {
    await cancelQueuedRows(m, campaignId);
    await cancelOpenCarrierOrders(m, campaignId);
    await closePendingAmendments(m, campaignId, 'cancelled');
  }

  async list(organizationId: string, f: CampaignListFilter): Promise<{ items: CampaignListItem[]; total: number }> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.id, c.title, c.status, c.emergency, c.mode, c.starts_at, c.ends_at, c.created_at, c.updated_at,
              c.created_by, u.display_name AS created_by_name, c.approved_by, c.directive_id,
              d.document_code, d.subject,
              ARRAY(SELECT p.channel FROM channel_plans p WHERE p.campaign_id = c.id ORDER BY p.channel) AS channels,
              count(*) OVER () AS total
         FROM campaigns c
         JOIN directives d ON d.id = c.directive_id
         LEFT JOIN users u ON u.id = c.created_by
        WHERE c.organization_id = $1
          AND ($2::text[] IS NULL OR c.status = ANY($2))
          AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM channel_plans p WHERE p.campaign_id = c.id AND p.channel = $3))
          AND ($4::timestamptz IS NULL OR c.ends_at > $4)
          AND ($5::timestamptz IS NULL OR c.starts_at < $5)
          AND ($6::uuid IS NULL OR c.created_by = $6)
          AND ($7::text IS NULL
               OR translate(lower(c.title), $8, $9) LIKE $7
               OR translate(lower(coalesce(d.document_code, '')), $8, $9) LIKE $7
               OR translate(lower(coalesce(d.subject, '')), $8, $9) LIKE $7)
          AND ($12::text[] IS NULL OR c.mode = ANY($12))
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT $10 OFFSET $11`,
      [
        organizationId,
        f.statuses?.length ? f.statuses : null,
        f.channel ?? null,
        f.from ?? null,
        f.to ?? null,
        f.createdBy ?? null,
        f.q?.trim() ? searchPattern(f.q) : null,
        SQL_SEARCH_FOLD.from,
        SQL_SEARCH_FOLD.to,
        f.pageSize,
        (f.page - 1) * f.pageSize,
        f.modes?.length ? f.modes : null,
      ],
    );
    const total = rows.length ? Number(rows[0].total) : await this.count(organizationId, f);
    return { items: rows.map(toItem), total };
  }

  /** A page past the end still says how many there are (so the pager can step back). */
  private async count(organizationId: string, f: CampaignListFilter): Promise<number> {
    if (f.page === 1) return 0;
    return (await this.list(organizationId, { ...f, page: 1, pageSize: 1 })).total;
  }
}

function iso(v: unknown): string {
  return (v as Date).toISOString();
}

function toItem(r: Record<string, unknown>): CampaignListItem {
  return {
    id: String(r.id),
    title: String(r.title),
    status: String(r.status),
    emergency: Boolean(r.emergency),
    mode: String(r.mode) as CampaignMode,
    channels: r.channels as string[],
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    createdBy: String(r.created_by),
    createdByName: (r.created_by_name as string | null) ?? null,
    approvedBy: (r.approved_by as string | null) ?? null,
    directiveId: String(r.directive_id),
    documentCode: (r.document_code as string | null) ?? null,
    subject: (r.subject as string | null) ?? null,
  };
}

export interface PlanRecipient {
  code: string;
  name: string;
  /** Agency email, portal address, station level ("district", "commune"). */
  detail: string;
  /** A commune station that airs its parent's script by relaying it. */
  relaysFrom?: string;
}

/** What a campaign will send, per channel, and to whom: what an approver reads before signing off. */
export interface CampaignPlanView {
  id: string;
  title: string;
  status: string;
  emergency: boolean;
  mode: CampaignMode;
  /** A rehearsal's only recipients: the test list it was launched with, or the organisation's list until then. */
  testList: TestList | null;
  /** Unit codes of its area (named by the report service); empty: the organisation's province. */
  areaCodes: string[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdByName: string | null;
  approvedBy: string | null;
  approvedByName: string | null;
  rejectionReason: string | null;
  directiveId: string;
  documentCode: string | null;
  subject: string | null;
  channels: {
    sms?: {
      content: Record<string, unknown>;
      subscribers: number;
      byCarrier: Array<{ carrierCode: string; subscribers: number }>;
    };
    email?: { content: Record<string, unknown>; recipients: PlanRecipient[] };
    banner?: { content: Record<string, unknown>; recipients: PlanRecipient[] };
    radio?: { content: Record<string, unknown>; recipients: PlanRecipient[] };
  };
}

type Row = Record<string, unknown>;
const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);

/** Whether an SMS plan may go out: it exists, and it has subscribers or carrier orders. */
export interface SmsPlanReadiness {
  plan: boolean;
  members: boolean;
  orders: boolean;
}

/** One subscriber of an SMS plan, routed to a carrier. */
export interface AudienceMember {
  msisdn: string;
  carrier: string;
}

/** Rows a multi-row audience INSERT carries at most (statements stay bounded; big lists come by CSV and COPY). */
const AUDIENCE_CHUNK = 1000;

/**
 * The SQL of `channel_plans` and of the SMS plan's subscriber list (`audience_members`): writing plans, reading
 * them, and resolving who each one reaches (the directory as it is now).
 */
@Injectable()
export class CampaignPlansRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every plan of a campaign (the fan-out materialises those not yet done). */
  plansOf(campaignId: string): Promise<ChannelPlanEntity[]> {
    return this.dataSource.getRepository(ChannelPlanEntity).find({ where: { campaignId } });
  }

  /** In the fan-out's transaction, after the channel wrote its rows: the plan is materialised. */
  async markMaterialised(m: EntityManager, planId: string): Promise<void> {
    await m.update(ChannelPlanEntity, { id: planId }, { fannedOutAt: new Date() });
  }

  /** Whether the campaign has a plan for this channel. */
  async hasPlan(campaignId: string, channel: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM channel_plans WHERE campaign_id = $1 AND channel = $2`,
      [campaignId, channel],
    );
    return rows.length > 0;
  }

  /** The channels the campaign has a plan for. */
  async channels(campaignId: string): Promise<string[]> {
    const rows: Array<{ channel: string }> = await this.dataSource.query(
      `SELECT channel FROM channel_plans WHERE campaign_id = $1`,
      [campaignId],
    );
    return rows.map((r) => r.channel);
  }

  /** Whether the campaign has an SMS plan, subscribers, and carrier orders in that plan. */
  async smsReadiness(campaignId: string): Promise<SmsPlanReadiness> {
    const [row]: SmsPlanReadiness[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM channel_plans WHERE campaign_id = $1 AND channel = 'sms') AS plan,
              EXISTS (SELECT 1 FROM audience_members WHERE campaign_id = $1) AS members,
              EXISTS (SELECT 1 FROM channel_plans WHERE campaign_id = $1 AND channel = 'sms'
                       AND jsonb_array_length(COALESCE(content->'carrierOrders', '[]'::jsonb)) > 0) AS orders`,
      [campaignId],
    );
    return row;
  }

  /** Writes a channel's whole plan (replacing the one there) in the caller's transaction. */
  async upsert(q: Queryable, campaignId: string, channel: string, content: unknown): Promise<void> {
    await q.query(
      `INSERT INTO channel_plans (campaign_id, channel, content) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, channel) DO UPDATE SET content = EXCLUDED.content`,
      [campaignId, channel, JSON.stringify(content)],
    );
  }

  /** How many subscribers the campaign's SMS audience holds. */
  async audienceSize(q: Queryable, campaignId: string): Promise<number> {
    const [row] = (await q.query(`SELECT count(*) AS n FROM audience_members WHERE campaign_id = $1`, [
      campaignId,
    ])) as Array<{ n: string }>;
    return Number(row.n);
  }

  /** Replaces the campaign's subscriber list in the caller's transaction (chunked multi-row inserts). */
  async replaceAudience(q: Queryable, campaignId: string, members: AudienceMember[]): Promise<void> {
    await q.query(`DELETE FROM audience_members WHERE campaign_id = $1`, [campaignId]);
    for (let i = 0; i < members.length; i += AUDIENCE_CHUNK) {
      const part = members.slice(i, i + AUDIENCE_CHUNK);
      await q.query(
        `INSERT INTO audience_members (campaign_id, msisdn, carrier_code)
         SELECT $1, x.msisdn, x.carrier FROM unnest($2::text[], $3::text[]) AS x(msisdn, carrier)
         ON CONFLICT DO NOTHING`,
        [campaignId, part.map((a) => a.msisdn), part.map((a) => a.carrier)],
      );
    }
  }

  /**
   * At a rehearsal's launch, in its transaction: the test list it goes to, kept in its SMS and e-mail plans (the
   * channels' fan-outs read it there).
   */
  async stampTestList(q: Queryable, campaignId: string, list: TestList): Promise<void> {
    await q.query(
      `UPDATE channel_plans SET content = content || jsonb_build_object('testList', $2::jsonb)
        WHERE campaign_id = $1 AND channel IN ('sms', 'email')`,
      [campaignId, JSON.stringify(list)],
    );
  }

  /** After a CSV import, in its transaction: the SMS plan's audience count and the import that set it. */
  async recordAudienceImport(q: Queryable, campaignId: string, importId: string): Promise<void> {
    await q.query(
      `UPDATE channel_plans
          SET content = jsonb_set(content, '{audience}', coalesce(content->'audience', '{}'::jsonb) ||
                jsonb_build_object('accepted', (SELECT count(*) FROM audience_members WHERE campaign_id = $1),
                                   'lastImportId', $2::text))
        WHERE campaign_id = $1 AND channel = 'sms'`,
      [campaignId, importId],
    );
  }

  /** Null for an unknown id, a malformed one, or another organisation's campaign. */
  async view(organizationId: string, id: string): Promise<CampaignPlanView | null> {
    if (!isUuid(id)) return null;
    const [c]: Row[] = await this.dataSource.query(
      `SELECT c.id, c.title, c.status, c.emergency, c.mode, c.area_codes, c.starts_at, c.ends_at, c.created_by, c.approved_by,
              c.rejection_reason, c.directive_id, d.document_code, d.subject, o.test_msisdns, o.test_emails,
              cu.display_name AS created_by_name, au.display_name AS approved_by_name
         FROM campaigns c
         JOIN directives d ON d.id = c.directive_id
         JOIN organizations o ON o.id = c.organization_id
         LEFT JOIN users cu ON cu.id = c.created_by
         LEFT JOIN users au ON au.id = c.approved_by
        WHERE c.id = $1 AND c.organization_id = $2`,
      [id, organizationId],
    );
    if (!c) return null;
    const plans: Array<{ channel: string; content: Record<string, unknown> }> = await this.dataSource.query(
      `SELECT channel, content FROM channel_plans WHERE campaign_id = $1`,
      [id],
    );
    const channels: CampaignPlanView['channels'] = {};
    for (const { channel, content } of plans) {
      if (channel === 'sms') channels.sms = await this.sms(id, content);
      else if (channel === 'email')
        channels.email = { content, recipients: await this.agencies(organizationId, content) };
      else if (channel === 'banner')
        channels.banner = { content, recipients: await this.portals(organizationId, content) };
      else if (channel === 'radio')
        channels.radio = { content, recipients: await this.stations(organizationId, content) };
    }
    const launchedWith = plans.map((p) => p.content.testList as TestList | undefined).find(Boolean);
    return {
      id: String(c.id),
      title: String(c.title),
      status: String(c.status),
      emergency: Boolean(c.emergency),
      mode: String(c.mode) as CampaignMode,
      testList: isRehearsal(String(c.mode))
        ? (launchedWith ?? { msisdns: strings(c.test_msisdns) ?? [], emails: strings(c.test_emails) ?? [] })
        : null,
      areaCodes: strings(c.area_codes) ?? [],
      startsAt: iso(c.starts_at),
      endsAt: iso(c.ends_at),
      createdBy: String(c.created_by),
      createdByName: (c.created_by_name as string | null) ?? null,
      approvedBy: (c.approved_by as string | null) ?? null,
      approvedByName: (c.approved_by_name as string | null) ?? null,
      rejectionReason: (c.rejection_reason as string | null) ?? null,
      directiveId: String(c.directive_id),
      documentCode: (c.document_code as string | null) ?? null,
      subject: (c.subject as string | null) ?? null,
      channels,
    };
  }

  /** The subscriber list is counted, not listed (it may hold millions). */
  private async sms(campaignId: string, content: Record<string, unknown>) {
    const rows: Array<{ carrier_code: string | null; n: string }> = await this.dataSource.query(
      `SELECT carrier_code, count(*) AS n FROM audience_members WHERE campaign_id = $1 GROUP BY 1 ORDER BY 1`,
      [campaignId],
    );
    const { subscribers: _listed, ...rest } = content;
    return {
      content: rest,
      subscribers: rows.reduce((a, r) => a + Number(r.n), 0),
      byCarrier: rows.map((r) => ({ carrierCode: r.carrier_code ?? '?', subscribers: Number(r.n) })),
    };
  }

  private async agencies(organizationId: string, content: Record<string, unknown>): Promise<PlanRecipient[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT code, name, email FROM agencies
        WHERE organization_id = $1 AND (group_code = ANY($2::text[]) OR code = ANY($3::text[]))
        ORDER BY name`,
      [organizationId, strings(content.agencyGroups) ?? [], strings(content.agencyCodes) ?? []],
    );
    return rows.map((r) => ({ code: String(r.code), name: String(r.name), detail: String(r.email) }));
  }

  /** Every portal of the organisation when the plan names none. */
  private async portals(organizationId: string, content: Record<string, unknown>): Promise<PlanRecipient[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT code, name, url FROM portals
        WHERE organization_id = $1 AND ($2::text[] IS NULL OR code = ANY($2::text[])) ORDER BY name`,
      [organizationId, strings(content.portalCodes)],
    );
    return rows.map((r) => ({ code: String(r.code), name: String(r.name), detail: String(r.url) }));
  }

  /** The named stations, then the commune stations that relay one of them. */
  private async stations(organizationId: string, content: Record<string, unknown>): Promise<PlanRecipient[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT s.code, s.name, s.level, CASE WHEN s.code = ANY($2::text[]) THEN NULL ELSE p.code END AS relays_from
         FROM stations s LEFT JOIN stations p ON p.id = s.parent_id
        WHERE s.organization_id = $1
          AND (s.code = ANY($2::text[]) OR (s.level = 'commune' AND p.code = ANY($2::text[])))
        ORDER BY relays_from NULLS FIRST, s.name`,
      [organizationId, strings(content.stationCodes) ?? []],
    );
    return rows.map((r) => ({
      code: String(r.code),
      name: String(r.name),
      detail: String(r.level),
      ...(r.relays_from ? { relaysFrom: String(r.relays_from) } : {}),
    }));
  }
}
