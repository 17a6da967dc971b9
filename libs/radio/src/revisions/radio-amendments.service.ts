import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { updateReturning } from '@loa/db';
import { RadioConflictError, RadioForbiddenError, RadioNotFoundError } from '../radio-errors';
import { RadioPlanPatch, amendRadioPlan } from './amend-plan';
import { APPROVER_ROLES, assertOnAir, loadRadioCampaign } from './radio-campaign';
import { RadioAmended, RadioRevisionsService } from './radio-revisions.service';

type Operator = Actor & { type: 'user' };

export type AmendmentStatus = 'pending' | 'applied' | 'rejected' | 'withdrawn' | 'superseded';

export interface AmendmentView {
  number: number;
  status: AmendmentStatus;
  /** Plan fields the proposal changes, against the revision it was made on. */
  changed: string[];
  /** The fields as proposed (only those the proposer sent). */
  patch: RadioPlanPatch;
  reason: string;
  baseRevision: number;
  proposedBy: string;
  /** Display names, in lists (null where the row was read without them). */
  proposedByName: string | null;
  proposedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The revision it became, once applied. */
  revision: number | null;
}

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
 */
@Injectable()
export class RadioAmendmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
    return this.dataSource.transaction(async (m) => {
      const campaign = await loadRadioCampaign(m, actor.organizationId, campaignId);
      assertOnAir(campaign);
      const { changed } = amendRadioPlan(campaign.content, patch); // refuses a bad field now, by name
      if (!changed.length) return { amendment: null, changed: [], revision: campaign.revision };
      const pending = (await this.all(m, campaignId)).find((a) => a.status === 'pending');
      if (pending) {
        throw new RadioConflictError(
          `Đề xuất sửa số ${pending.number} đang chờ duyệt; duyệt, từ chối hoặc rút nó trước / ` +
            `amendment ${pending.number} is awaiting approval: approve, reject or withdraw it first`,
        );
      }
      const [row] = await m.query(
        `INSERT INTO radio_amendments (campaign_id, number, patch, changed, reason, base_revision, proposed_by)
         SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6 FROM radio_amendments WHERE campaign_id = $1
         RETURNING *`,
        [campaignId, JSON.stringify(patch), changed, reason.normalize('NFC'), campaign.revision, actor.id],
      );
      const amendment = toView(row as AmendmentRow);
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
    const outcome = await this.dataSource.transaction(async (m) => {
      const campaign = await loadRadioCampaign(m, actor.organizationId, campaignId);
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
    return this.dataSource.transaction(async (m) => {
      await loadRadioCampaign(m, actor.organizationId, campaignId);
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
    await loadRadioCampaign(this.dataSource.manager, organizationId, campaignId, { lock: false });
    return (await this.all(this.dataSource.manager, campaignId)).reverse();
  }

  private async pendingOne(m: EntityManager, campaignId: string, number: number): Promise<AmendmentView> {
    const [found]: AmendmentRow[] = await m.query(
      `SELECT * FROM radio_amendments WHERE campaign_id = $1 AND number = $2 FOR UPDATE`,
      [campaignId, number],
    );
    const row = found ? toView(found) : null;
    if (!row) throw new RadioNotFoundError(`amendment ${number} of campaign ${campaignId} not found`);
    if (row.status !== 'pending') {
      throw new RadioConflictError(`Đề xuất sửa số ${number} đã ${row.status} / amendment ${number} is ${row.status}`);
    }
    return row;
  }

  private async decide(
    m: EntityManager,
    campaignId: string,
    number: number,
    actor: Operator,
    status: Exclude<AmendmentStatus, 'pending'>,
    details: { revision: number | null; note: string | null },
  ): Promise<AmendmentView> {
    const [row] = await updateReturning<AmendmentRow>(
      m,
      `UPDATE radio_amendments SET status = $3, decided_by = $4, decided_at = now(), decision_note = $5, revision = $6
        WHERE campaign_id = $1 AND number = $2 AND status = 'pending' RETURNING *`,
      [campaignId, number, status, actor.id, details.note, details.revision],
    );
    return toView(row);
  }

  private async all(m: EntityManager, campaignId: string): Promise<AmendmentView[]> {
    const rows: AmendmentRow[] = await m.query(
      `SELECT a.*, pu.display_name AS proposed_by_name, du.display_name AS decided_by_name
         FROM radio_amendments a
         LEFT JOIN users pu ON pu.id = a.proposed_by
         LEFT JOIN users du ON du.id = a.decided_by
        WHERE a.campaign_id = $1 ORDER BY a.number`,
      [campaignId],
    );
    return rows.map(toView);
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

/**
 * A campaign that ends (cancelled, completed) closes its proposal under review: nothing can be amended any more.
 * Runs in the transaction that ends the campaign.
 */
export async function closePendingAmendments(
  m: { query(sql: string, params?: unknown[]): Promise<unknown> },
  campaignId: string,
  endedAs: 'cancelled' | 'completed',
): Promise<void> {
  await m.query(
    `UPDATE radio_amendments SET status = 'superseded', decided_at = now(), decision_note = $2
      WHERE campaign_id = $1 AND status = 'pending'`,
    [campaignId, `Chiến dịch đã ${endedAs === 'cancelled' ? 'bị hủy' : 'kết thúc'} / the campaign was ${endedAs}`],
  );
}

interface AmendmentRow {
  number: number;
  status: AmendmentStatus;
  changed: string[];
  patch: RadioPlanPatch;
  reason: string;
  base_revision: number;
  proposed_by: string;
  proposed_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  revision: number | null;
  /** Present when the row was read with the users' names (the list). */
  proposed_by_name?: string | null;
  decided_by_name?: string | null;
}

function toView(r: AmendmentRow): AmendmentView {
  return {
    number: r.number,
    status: r.status,
    changed: r.changed,
    patch: r.patch,
    reason: r.reason,
    baseRevision: r.base_revision,
    proposedBy: r.proposed_by,
    proposedByName: r.proposed_by_name ?? null,
    proposedAt: new Date(r.proposed_at).toISOString(),
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name ?? null,
    decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    decisionNote: r.decision_note,
    revision: r.revision,
  };
}
