import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export type OverdueSubject = 'station' | 'carrier_order' | 'carrier_pause';
export type OverdueProblem = 'not_pulled' | 'missed_slot' | 'order_unacknowledged' | 'carrier_auto_paused';

/** Who owes what for which campaign: the key every step about it is recorded under. */
export interface OverdueKey {
  campaignId: string;
  subjectType: OverdueSubject;
  subjectId: string;
  problem: OverdueProblem;
}

/** The steps taken so far about one overdue subject. */
export interface OverdueState {
  reminders: number;
  lastReminderAt: Date | null;
  escalated: boolean;
}

/** A step to record before its e-mail goes; with no recipients it is recorded as `no_recipient` and not sent. */
export interface OverdueClaim extends OverdueKey {
  kind: 'reminder' | 'escalation';
  seq: number;
  recipients: string[];
}

/** A campaign as its notices name it, with the department's people to tell (editor, then approver). */
export interface CampaignNoticeContext {
  title: string;
  emergency: boolean;
  letter: string;
  owners: Array<{ name: string; email: string }>;
}

/** A recorded step, as the campaign's follow-ups list shows it. */
export interface OverdueFollowUpRow extends OverdueKey {
  id: string;
  subjectName: string | null;
  kind: 'reminder' | 'escalation';
  seq: number;
  recipients: string[];
  status: 'sending' | 'sent' | 'failed' | 'unknown' | 'no_recipient';
  createdAt: Date;
  sentAt: Date | null;
  error: string | null;
}

export const overdueKey = (k: OverdueKey): string => `${k.campaignId}:${k.subjectType}:${k.subjectId}:${k.problem}`;
export const stepKey = (c: OverdueKey & Pick<OverdueClaim, 'kind' | 'seq'>): string =>
  `${overdueKey(c)}:${c.kind}:${c.seq}`;

/**
 * The SQL of `overdue_follow_ups`: one row per reminder or escalation about a station that has not pulled or aired,
 * or a carrier order not acknowledged in time. Rows are claimed under a cluster-wide advisory lock, unique per step,
 * so a step is recorded (and sent) once whatever the number of workers or restarts.
 */
