import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Queryable, updateReturning } from '@loa/db';
import type { RadioPlanPatch } from './amend-plan';

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

/** A proposal to store (text already normalised); its number is the campaign's next. */
export interface NewAmendment {
  campaignId: string;
  patch: RadioPlanPatch;
  changed: string[];
  reason: string;
  baseRevision: number;
  proposedBy: string;
}

/** How a pending proposal ends. */
export interface AmendmentDecision {
  status: Exclude<AmendmentStatus, 'pending'>;
  decidedBy: string;
  note: string | null;
  /** The revision an applied proposal became. */
  revision: number | null;
}

/**
 * A campaign that ends (cancelled, completed) closes its proposal under review: nothing can be amended any more.
 * Runs in the transaction that ends the campaign (campaigns' cancel, the lifecycle's completion).
 */
export async function closePendingAmendments(
  q: Queryable,
  campaignId: string,
  endedAs: 'cancelled' | 'completed',
): Promise<void> {
  await q.query(
    `UPDATE radio_amendments SET status = 'superseded', decided_at = now(), decision_note = $2
      WHERE campaign_id = $1 AND status = 'pending'`,
    [campaignId, `Chiến dịch đã ${endedAs === 'cancelled' ? 'bị hủy' : 'kết thúc'} / the campaign was ${endedAs}`],
  );
}

/**
 * The SQL of `radio_amendments`: proposals to change what a launched campaign airs, numbered per campaign, and
 * how each ended. The review rules (four eyes, one pending at a time) are RadioAmendmentsService's.
 */
@Injectable()
export class RadioAmendmentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Stores a pending proposal numbered after the campaign's last one, in the caller's transaction. */
  async insert(q: Queryable, a: NewAmendment): Promise<AmendmentView> {
    const [row] = (await q.query(
      `INSERT INTO radio_amendments (campaign_id, number, patch, changed, reason, base_revision, proposed_by)
       SELECT $1, COALESCE(max(number), 0) + 1, $2, $3, $4, $5, $6 FROM radio_amendments WHERE campaign_id = $1
       RETURNING *`,
      [a.campaignId, JSON.stringify(a.patch), a.changed, a.reason, a.baseRevision, a.proposedBy],
    )) as AmendmentRow[];
    return toView(row);
  }

  /** One proposal of a campaign, locked until the caller's transaction ends; null when there is none. */
  async lockOne(q: Queryable, campaignId: string, number: number): Promise<AmendmentView | null> {
    const [found] = (await q.query(`SELECT * FROM radio_amendments WHERE campaign_id = $1 AND number = $2 FOR UPDATE`, [
      campaignId,
      number,
    ])) as AmendmentRow[];
    return found ? toView(found) : null;
  }

  /** Compare-and-set pending → decided, in the caller's transaction (which holds the proposal's lock). */
  async decide(q: Queryable, campaignId: string, number: number, d: AmendmentDecision): Promise<AmendmentView> {
    const [row] = await updateReturning<AmendmentRow>(
      q,
      `UPDATE radio_amendments SET status = $3, decided_by = $4, decided_at = now(), decision_note = $5, revision = $6
        WHERE campaign_id = $1 AND number = $2 AND status = 'pending' RETURNING *`,
      [campaignId, number, d.status, d.decidedBy, d.note, d.revision],
    );
    return toView(row);
  }

  /** Every proposal of a campaign with the users' names, oldest first. */
  async list(campaignId: string, q: Queryable = this.dataSource): Promise<AmendmentView[]> {
    const rows = (await q.query(
      `SELECT a.*, pu.display_name AS proposed_by_name, du.display_name AS decided_by_name
         FROM radio_amendments a
         LEFT JOIN users pu ON pu.id = a.proposed_by
         LEFT JOIN users du ON du.id = a.decided_by
        WHERE a.campaign_id = $1 ORDER BY a.number`,
      [campaignId],
    )) as AmendmentRow[];
    return rows.map(toView);
  }

  /** See `closePendingAmendments`. */
  closePending(q: Queryable, campaignId: string, endedAs: 'cancelled' | 'completed'): Promise<void> {
    return closePendingAmendments(q, campaignId, endedAs);
  }
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
