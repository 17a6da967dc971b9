import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { RadioConflictError, RadioForbiddenError, RadioNotFoundError } from '../radio-errors';
import { RadioPlanPatch, amendRadioPlan } from './amend-plan';
import { AmendmentStatus, AmendmentView, RadioAmendmentsRepository } from './radio-amendments.repository';
import { APPROVER_ROLES, assertOnAir, loadRadioCampaign } from './radio-campaign';
import { RadioCampaignsRepository } from './radio-campaigns.repository';
import { RadioAmended, RadioRevisionsService } from './radio-revisions.service';

export type { AmendmentStatus, AmendmentView } from './radio-amendments.repository';

type Operator = Actor & { type: 'user' };

export interface AmendmentProposed {
  /** Null when the request changes nothing: no proposal is made. */
  amendment: AmendmentView | null;
  changed: string[];
  /** The plan's revision now (the amendment, once approved, makes the next one). */
  revision: number;
}

/**
 * Four eyes on air. Changing what a launched campaign airs is proposed by one operator (editor or approver) and
 * applied only when a different approver approves it, as a launch needs an author and a different approver. One
 * proposal is under review per campaign at a time; the proposer may withdraw it, another approver may reject it.
 * Approval applies the proposed fields to the plan as it is then (a new revision, see RadioRevisionsService).
 * Each request runs in one transaction holding the campaign's row lock (`campaigns.transaction`).
 */
@Injectable()
export class RadioAmendmentsService {
  constructor(
    private readonly campaigns: RadioCampaignsRepository,
    private readonly amendments: RadioAmendmentsRepository,
    private readonly revisions: RadioRevisionsService,
    private readonly audit: AuditService,
  ) {}

  async propose(
    actor: Operator,
    campaignId: string,
    patch: RadioPlanPatch,
    reason: string,
    requestId: string | null,
  ): Promise<AmendmentProposed> {
    return this.campaigns.transaction(async (m) => {
      const campaign = await loadRadioCampaign(this.campaigns, m, actor.organizationId, campaignId);
      assertOnAir(campaign);
      const { changed } = amendRadioPlan(campaign.content, patch); // refuses a bad field now, by name
      if (!changed.length) return { amendment: null, changed: [], revision: campaign.revision };
      const pending = (await this.amendments.list(campaignId, m)).find((a) => a.status === 'pending');
      if (pending) {
        throw new RadioConflictError(
          `Đề xuất sửa số ${pending.number} đang chờ duyệt; duyệt, từ chối hoặc rút nó trước / ` +
            `amendment ${pending.number} is awaiting approval: approve, reject or withdraw it first`,
        );
      }
      const amendment = await this.amendments.insert(m, {
        campaignId,
        patch,
        changed,
        reason: reason.normalize('NFC'),
        baseRevision: campaign.revision,
        proposedBy: actor.id,
      });
      await this.record(m, actor, campaignId, 'campaign.radio.amendment.propose', null, amendment, requestId);
      return { amendment, changed, revision: campaign.revision };
    });
  }

  /** A different approver applies a pending proposal: the plan gets a new revision (or none if nothing changes now). */
  async approve(
    actor: Operator,
    campaignId: string,
    number: number,
    requestId: string | null,
  ): Promise<RadioAmended & { amendment: AmendmentView }> {
    const outcome = await this.campaigns.transaction(async (m) => {
      const campaign = await loadRadioCampaign(this.campaigns, m, actor.organizationId, campaignId);
      const pending = await this.pendingOne(m, campaignId, number);
      if (pending.proposedBy === actor.id) {
        throw new RadioForbiddenError(
          'Người đề xuất không thể tự duyệt đề xuất của mình / the proposer cannot approve their own amendment',
        );
      }
      const applied = await this.revisions.applyInTransaction(
        m,
        actor,
        campaign,
        { patch: pending.patch, reason: pending.reason, proposedBy: pending.proposedBy, amendment: number },
        requestId,
      );
      const amendment = await this.decide(m, campaignId, number, actor, applied.created ? 'applied' : 'superseded', {
        revision: applied.created ? applied.revision : null,
        note: applied.created ? null : 'Kế hoạch đã có nội dung này / the plan already says this',
      });
      // An applied one is audited with its revision (campaign.radio.amend); one that changes nothing now, here.
      if (!applied.created) {
        await this.record(m, actor, campaignId, 'campaign.radio.amendment.superseded', pending, amendment, requestId);
      }
      return { applied, amendment };
    });
    return { ...(await this.revisions.renderAfterCommit(campaignId, outcome.applied)), amendment: outcome.amendment };
  }

  /** The proposer withdraws their proposal, or another approver rejects it (with a note saying why). */
  async decline(
    actor: Operator,
    campaignId: string,
    number: number,
    note: string | null,
    requestId: string | null,
  ): Promise<AmendmentView> {
    return this.campaigns.transaction(async (m) => {
      await loadRadioCampaign(this.campaigns, m, actor.organizationId, campaignId);
      const pending = await this.pendingOne(m, campaignId, number);
      const ownProposal = pending.proposedBy === actor.id;
      if (!ownProposal && !APPROVER_ROLES.includes(actor.role)) {
        throw new RadioForbiddenError(
          'Chỉ người đề xuất hoặc người duyệt mới được từ chối / only the proposer or an approver may decline it',
        );
      }
      const status = ownProposal ? 'withdrawn' : 'rejected';
      const amendment = await this.decide(m, campaignId, number, actor, status, {
        revision: null,
        note: note?.normalize('NFC') ?? null,
      });
      await this.record(m, actor, campaignId, `campaign.radio.amendment.${status}`, pending, amendment, requestId);
      return amendment;
    });
  }

  /** Every proposal of an organisation's campaign, newest first. */
  async list(organizationId: string, campaignId: string): Promise<AmendmentView[]> {
    await loadRadioCampaign(this.campaigns, null, organizationId, campaignId, { lock: false });
    return (await this.amendments.list(campaignId)).reverse();
  }

  /** The proposal, locked, which must still be pending (404 / 409 otherwise). */
  private async pendingOne(m: EntityManager, campaignId: string, number: number): Promise<AmendmentView> {
    const row = await this.amendments.lockOne(m, campaignId, number);
    if (!row) throw new RadioNotFoundError(`amendment ${number} of campaign ${campaignId} not found`);
    if (row.status !== 'pending') {
      throw new RadioConflictError(`Đề xuất sửa số ${number} đã ${row.status} / amendment ${number} is ${row.status}`);
    }
    return row;
  }

  private decide(
    m: EntityManager,
    campaignId: string,
    number: number,
    actor: Operator,
    status: Exclude<AmendmentStatus, 'pending'>,
    details: { revision: number | null; note: string | null },
  ): Promise<AmendmentView> {
    return this.amendments.decide(m, campaignId, number, {
      status,
      decidedBy: actor.id,
      note: details.note,
      revision: details.revision,
    });
  }

  private record(
    m: EntityManager,
    actor: Operator,
    campaignId: string,
    action: string,
    before: AmendmentView | null,
    after: AmendmentView,
    requestId: string | null,
  ): Promise<void> {
    return this.audit.record(
      {
        actor,
        action,
        targetType: 'campaign',
        targetId: campaignId,
        before: before ? { amendment: before.number, status: before.status } : null,
        after: { amendment: after.number, status: after.status, changed: after.changed, reason: after.reason },
        requestId,
      },
      m,
    );
  }
}