@Injectable()
export class OverdueFollowUpsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(fn);
  }

  async tryLock(m: EntityManager): Promise<boolean> {
    const [r]: Array<{ ok: boolean }> = await m.query(
      `SELECT pg_try_advisory_xact_lock(hashtext('loa:overdue-follow-ups')) AS ok`,
    );
    return r.ok;
  }

  /** The steps so far of every subject of these campaigns, by `overdueKey`. */
  async states(m: EntityManager, campaignIds: string[]): Promise<Map<string, OverdueState>> {
    if (campaignIds.length === 0) return new Map();
    const rows: Array<{
      campaign_id: string;
      subject_type: OverdueSubject;
      subject_id: string;
      problem: OverdueProblem;
      reminders: string;
      last_reminder_at: Date | null;
      escalated: boolean;
    }> = await m.query(
      `SELECT campaign_id, subject_type, subject_id, problem,
              count(*) FILTER (WHERE kind = 'reminder') AS reminders,
              max(created_at) FILTER (WHERE kind = 'reminder') AS last_reminder_at,
              bool_or(kind = 'escalation') AS escalated
         FROM overdue_follow_ups WHERE campaign_id = ANY($1::uuid[])
        GROUP BY campaign_id, subject_type, subject_id, problem`,
      [campaignIds],
    );
    return new Map(
      rows.map((r) => [
        overdueKey({
          campaignId: r.campaign_id,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          problem: r.problem,
        }),
        {
          reminders: Number(r.reminders),
          lastReminderAt: r.last_reminder_at ? new Date(r.last_reminder_at) : null,
          escalated: r.escalated,
        },
      ]),
    );
  }

  /** Records the steps (those already recorded are skipped); returns the new rows' ids by `stepKey`. */
  async claim(m: EntityManager, claims: OverdueClaim[], now: Date): Promise<Map<string, string>> {
    if (claims.length === 0) return new Map();
    const rows: Array<{
      id: string;
      campaign_id: string;
      subject_type: OverdueSubject;
      subject_id: string;
      problem: OverdueProblem;
      kind: OverdueClaim['kind'];
      seq: number;
    }> = await m.query(
      `INSERT INTO overdue_follow_ups (campaign_id, subject_type, subject_id, problem, kind, seq, recipients, status,
                                       created_at)
       SELECT u.campaign_id, u.subject_type, u.subject_id, u.problem, u.kind, u.seq,
              ARRAY(SELECT jsonb_array_elements_text(u.recipients)),
              CASE WHEN jsonb_array_length(u.recipients) = 0 THEN 'no_recipient' ELSE 'sending' END, $1::timestamptz
         FROM jsonb_to_recordset($2::jsonb) AS u(campaign_id uuid, subject_type text, subject_id uuid, problem text,
                                                 kind text, seq int, recipients jsonb)
       ON CONFLICT (campaign_id, subject_type, subject_id, problem, kind, seq) DO NOTHING
       RETURNING id::text, campaign_id, subject_type, subject_id, problem, kind, seq`,
      [
        now,
        JSON.stringify(
          claims.map((c) => ({
            campaign_id: c.campaignId,
            subject_type: c.subjectType,
            subject_id: c.subjectId,
            problem: c.problem,
            kind: c.kind,
            seq: c.seq,
            recipients: c.recipients,
          })),
        ),
      ],
    );
    return new Map(
      rows.map((r) => [
        stepKey({
          campaignId: r.campaign_id,
          subjectType: r.subject_type,
          subjectId: r.subject_id,
          problem: r.problem,
          kind: r.kind,
          seq: Number(r.seq),
        }),
        r.id,
      ]),
    );
  }

  async finish(ids: string[], outcome: { sentAt: Date } | { error: string }): Promise<void> {
    if (ids.length === 0) return;
    if ('sentAt' in outcome)
      await this.dataSource.query(
        `UPDATE overdue_follow_ups SET status = 'sent', sent_at = $2 WHERE id = ANY($1::bigint[])`,
        [ids, outcome.sentAt],
      );
    else
      await this.dataSource.query(
        `UPDATE overdue_follow_ups SET status = 'failed', error = left($2, 500) WHERE id = ANY($1::bigint[])`,
        [ids, outcome.error],
      );
  }

  /** Steps a worker died sending: never sent again, reported as unknown. */
  async abandonStale(olderThan: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE overdue_follow_ups SET status = 'unknown' WHERE status = 'sending' AND created_at < $1 RETURNING id`,
      [olderThan],
    );
    return rows.length;
  }

  /** What notices about these campaigns name: title, letter, and the editor and approver to tell. */
  async noticeContext(campaignIds: string[]): Promise<Map<string, CampaignNoticeContext>> {
    if (campaignIds.length === 0) return new Map();
    const rows: Array<{
      id: string;
      title: string;
      emergency: boolean | null;
      document_code: string | null;
      subject: string | null;
      editor_name: string | null;
      editor_email: string | null;
      approver_name: string | null;
      approver_email: string | null;
    }> = await this.dataSource.query(
      `SELECT c.id, c.title, c.emergency, d.document_code, d.subject,
              ed.display_name AS editor_name, ed.email AS editor_email,
              ap.display_name AS approver_name, ap.email AS approver_email
         FROM campaigns c
         LEFT JOIN directives d ON d.id = c.directive_id
         LEFT JOIN users ed ON ed.id = c.created_by
         LEFT JOIN users ap ON ap.id = c.approved_by
        WHERE c.id = ANY($1::uuid[])`,
      [campaignIds],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          title: r.title,
          emergency: r.emergency === true,
          letter: [r.document_code ? `số ${r.document_code}` : null, r.subject].filter(Boolean).join(' — '),
          owners: [
            ...(r.editor_email ? [{ name: r.editor_name ?? '', email: r.editor_email }] : []),
            ...(r.approver_email && r.approver_email !== r.editor_email
              ? [{ name: r.approver_name ?? '', email: r.approver_email }]
              : []),
          ],
        },
      ]),
    );
  }

  /** Every step about a campaign, oldest first, with the station's or carrier's name. */
  async forCampaign(campaignId: string): Promise<OverdueFollowUpRow[]> {
    const rows: Array<{
      id: string;
      campaign_id: string;
      subject_type: OverdueSubject;
      subject_id: string;
      subject_name: string | null;
      problem: OverdueProblem;
      kind: 'reminder' | 'escalation';
      seq: number;
      recipients: string[];
      status: OverdueFollowUpRow['status'];
      created_at: Date;
      sent_at: Date | null;
      error: string | null;
    }> = await this.dataSource.query(
      `SELECT f.id::text, f.campaign_id, f.subject_type, f.subject_id,
              COALESCE(s.name, cr.name || ' (' || COALESCE(o.area_name, o.area) || ')', pc.name, p.carrier_code)
                AS subject_name,
              f.problem, f.kind, f.seq, f.recipients, f.status, f.created_at, f.sent_at, f.error
         FROM overdue_follow_ups f
         LEFT JOIN stations s ON f.subject_type = 'station' AND s.id = f.subject_id
         LEFT JOIN carrier_orders o ON f.subject_type = 'carrier_order' AND o.id = f.subject_id
         LEFT JOIN carriers cr ON cr.code = o.carrier_code
         LEFT JOIN carrier_pauses p ON f.subject_type = 'carrier_pause' AND p.id = f.subject_id
         LEFT JOIN carriers pc ON pc.code = p.carrier_code
        WHERE f.campaign_id = $1 ORDER BY f.created_at, f.id`,
      [campaignId],
    );
    return rows.map((r) => ({
      id: r.id,
      campaignId: r.campaign_id,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectName: r.subject_name,
      problem: r.problem,
      kind: r.kind,
      seq: r.seq,
      recipients: r.recipients,
      status: r.status,
      createdAt: new Date(r.created_at),
      sentAt: r.sent_at ? new Date(r.sent_at) : null,
      error: r.error,
    }));
  }
}
