import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { EntityManager } from 'typeorm';
import { AdminUnitMap, placeVerdict, resolveArea, vietnamDay } from '@loa/admin-units';
import { Actor, AuditService } from '@loa/audit';
import { CampaignEntity } from '@loa/db';
import { FanoutJob, QUEUES, fanoutJobId, handOver } from '@loa/queue';
import {
  AudienceReport,
  CarrierRouter,
  OptOutsService,
  type PlaceFilter,
  buildAudience,
  renderUnderCarrierRules,
} from '@loa/sms';
import { checkCampaignArea, organizationProvince } from './area/campaign-area-rules';
import { CampaignReferencesRepository } from './campaign-references.repository';
import { CampaignPlansRepository, CampaignTransitionChanges, CampaignsRepository } from './campaigns.repository';
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
import { isRehearsal, isUuid, markRehearsal } from '@loa/common';
import { TestList } from './test-list/check-test-list';
import { TestListRepository } from './test-list/test-list.repository';

const DEFAULT_WINDOW_MS = 7 * 24 * 3600 * 1000;

export interface CampaignCreated {
  campaign: CampaignEntity;
  audience: AudienceReport | null;
}

/**
 * Creates campaigns and moves them through the status machine; every change is compare-and-set and audited. The
 * rules are here (four eyes, edit rules, tenancy, NFC text); the SQL is in the repositories, and a change that
 * spans several statements runs in one `campaigns.transaction(…)` whose manager each of them is given.
 */
