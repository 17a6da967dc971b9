import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Queryable } from '@loa/db';

/** A campaign with its radio plan, as stored. */
export interface RadioCampaignRecord {
  status: string;
  emergency: boolean | null;
  /** The radio plan; null when the campaign has none. */
  content: Record<string, unknown> | null;
}

/** The next revision of a radio plan, ready to store (text already normalised). */
export interface NewRevision {
  revision: number;
  content: Record<string, unknown>;
  previousContent: Record<string, unknown>;
  changed: string[];
  reason: string;
  createdBy: string | null;
  approvedBy: string | null;
}

export interface RadioRevisionView {
  revision: number;
  changed: string[];
  reason: string;
  /** Who proposed the change (or uploaded the recording). */
  createdBy: string | null;
  /** Who approved it: a second person for an amendment, null for a recording (approvers upload on air). */
  approvedBy: string | null;
  createdAt: string;
}

/** A station named by a radio plan, with the slots a recording's fit is checked against. */
export interface PlanStation {
  id: string;
  code: string;
  broadcastSlots: unknown;
}

/** The radio plan's current revision (1 until amended). Shared with the broadcasts report. */
export async function currentRevision(q: Queryable, campaignId: string): Promise<number> {
  const [r] = (await q.query(
    `SELECT COALESCE(max(revision), 1)::int AS revision FROM radio_script_revisions WHERE campaign_id = $1`,
    [campaignId],
  )) as Array<{ revision: number }>;
  return r.revision;
}

/**
 * The SQL of a launched campaign's radio plan: the campaign row (locked while it is changed), the plan in
 * `channel_plans` and its numbered revisions (`radio_script_revisions`), and the stations it names. The rules
 * (who may change what, in which state) are the radio services'.
 */
@Injectable()
export class RadioCampaignsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Runs `work` in one database transaction; repositories (and the audit) given `m` join it. Unit specs' fakes run
   * `work` at once with a stand-in manager.
   */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * An organisation's campaign with its radio plan, or null. With `lock` the campaign row stays locked until the
   * transaction of `q` ends, so amendments, uploads and status changes of one campaign happen one after another.
   */
  async find(
    organizationId: string,
    campaignId: string,
    opts: { q?: Queryable; lock?: boolean } = {},
  ): Promise<RadioCampaignRecord | null> {
    const [row] = (await (opts.q ?? this.dataSource).query(
      `SELECT c.status, c.emergency, p.content
         FROM campaigns c LEFT JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
        WHERE c.id = $1 AND c.organization_id = $2
        ${opts.lock ? 'FOR UPDATE OF c' : ''}`,
      [campaignId, organizationId],
    )) as RadioCampaignRecord[];
    return row ?? null;
  }

  /** The radio plan's current revision (1 until amended). */
  currentRevision(campaignId: string, q: Queryable = this.dataSource): Promise<number> {
    return currentRevision(q, campaignId);
  }

  /** Stores a revision and makes its content the plan, in the caller's transaction. */
  async writeRevision(q: Queryable, campaignId: string, r: NewRevision): Promise<void> {
    await q.query(
      `INSERT INTO radio_script_revisions
         (campaign_id, revision, content, previous_content, changed, reason, created_by, approved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        campaignId,
        r.revision,
        JSON.stringify(r.content),
        JSON.stringify(r.previousContent),
        r.changed,
        r.reason,
        r.createdBy,
        r.approvedBy,
      ],
    );
    await q.query(`UPDATE channel_plans SET content = $2 WHERE campaign_id = $1 AND channel = 'radio'`, [
      campaignId,
      JSON.stringify(r.content),
    ]);
  }

  /** The revisions of a campaign's radio plan, newest first. */
  async history(campaignId: string): Promise<RadioRevisionView[]> {
    const rows: Array<{
      revision: number;
      changed: string[];
      reason: string;
      created_by: string | null;
      approved_by: string | null;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT revision, changed, reason, created_by, approved_by, created_at FROM radio_script_revisions
        WHERE campaign_id = $1 ORDER BY revision DESC`,
      [campaignId],
    );
    return rows.map((r) => ({
      revision: r.revision,
      changed: r.changed,
      reason: r.reason,
      createdBy: r.created_by,
      approvedBy: r.approved_by,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  /**
   * Compare-and-set of the status an edit leads to (an approved campaign back to pending approval, its approver
   * cleared), in the caller's transaction.
   */
  async setStatusAfterEdit(q: Queryable, campaignId: string, from: string, to: string): Promise<void> {
    await q.query(
      `UPDATE campaigns SET status = $2, approved_by = NULL, updated_at = now() WHERE id = $1 AND status = $3`,
      [campaignId, to, from],
    );
  }

  /** The organisation's stations with these codes, by code. */
  async stations(organizationId: string, codes: string[], q: Queryable = this.dataSource): Promise<PlanStation[]> {
    const rows = (await q.query(
      `SELECT id, code, broadcast_slots FROM stations WHERE organization_id = $1 AND code = ANY($2::text[]) ORDER BY code`,
      [organizationId, codes],
    )) as Array<{ id: string; code: string; broadcast_slots: unknown }>;
    return rows.map((s) => ({ id: s.id, code: s.code, broadcastSlots: s.broadcast_slots }));
  }
}
