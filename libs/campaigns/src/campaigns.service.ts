import { updateReturning } from '@loa/db';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager, In } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { AgencyEntity, CampaignEntity, CarrierEntity, DirectiveEntity, PortalEntity, StationEntity } from '@loa/db';
import { FanoutJob, QUEUES, fanoutJobId, handOver } from '@loa/queue';
import { readConfigJson } from '@loa/config';
import { closePendingAmendments } from '@loa/radio';
import { AudienceReport, CarrierRouter, OptOutsService, buildAudience, loadPrefixTable } from '@loa/sms';
import { ChannelPlansInput, CreateCampaignInput, SmsPlanInput, UpdateCampaignInput } from './channel-plans';
import { ForbiddenActionError, NotFoundError, UnprocessableError } from './errors';
import {
  CampaignAction,
  CampaignStatus,
  EDITABLE_STATUSES,
  InvalidTransitionError,
  allowedFrom,
  nextStatus,
  statusAfterEdit,
} from '@loa/common';
import { isUuid } from '@loa/common';
import { cancelQueuedRows } from '@loa/delivery';

const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface CampaignCreated {
  campaign: CampaignEntity;
  audience: AudienceReport | null;
}

/** Creates campaigns and moves them through the status machine; every change is compare-and-set and audited. */
@Injectable()
export class CampaignsService {
  private readonly logger = new Logger(CampaignsService.name);
  private readonly router = new CarrierRouter(loadPrefixTable(readConfigJson('carrier-prefixes.json')));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @InjectQueue(QUEUES.fanout) private readonly fanoutQueue: Queue<FanoutJob>,
    private readonly optOuts: OptOutsService,
  ) {}

  async create(
    actor: Actor & { type: 'user' },
    input: CreateCampaignInput,
    requestId: string | null,
  ): Promise<CampaignCreated> {
    const org = actor.organizationId;
    const directive = await this.dataSource
      .getRepository(DirectiveEntity)
      .findOne({ where: { id: input.directiveId, organizationId: org } });
    if (!directive) throw new UnprocessableError('directiveId', `directive ${input.directiveId} not found`);
    const channels = input.channels;
    if (!channels.sms && !channels.email && !channels.banner && !channels.radio) {
      throw new UnprocessableError('channels', 'at least one channel (sms, email, banner, radio) is required');
    }
    const startsAt = input.startsAt ?? new Date();
    const endsAt = input.endsAt ?? new Date(startsAt.getTime() + DEFAULT_WINDOW_MS);
    if (endsAt <= startsAt) throw new UnprocessableError('endsAt', 'must be after startsAt');

    await this.checkDirectoryReferences(org, input);
    const audience = channels.sms ? await this.audienceFor(channels.sms) : null;

    const campaign = await this.dataSource.transaction(async (m) => {
      const c = await m.save(
        m.create(CampaignEntity, {
          organizationId: org,
          directiveId: directive.id,
          title: input.title.normalize('NFC'),
          emergency: input.emergency ?? false,
          status: 'draft',
          startsAt,
          endsAt,
          createdBy: actor.id,
        }),
      );
      const written = await writePlans(m, c.id, channels, audience);
      await this.audit.record(
        {
          actor,
          organizationId: org,
          action: 'campaign.create',
          targetType: 'campaign',
          targetId: c.id,
          after: { status: 'draft', channels: written, emergency: input.emergency ?? false },
          requestId,
        },
        m,
      );
      return c;
    });
    return { campaign, audience };
  }

  async get(organizationId: string, id: string): Promise<CampaignEntity> {
    if (!isUuid(id)) throw new NotFoundError('campaign', id);
    const c = await this.dataSource.getRepository(CampaignEntity).findOne({ where: { id, organizationId } });
    if (!c) throw new NotFoundError('campaign', id);
    return c;
  }

  /**
   * Edits a campaign that has not started: title, window, and whole channel plans. Editing an approved campaign
   * sends it back for approval (a second person signs off on what will actually go out).
   */
  async update(
    actor: Actor & { type: 'user' },
    id: string,
    patch: UpdateCampaignInput,
    requestId: string | null,
  ): Promise<{ campaign: CampaignEntity; audience: AudienceReport | null }> {
    const current = await this.get(actor.organizationId, id);
    const to = statusAfterEdit(current.status as CampaignStatus);
    const channels = patch.channels ?? {};
    await this.checkDirectoryReferences(actor.organizationId, { channels });
    const audience = channels.sms ? await this.audienceFor(channels.sms) : null;
    const startsAt = patch.startsAt ?? current.startsAt;
    const endsAt = patch.endsAt ?? current.endsAt;
    if (endsAt <= startsAt) throw new UnprocessableError('endsAt', 'must be after startsAt');
    const campaign = await this.dataSource.transaction(async (m) => {
      const rows = await updateReturning<{ id: string }>(
        m,
        `UPDATE campaigns SET title = $3, starts_at = $4, ends_at = $5, status = $6,
                approved_by = CASE WHEN $6 = 'pending_approval' AND status = 'approved' THEN NULL ELSE approved_by END,
                updated_at = now()
          WHERE id = $1 AND status = $2 RETURNING id`,
        [id, current.status, (patch.title ?? current.title).normalize('NFC'), startsAt, endsAt, to],
      );
      if (!rows.length) {
        const now = await m.getRepository(CampaignEntity).findOneOrFail({ where: { id } });
        throw new InvalidTransitionError('edit', now.status as CampaignStatus);
      }
      const written = await writePlans(m, id, channels, audience);
      await this.audit.record(
        {
          actor,
          action: 'campaign.update',
          targetType: 'campaign',
          targetId: id,
          before: { status: current.status },
          after: { status: to, fields: Object.keys(patch).filter((k) => k !== 'channels'), channels: written },
          requestId,
        },
        m,
      );
      return m.getRepository(CampaignEntity).findOneOrFail({ where: { id } });
    });
    return { campaign, audience };
  }

  /**
   * Where a CSV audience import may go: the organisation's campaign (404 otherwise), editable like any edit, with an
   * SMS plan already (the plan carries the text; the import only fills its audience).
   */
  async audienceImportTarget(organizationId: string, id: string): Promise<CampaignEntity> {
    const c = await this.get(organizationId, id);
    if (!EDITABLE_STATUSES.includes(c.status as CampaignStatus)) {
      throw new InvalidTransitionError('edit', c.status as CampaignStatus);
    }
    const plan: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM channel_plans WHERE campaign_id = $1 AND channel = 'sms'`,
      [id],
    );
    if (!plan.length) {
      throw new UnprocessableError(
        'channels.sms',
        'chiến dịch chưa có kế hoạch SMS: thêm channels.sms (nội dung tin) trước khi nhập danh sách / ' +
          'the campaign has no SMS plan yet: add channels.sms (its text) before importing subscribers',
      );
    }
    return c;
  }

  /**
   * In an audience import's transaction, once its rows are in: the edit rules (an approved campaign goes back for
   * approval; compare-and-set under a row lock), the SMS plan's audience count, and the audit event.
   */
  async recordAudienceImport(
    m: EntityManager,
    actor: Actor & { type: 'user' },
    id: string,
    summary: { importId: string } & Record<string, unknown>,
    requestId: string | null,
  ): Promise<void> {
    const rows: Array<{ status: CampaignStatus }> = await m.query(
      `SELECT status FROM campaigns WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const from = rows[0]?.status;
    if (!from) throw new NotFoundError('campaign', id);
    const to = statusAfterEdit(from);
    await m.query(
      `UPDATE campaigns SET status = $2, updated_at = now(),
              approved_by = CASE WHEN $2 = 'pending_approval' AND status = 'approved' THEN NULL ELSE approved_by END
        WHERE id = $1`,
      [id, to],
    );
    await m.query(
      `UPDATE channel_plans
          SET content = jsonb_set(content, '{audience}', coalesce(content->'audience', '{}'::jsonb) ||
                jsonb_build_object('accepted', (SELECT count(*) FROM audience_members WHERE campaign_id = $1),
                                   'lastImportId', $2::text))
        WHERE campaign_id = $1 AND channel = 'sms'`,
      [id, summary.importId],
    );
    await this.audit.record(
      {
        actor,
        action: 'campaign.audience_import',
        targetType: 'campaign',
        targetId: id,
        before: { status: from },
        after: { status: to, ...summary },
        requestId,
      },
      m,
    );
  }

  /** An SMS plan may be written before its list is imported, but it cannot go out to nobody. */
  private async assertSmsHasRecipients(organizationId: string, id: string): Promise<void> {
    await this.get(organizationId, id);
    const [row]: Array<{ plan: boolean; members: boolean; orders: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM channel_plans WHERE campaign_id = $1 AND channel = 'sms') AS plan,
              EXISTS (SELECT 1 FROM audience_members WHERE campaign_id = $1) AS members,
              EXISTS (SELECT 1 FROM channel_plans WHERE campaign_id = $1 AND channel = 'sms'
                       AND jsonb_array_length(COALESCE(content->'carrierOrders', '[]'::jsonb)) > 0) AS orders`,
      [id],
    );
    if (row.plan && !row.members && !row.orders) {
      throw new UnprocessableError(
        'channels.sms',
        'chưa có thuê bao nào: hãy nhập danh sách CSV hoặc đặt hàng nhà mạng / no subscribers yet: import a CSV list or add carrier orders',
      );
    }
  }

  /** Routes the subscriber list (opted-out numbers left out) and checks the carriers named in orders. */
  private async audienceFor(sms: SmsPlanInput): Promise<AudienceReport> {
    const orders = sms.carrierOrders ?? [];
    const carriers = await this.dataSource.getRepository(CarrierEntity).find({ where: { enabled: true } });
    const unknown = orders.filter((o) => !carriers.some((c) => c.code === o.carrierCode)).map((o) => o.carrierCode);
    if (unknown.length)
      throw new UnprocessableError('channels.sms.carrierOrders', `unknown carriers: ${unknown.join(', ')}`);
    const routed = buildAudience(sms.subscribers ?? [], this.router, new Set(carriers.map((c) => c.code)));
    const optedOut = await this.optOuts.optedOut(routed.accepted.map((a) => a.msisdn));
    const audience: AudienceReport = {
      ...routed,
      accepted: routed.accepted.filter((a) => !optedOut.has(a.msisdn)),
      optedOut: optedOut.size,
    };
    if (sms.subscribers?.length && audience.accepted.length === 0 && !orders.length) {
      throw new UnprocessableError('channels.sms.subscribers', 'no subscriber number could be routed to a carrier');
    }
    return audience;
  }

  submit(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    return this.transition(actor, id, 'submit', requestId);
  }

  async approve(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    const c = await this.get(actor.organizationId, id);
    if (c.createdBy === actor.id) {
      throw new ForbiddenActionError(
        'An approver cannot approve a campaign they created; another approver must sign off',
      );
    }
    return this.transition(actor, id, 'approve', requestId, { approved_by: actor.id, rejection_reason: null });
  }

  async reject(actor: Actor & { type: 'user' }, id: string, reason: string, requestId: string | null) {
    const c = await this.get(actor.organizationId, id);
    if (c.createdBy === actor.id) throw new ForbiddenActionError('An approver cannot review a campaign they created');
    return this.transition(actor, id, 'reject', requestId, { rejection_reason: reason.normalize('NFC') });
  }

  async launch(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    await this.assertSmsHasRecipients(actor.organizationId, id);
    const c = await this.transition(actor, id, 'launch', requestId, { launched_at: new Date() });
    await this.handOverFanout(c.id, c.dispatchEpoch);
    return c;
  }

  pause(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    return this.transition(actor, id, 'pause', requestId);
  }

  async resume(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    const c = await this.transition(actor, id, 'resume', requestId, {}, 'dispatch_epoch = dispatch_epoch + 1');
    await this.handOverFanout(c.id, c.dispatchEpoch);
    return c;
  }

  cancel(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    return this.transition(actor, id, 'cancel', requestId, { finished_at: new Date() }, undefined, async (m, c) => {
      // Unsent work stops at once; rows already handed to a carrier keep their outcome.
      await cancelQueuedRows(m, c.id);
      await m.query(
        `UPDATE carrier_orders SET status = 'cancelled' WHERE campaign_id = $1 AND status IN ('open','acknowledged')`,
        [c.id],
      );
      await closePendingAmendments(m, c.id, 'cancelled');
    });
  }

  /**
   * After a launch or resume is stored: enqueue its fan-out, waiting at most FANOUT_HANDOVER_MS for Redis. When
   * Redis is down the operator still gets the stored state at once; the reconciler enqueues the fan-out of a plan
   * not yet fanned out (a late duplicate of this job is harmless: fan-out and sending are idempotent).
   */
  private handOverFanout(campaignId: string, epoch: number): Promise<void> {
    const work = this.enqueueFanout(campaignId, epoch);
    return handOver(work, FANOUT_HANDOVER_MS, this.logger, `the fan-out of campaign ${campaignId}`, 'the reconciler');
  }

  /** Used by the worker's reconciler: enqueue (idempotently) the fan-out of a dispatch round. */
  async enqueueFanout(campaignId: string, epoch: number): Promise<void> {
    await this.fanoutQueue.add('fanout', { campaignId, epoch }, { jobId: fanoutJobId(campaignId, epoch) });
  }

  /**
   * Compare-and-set transition: the UPDATE only matches when the current status allows the action, so two
   * concurrent calls cannot both succeed. The audit event commits in the same transaction.
   */
  private async transition(
    actor: Actor & { type: 'user' },
    id: string,
    action: CampaignAction,
    requestId: string | null,
    set: Record<string, unknown> = {},
    rawSet?: string,
    alsoInTransaction?: (m: EntityManager, c: CampaignEntity) => Promise<void>,
  ): Promise<CampaignEntity> {
    const current = await this.get(actor.organizationId, id);
    const to = nextStatus(action, current.status as CampaignStatus);
    return this.dataSource.transaction(async (m) => {
      const cols = Object.keys(set);
      const assignments = [
        `status = $1`,
        `updated_at = now()`,
        ...cols.map((k, i) => `${k} = $${i + 4}`),
        ...(rawSet ? [rawSet] : []),
      ].join(', ');
      const rows = await updateReturning<Record<string, unknown>>(
        m,
        `UPDATE campaigns SET ${assignments} WHERE id = $2 AND status = ANY($3) RETURNING id`,
        [to, id, allowedFrom(action), ...cols.map((k) => set[k])],
      );
      if (!rows.length) {
        const now = await m.getRepository(CampaignEntity).findOneOrFail({ where: { id } });
        throw new InvalidTransitionError(action, now.status as CampaignStatus);
      }
      const updated = await m.getRepository(CampaignEntity).findOneOrFail({ where: { id } });
      if (alsoInTransaction) await alsoInTransaction(m, updated);
      await this.audit.record(
        {
          actor,
          organizationId: updated.organizationId,
          action: `campaign.${action}`,
          targetType: 'campaign',
          targetId: id,
          before: { status: current.status },
          after: { status: to, ...(set.rejection_reason ? { reason: set.rejection_reason } : {}) },
          requestId,
        },
        m,
      );
      return updated;
    });
  }

  private async checkDirectoryReferences(org: string, input: Pick<CreateCampaignInput, 'channels'>): Promise<void> {
    const { email, banner, radio } = input.channels;
    if (email) {
      const codes = email.agencyCodes ?? [];
      const groups = email.agencyGroups ?? [];
      if (!codes.length && !groups.length) {
        throw new UnprocessableError('channels.email', 'name agencyGroups or agencyCodes');
      }
      const found = await this.dataSource.getRepository(AgencyEntity).find({
        where: [
          { organizationId: org, code: In(codes) },
          { organizationId: org, groupCode: In(groups) },
        ],
      });
      const missing = codes.filter((c) => !found.some((a) => a.code === c));
      if (missing.length)
        throw new UnprocessableError('channels.email.agencyCodes', `unknown agencies: ${missing.join(', ')}`);
      const emptyGroups = groups.filter((g) => !found.some((a) => a.groupCode === g));
      if (emptyGroups.length) {
        throw new UnprocessableError('channels.email.agencyGroups', `no agency in groups: ${emptyGroups.join(', ')}`);
      }
    }
    if (banner?.portalCodes) {
      const found = await this.dataSource
        .getRepository(PortalEntity)
        .find({ where: { organizationId: org, code: In(banner.portalCodes) } });
      const missing = banner.portalCodes.filter((c) => !found.some((p) => p.code === c));
      if (missing.length)
        throw new UnprocessableError('channels.banner.portalCodes', `unknown portals: ${missing.join(', ')}`);
    }
    if (radio) {
      const found = await this.dataSource
        .getRepository(StationEntity)
        .find({ where: { organizationId: org, code: In(radio.stationCodes) } });
      const missing = radio.stationCodes.filter((c) => !found.some((s) => s.code === c));
      if (missing.length)
        throw new UnprocessableError('channels.radio.stationCodes', `unknown stations: ${missing.join(', ')}`);
    }
  }
}

/** How long a launch or resume waits for Redis to take its fan-out job before leaving it to the reconciler. */
const FANOUT_HANDOVER_MS = 2_000;

/** Upserts the given channel plans (and, for SMS, replaces the audience); returns the channels written. */
async function writePlans(
  m: EntityManager,
  campaignId: string,
  channels: ChannelPlansInput,
  audience: AudienceReport | null,
): Promise<string[]> {
  const plans: Array<{ channel: string; content: unknown }> = [];
  if (channels.sms && audience) {
    plans.push({
      channel: 'sms',
      content: {
        text: channels.sms.text.normalize('NFC'),
        stripDiacritics: channels.sms.stripDiacritics ?? false,
        carrierOrders: nfcDeep(channels.sms.carrierOrders ?? []),
        audience: channels.sms.subscribers
          ? {
              accepted: audience.accepted.length,
              rejected: audience.rejected,
              duplicates: audience.duplicates,
              optedOut: audience.optedOut,
            }
          : { accepted: await audienceSize(m, campaignId) },
      },
    });
    // A plan edited without a subscriber list keeps the audience it has (e.g. imported from CSV).
    if (channels.sms.subscribers) {
      await m.query(`DELETE FROM audience_members WHERE campaign_id = $1`, [campaignId]);
      await insertAudience(m, campaignId, audience);
    }
  }
  if (channels.email) plans.push({ channel: 'email', content: nfcDeep(channels.email) });
  if (channels.banner) plans.push({ channel: 'banner', content: nfcDeep(channels.banner) });
  if (channels.radio) plans.push({ channel: 'radio', content: nfcDeep(channels.radio) });
  for (const p of plans) {
    await m.query(
      `INSERT INTO channel_plans (campaign_id, channel, content) VALUES ($1, $2, $3)
       ON CONFLICT (campaign_id, channel) DO UPDATE SET content = EXCLUDED.content`,
      [campaignId, p.channel, JSON.stringify(p.content)],
    );
  }
  return plans.map((p) => p.channel);
}

async function audienceSize(m: EntityManager, campaignId: string): Promise<number> {
  const [row]: Array<{ n: string }> = await m.query(
    `SELECT count(*) AS n FROM audience_members WHERE campaign_id = $1`,
    [campaignId],
  );
  return Number(row.n);
}

async function insertAudience(m: EntityManager, campaignId: string, audience: AudienceReport): Promise<void> {
  // Chunked multi-row inserts keep statements bounded; the CSV import (COPY) replaces this for big lists.
  const chunk = 1000;
  for (let i = 0; i < audience.accepted.length; i += chunk) {
    const part = audience.accepted.slice(i, i + chunk);
    await m.query(
      `INSERT INTO audience_members (campaign_id, msisdn, carrier_code)
       SELECT $1, x.msisdn, x.carrier FROM unnest($2::text[], $3::text[]) AS x(msisdn, carrier)
       ON CONFLICT DO NOTHING`,
      [campaignId, part.map((a) => a.msisdn), part.map((a) => a.carrier)],
    );
  }
}

function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfcDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)])) as T;
  }
  return value;
}