@Injectable()
export class CampaignsService {
  private readonly logger = new Logger(CampaignsService.name);

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly plans: CampaignPlansRepository,
    private readonly references: CampaignReferencesRepository,
    private readonly audit: AuditService,
    @InjectQueue(QUEUES.fanout) private readonly fanoutQueue: Queue<FanoutJob>,
    private readonly optOuts: OptOutsService,
    private readonly router: CarrierRouter,
    private readonly testLists: TestListRepository,
    private readonly units: AdminUnitMap,
  ) {}

  async create(
    actor: Actor & { type: 'user' },
    input: CreateCampaignInput,
    requestId: string | null,
  ): Promise<CampaignCreated> {
    const org = actor.organizationId;
    const directive = await this.references.directive(org, input.directiveId);
    if (!directive) throw new UnprocessableError('directiveId', `directive ${input.directiveId} not found`);
    const channels = input.channels;
    if (!channels.sms && !channels.email && !channels.banner && !channels.radio) {
      throw new UnprocessableError('channels', 'at least one channel (sms, email, banner, radio) is required');
    }
    const startsAt = input.startsAt ?? new Date();
    const endsAt = input.endsAt ?? new Date(startsAt.getTime() + DEFAULT_WINDOW_MS);
    if (endsAt <= startsAt) throw new UnprocessableError('endsAt', 'must be after startsAt');

    await this.checkDirectoryReferences(org, input);
    const area = await this.checkArea(org, input.area ?? [], startsAt, channels);
    const audience = channels.sms ? await this.audienceFor(channels.sms, input.mode ?? 'actual') : null;

    const campaign = await this.campaigns.transaction(async (m) => {
      const c = await this.campaigns.insert(m, {
        organizationId: org,
        directiveId: directive.id,
        title: input.title.normalize('NFC'),
        emergency: input.emergency ?? false,
        mode: input.mode ?? 'actual',
        status: 'draft',
        startsAt,
        endsAt,
        areaCodes: area,
        createdBy: actor.id,
      });
      const written = await this.writePlans(m, c.id, channels, audience);
      await this.audit.record(
        {
          actor,
          organizationId: org,
          action: 'campaign.create',
          targetType: 'campaign',
          targetId: c.id,
          after: { status: 'draft', channels: written, emergency: input.emergency ?? false, mode: c.mode, area },
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
    const c = await this.campaigns.findInOrganization(organizationId, id);
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
    const audience = channels.sms ? await this.audienceFor(channels.sms, patch.mode ?? current.mode) : null;
    const startsAt = patch.startsAt ?? current.startsAt;
    const endsAt = patch.endsAt ?? current.endsAt;
    if (endsAt <= startsAt) throw new UnprocessableError('endsAt', 'must be after startsAt');
    // A new area is checked against every plan: those edited now and those kept as they are.
    const kept = patch.area ? await this.storedPlans(id, channels) : {};
    const area = await this.checkArea(actor.organizationId, patch.area ?? current.areaCodes, startsAt, {
      ...kept,
      ...channels,
    });
    const campaign = await this.campaigns.transaction(async (m) => {
      const edited = await this.campaigns.edit(m, id, current.status, {
        title: (patch.title ?? current.title).normalize('NFC'),
        mode: patch.mode ?? current.mode,
        startsAt,
        endsAt,
        areaCodes: area,
        status: to,
      });
      if (!edited) {
        const now = await this.campaigns.reload(m, id);
        throw new InvalidTransitionError('edit', now.status as CampaignStatus);
      }
      const written = await this.writePlans(m, id, channels, audience);
      await this.audit.record(
        {
          actor,
          action: 'campaign.update',
          targetType: 'campaign',
          targetId: id,
          before: {
            status: current.status,
            ...(patch.mode ? { mode: current.mode } : {}),
            ...(patch.area ? { area: current.areaCodes } : {}),
          },
          after: {
            status: to,
            ...(patch.mode ? { mode: patch.mode } : {}),
            ...(patch.area ? { area } : {}),
            fields: Object.keys(patch).filter((k) => k !== 'channels'),
            channels: written,
          },
          requestId,
        },
        m,
      );
      return this.campaigns.reload(m, id);
    });
    return { campaign, audience };
  }

  /**
   * For a campaign with an area, how a subscriber list's place column is read: a row naming a place outside the
   * area is refused (a place the map cannot tell is kept). Null for a campaign without an area.
   */
  async audiencePlaceFilter(
    organizationId: string,
    campaign: CampaignEntity,
    column: string | null,
  ): Promise<PlaceFilter | null> {
    if (!campaign.areaCodes.length) return null;
    const day = vietnamDay(campaign.startsAt);
    const area = resolveArea(this.units, campaign.areaCodes, day).units;
    const province =
      organizationProvince(this.units, await this.references.organizationPlace(organizationId), day) ??
      (area[0] ? this.units.provinceOf(area[0]) : null);
    if (!province || !area.length) return null;
    return { column, verdict: (place) => placeVerdict(this.units, place, area, province, day) };
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
    if (!(await this.plans.hasPlan(id, 'sms'))) {
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
    const from = (await this.campaigns.lockStatus(m, id)) as CampaignStatus | null;
    if (!from) throw new NotFoundError('campaign', id);
    const to = statusAfterEdit(from);
    await this.campaigns.setStatusAfterEdit(m, id, to);
    await this.plans.recordAudienceImport(m, id, summary.importId);
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
    const row = await this.plans.smsReadiness(id);
    if (row.plan && !row.members && !row.orders) {
      throw new UnprocessableError(
        'channels.sms',
        'chưa có thuê bao nào: hãy nhập danh sách CSV hoặc đặt hàng nhà mạng / no subscribers yet: import a CSV list or add carrier orders',
      );
    }
  }

  /**
   * Routes the subscriber list (opted-out numbers left out), checks the carriers named in orders, and the text
   * against the rules of every carrier it will go through (sender name, parts over the carrier's cap): all of them
   * when the list comes later by CSV.
   */
  private async audienceFor(sms: SmsPlanInput, mode: string): Promise<AudienceReport> {
    const orders = sms.carrierOrders ?? [];
    const enabled = await this.references.enabledCarriers();
    const carriers = enabled.map((c) => c.code);
    const unknown = orders.filter((o) => !carriers.includes(o.carrierCode)).map((o) => o.carrierCode);
    if (unknown.length)
      throw new UnprocessableError('channels.sms.carrierOrders', `unknown carriers: ${unknown.join(', ')}`);
    const routed = buildAudience(sms.subscribers ?? [], this.router, new Set(carriers));
    const optedOut = await this.optOuts.optedOut(routed.accepted.map((a) => a.msisdn));
    const audience: AudienceReport = {
      ...routed,
      accepted: routed.accepted.filter((a) => !optedOut.has(a.msisdn)),
      optedOut: optedOut.size,
    };
    if (sms.subscribers?.length && audience.accepted.length === 0 && !orders.length) {
      throw new UnprocessableError('channels.sms.subscribers', 'no subscriber number could be routed to a carrier');
    }
    const used = sms.subscribers
      ? new Set([...audience.accepted.map((a) => a.carrier), ...orders.map((o) => o.carrierCode)])
      : new Set(carriers);
    const message = markRehearsal(mode, sms.text);
    const broken = enabled
      .filter((c) => used.has(c.code))
      .flatMap((c) => renderUnderCarrierRules(message, c, sms.stripDiacritics ?? false).errors);
    if (broken.length) throw new UnprocessableError('channels.sms.text', broken.join('; '));
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
    return this.transition(actor, id, 'approve', requestId, { approvedBy: actor.id, rejectionReason: null });
  }

  async reject(actor: Actor & { type: 'user' }, id: string, reason: string, requestId: string | null) {
    const c = await this.get(actor.organizationId, id);
    if (c.createdBy === actor.id) throw new ForbiddenActionError('An approver cannot review a campaign they created');
    return this.transition(actor, id, 'reject', requestId, { rejectionReason: reason.normalize('NFC') });
  }

  async launch(actor: Actor & { type: 'user' }, id: string, requestId: string | null, now = new Date()) {
    // Launching after the end would only expire every message: say so, and keep the campaign as it is (a campaign
    // that may not be launched at all is refused for its status, below).
    const current = await this.get(actor.organizationId, id);
    if (current.status === 'approved' && current.endsAt.getTime() <= now.getTime()) {
      throw new UnprocessableError(
        'endsAt',
        'thời gian chiến dịch đã kết thúc, hãy sửa thời gian kết thúc trước khi phát / the window is over: change endsAt first',
      );
    }
    const testList = isRehearsal(current.mode) ? await this.rehearsalList(current) : null;
    if (!testList) await this.assertSmsHasRecipients(actor.organizationId, id);
    const c = await this.transition(actor, id, 'launch', requestId, { launchedAt: new Date() }, async (m) => {
      // What a rehearsal reaches is fixed as it goes: later edits of the list do not change who it went to.
      if (testList) await this.plans.stampTestList(m, id, testList);
    });
    await this.handOverFanout(c.id, c.dispatchEpoch);
    return c;
  }

  /** The organisation's test list, which must hold someone for each channel a rehearsal pushes to (SMS, e-mail). */
  private async rehearsalList(c: CampaignEntity): Promise<TestList> {
    const list = await this.testLists.get(c.organizationId);
    const channels = await this.plans.channels(c.id);
    const missing = [
      ...(channels.includes('sms') && !list.msisdns.length ? ['số điện thoại / phone numbers'] : []),
      ...(channels.includes('email') && !list.emails.length ? ['địa chỉ thư / e-mail addresses'] : []),
    ];
    if (missing.length)
      throw new UnprocessableError(
        'mode',
        `danh sách thử nghiệm chưa có ${missing.join(', ')}: quản trị viên cần thêm trước khi phát diễn tập / ` +
          `the test list has no ${missing.map((x) => x.split(' / ')[1]).join(' or ')}: an admin must add them first`,
      );
    return list;
  }

  pause(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    return this.transition(actor, id, 'pause', requestId);
  }

  async resume(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    const c = await this.transition(actor, id, 'resume', requestId, { nextDispatchRound: true });
    await this.handOverFanout(c.id, c.dispatchEpoch);
    return c;
  }

  cancel(actor: Actor & { type: 'user' }, id: string, requestId: string | null) {
    return this.transition(actor, id, 'cancel', requestId, { finishedAt: new Date() }, async (m, c) => {
      // Unsent work stops at once; rows already handed to a carrier keep their outcome.
      await this.campaigns.stopUnsentWork(m, c.id);
    });
  }

  /**
   * After a launch or resume is stored: enqueue its fan-out, waiting at most FANOUT_HANDOVER_MS for Redis. When
   * Redis is down the operator still gets the stored state at once; the reconciler enqueues the fan-out of a plan
   * not yet fanned out (a late duplicate of this job is harmless: fan-out and sending are idempotent).
   */
  handOverFanout(campaignId: string, epoch: number): Promise<void> {
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
    changes: CampaignTransitionChanges = {},
    alsoInTransaction?: (m: EntityManager, c: CampaignEntity) => Promise<void>,
  ): Promise<CampaignEntity> {
    const current = await this.get(actor.organizationId, id);
    const to = nextStatus(action, current.status as CampaignStatus);
    return this.campaigns.transaction(async (m) => {
      if (!(await this.campaigns.transition(m, id, allowedFrom(action), to, changes))) {
        const now = await this.campaigns.reload(m, id);
        throw new InvalidTransitionError(action, now.status as CampaignStatus);
      }
      const updated = await this.campaigns.reload(m, id);
      if (alsoInTransaction) await alsoInTransaction(m, updated);
      await this.audit.record(
        {
          actor,
          organizationId: updated.organizationId,
          action: `campaign.${action}`,
          targetType: 'campaign',
          targetId: id,
          before: { status: current.status },
          after: { status: to, ...(changes.rejectionReason ? { reason: changes.rejectionReason } : {}) },
          requestId,
        },
        m,
      );
      return updated;
    });
  }

  /** Upserts the given channel plans (and, for SMS, replaces the audience); returns the channels written. */
  private async writePlans(
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
            : { accepted: await this.plans.audienceSize(m, campaignId) },
        },
      });
      // A plan edited without a subscriber list keeps the audience it has (e.g. imported from CSV).
      if (channels.sms.subscribers) await this.plans.replaceAudience(m, campaignId, audience.accepted);
    }
    if (channels.email) plans.push({ channel: 'email', content: nfcDeep(channels.email) });
    if (channels.banner) plans.push({ channel: 'banner', content: nfcDeep(channels.banner) });
    if (channels.radio) plans.push({ channel: 'radio', content: nfcDeep(channels.radio) });
    for (const p of plans) await this.plans.upsert(m, campaignId, p.channel, p.content);
    return plans.map((p) => p.channel);
  }

  /**
   * The campaign's area (unit codes in force on its first local day) against its channels; a radio plan that names
   * no station gets the area's stations here, so what is stored is what will air. 422 naming the field otherwise.
   */
  private async checkArea(
    org: string,
    codes: string[],
    startsAt: Date,
    channels: ChannelPlansInput,
  ): Promise<string[]> {
    const day = vietnamDay(startsAt);
    const resolved = resolveArea(
      this.units,
      codes.map((c) => c.trim()),
      day,
    );
    if (resolved.problems.length) throw new UnprocessableError('area', resolved.problems.join('; '));
    const needsPlaces = resolved.units.length > 0 || channels.radio?.stationCodes.length === 0;
    const noPlaces = { organizationUnit: null, organizationProvince: null, stations: [], portals: [], agencies: [] };
    const places = needsPlaces ? await this.references.places(org) : noPlaces;
    const check = checkCampaignArea(this.units, resolved.units, day, places, channels);
    if (check.problems.length) {
      const [first, ...rest] = check.problems;
      throw new UnprocessableError(
        first.field,
        [first.message, ...rest.map((p) => `${p.field}: ${p.message}`)].join('; '),
      );
    }
    if (channels.radio && check.radioStationCodes) channels.radio.stationCodes = check.radioStationCodes;
    if (channels.sms && check.carrierOrders) channels.sms.carrierOrders = check.carrierOrders;
    if (channels.email && check.email) Object.assign(channels.email, check.email);
    return resolved.units.map((u) => u.code);
  }

  /** The stored plans of the channels an edit leaves as they are (to check them against a new area). */
  private async storedPlans(campaignId: string, edited: ChannelPlansInput): Promise<ChannelPlansInput> {
    const kept: ChannelPlansInput = {};
    for (const plan of await this.plans.plansOf(campaignId)) {
      const channel = plan.channel as keyof ChannelPlansInput;
      if (edited[channel] === undefined) (kept as Record<string, unknown>)[channel] = plan.content;
    }
    return kept;
  }

  private async checkDirectoryReferences(org: string, input: Pick<CreateCampaignInput, 'channels'>): Promise<void> {
    const { email, banner, radio } = input.channels;
    if (email) {
      const codes = email.agencyCodes ?? [];
      const groups = email.agencyGroups ?? [];
      if (!codes.length && !groups.length) {
        throw new UnprocessableError('channels.email', 'name agencyGroups or agencyCodes');
      }
      const found = await this.references.agencies(org, codes, groups);
      const missing = codes.filter((c) => !found.some((a) => a.code === c));
      if (missing.length)
        throw new UnprocessableError('channels.email.agencyCodes', `unknown agencies: ${missing.join(', ')}`);
      const emptyGroups = groups.filter((g) => !found.some((a) => a.groupCode === g));
      if (emptyGroups.length) {
        throw new UnprocessableError('channels.email.agencyGroups', `no agency in groups: ${emptyGroups.join(', ')}`);
      }
    }
    if (banner?.portalCodes) {
      const found = await this.references.portalCodes(org, banner.portalCodes);
      const missing = banner.portalCodes.filter((c) => !found.includes(c));
      if (missing.length)
        throw new UnprocessableError('channels.banner.portalCodes', `unknown portals: ${missing.join(', ')}`);
    }
    if (banner?.images?.length) {
      const ids = banner.images.map((i) => i.imageId);
      const found = await this.references.bannerImages(org, ids);
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length) {
        throw new UnprocessableError('channels.banner.images', `unknown images: ${missing.join(', ')}`);
      }
      const sizes = found.map((f) => f.size);
      const twice = sizes.filter((s, i) => sizes.indexOf(s) !== i);
      if (twice.length || ids.length !== new Set(ids).size) {
        throw new UnprocessableError(
          'channels.banner.images',
          `one image per size (${[...new Set(twice)].join(', ')} twice)`,
        );
      }
    }
    if (radio?.stationCodes.length) {
      const found = await this.references.stationCodes(org, radio.stationCodes);
      const missing = radio.stationCodes.filter((c) => !found.includes(c));
      if (missing.length)
        throw new UnprocessableError('channels.radio.stationCodes', `unknown stations: ${missing.join(', ')}`);
    }
  }
}

/** How long a launch or resume waits for Redis to take its fan-out job before leaving it to the reconciler. */
const FANOUT_HANDOVER_MS = 2_000;

function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(nfcDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfcDeep(v)])) as T;
  }
  return value;
}
