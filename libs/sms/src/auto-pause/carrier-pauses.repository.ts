import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedStatement, updateReturning } from '@loa/db';
import type { CampaignState } from '@loa/delivery';

/** One pause of a carrier for a campaign, as the report, the console and the notices show it. */
export interface CarrierPause {
  id: string;
  campaignId: string;
  carrierCode: string;
  reason: 'failure_rate';
  failures: number;
  windowSize: number;
  samples: Array<{ error: string; count: number }>;
  pausedAt: Date;
  resumedAt: Date | null;
  resumedBy: string | null;
}

/** An open pause with what a notice about it needs. */
export interface OpenCarrierPause extends CarrierPause {
  organizationId: string;
  carrierName: string;
  emergency: boolean;
}

type Row = Record<string, unknown>;

/**
 * Whether a carrier is paused for a campaign now, and how many times it has been resumed (pauses are never deleted,
 * so the count only grows: the auto-pause's windows tell a resume since they began by it, not by a clock).
 */
export interface PauseState {
  open: boolean;
  resumes: number;
}

/**
 * The pause state of campaign `c` for the carrier the parameter `carrier` names, as two scalar subqueries on the
 * pauses' index (read as `pause_open` and `pause_resumes`): a query that reads the campaign reads them with it.
 */
export function pauseExpressions(carrier: string): { open: string; resumes: string } {
  const of = `FROM carrier_pauses cp WHERE cp.campaign_id = c.id AND cp.carrier_code = ${carrier}`;
  return { open: `(SELECT bool_or(cp.resumed_at IS NULL) ${of})`, resumes: `(SELECT count(cp.resumed_at)::int ${of})` };
}

function pauseColumns(carrier: string): string {
  const e = pauseExpressions(carrier);
  return `${e.open} AS pause_open, ${e.resumes} AS pause_resumes`;
}

/** A batch's status check on SMS: the campaign's status and window and its carrier's pause, in one statement. */
const SMS_BATCH_STATUS = new PreparedStatement<{
  status: string;
  starts_at: Date;
  ends_at: Date;
  pause_open: boolean | null;
  pause_resumes: number;
}>(
  'loa_sms_batch_status',
  `SELECT c.status, c.starts_at, c.ends_at, ${pauseColumns('$2')} FROM campaigns c WHERE c.id = $1`,
);

/** The pause state from the columns `pause_open` and `pause_resumes` (see pauseExpressions). */
export function pauseStateOf(r: { pause_open: boolean | null; pause_resumes: number | string | null }): PauseState {
  return { open: Boolean(r.pause_open), resumes: Number(r.pause_resumes ?? 0) };
}

const COLUMNS = `p.id, p.campaign_id, p.carrier_code, p.reason, p.failures, p.window_size, p.samples, p.paused_at,
  p.resumed_at, p.resumed_by`;

function pauseOf(r: Row): CarrierPause {
  return {
    id: String(r.id),
    campaignId: String(r.campaign_id),
    carrierCode: String(r.carrier_code),
    reason: 'failure_rate',
    failures: Number(r.failures),
    windowSize: Number(r.window_size),
    samples: (r.samples as CarrierPause['samples']) ?? [],
    pausedAt: new Date(r.paused_at as string),
    resumedAt: r.resumed_at ? new Date(r.resumed_at as string) : null,
    resumedBy: (r.resumed_by as string | null) ?? null,
  };
}

/** The SQL of `carrier_pauses`: a carrier's sending for one campaign, paused by itself until resumed. */
@Injectable()
export class CarrierPausesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Whether the carrier is paused for the campaign now, and how many times it has been resumed. */
  async state(campaignId: string, carrierCode: string): Promise<PauseState> {
    const rows: Array<{ pause_open: boolean | null; pause_resumes: number }> = await this.dataSource.query(
      `SELECT ${pauseColumns('$2')} FROM (SELECT $1::uuid AS id) c`,
      [campaignId, carrierCode],
    );
    return pauseStateOf(rows[0]);
  }

  /**
   * An SMS batch's status check: the campaign's status and window (null: no such campaign) and the carrier's pause
   * state for it, in one prepared statement (it runs about once per window of messages).
   */
  async batchStatus(campaignId: string, carrierCode: string): Promise<{ campaign: CampaignState; pause: PauseState }> {
    const [r] = await SMS_BATCH_STATUS.run(this.dataSource, [campaignId, carrierCode]);
    if (!r) return { campaign: null, pause: { open: false, resumes: 0 } };
    return { campaign: { status: r.status, startsAt: r.starts_at, endsAt: r.ends_at }, pause: pauseStateOf(r) };
  }

  /** Opens a pause; null when one is open already (another worker paused it first). */
  async pause(
    m: EntityManager,
    p: Pick<CarrierPause, 'campaignId' | 'carrierCode' | 'failures' | 'windowSize' | 'samples'>,
  ): Promise<CarrierPause | null> {
    const rows: Row[] = await m.query(
      `INSERT INTO carrier_pauses AS p (campaign_id, carrier_code, reason, failures, window_size, samples)
       VALUES ($1, $2, 'failure_rate', $3, $4, $5::jsonb)
       ON CONFLICT (campaign_id, carrier_code) WHERE resumed_at IS NULL DO NOTHING
       RETURNING ${COLUMNS}`,
      [p.campaignId, p.carrierCode, p.failures, p.windowSize, JSON.stringify(p.samples)],
    );
    return rows[0] ? pauseOf(rows[0]) : null;
  }

  /** Closes the open pause; null when there is none. */
  async resume(
    m: EntityManager,
    campaignId: string,
    carrierCode: string,
    userId: string,
  ): Promise<CarrierPause | null> {
    const rows = await updateReturning<Row>(
      m,
      `UPDATE carrier_pauses AS p SET resumed_at = now(), resumed_by = $3
        WHERE campaign_id = $1 AND carrier_code = $2 AND resumed_at IS NULL
        RETURNING ${COLUMNS}`,
      [campaignId, carrierCode, userId],
    );
    return rows[0] ? pauseOf(rows[0]) : null;
  }

  /** Every pause of a campaign, newest first. */
  async forCampaign(campaignId: string): Promise<CarrierPause[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM carrier_pauses p WHERE p.campaign_id = $1 ORDER BY p.paused_at DESC`,
      [campaignId],
    );
    return rows.map(pauseOf);
  }

  /** Open pauses of running or paused campaigns, with what their notices say. */
  async open(): Promise<OpenCarrierPause[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, c.organization_id, c.emergency, coalesce(ca.name, p.carrier_code) AS carrier_name
         FROM carrier_pauses p
         JOIN campaigns c ON c.id = p.campaign_id
         LEFT JOIN carriers ca ON ca.code = p.carrier_code
        WHERE p.resumed_at IS NULL AND c.status IN ('running', 'paused')`,
    );
    return rows.map((r) => ({
      ...pauseOf(r),
      organizationId: String(r.organization_id),
      carrierName: String(r.carrier_name),
      emergency: Boolean(r.emergency),
    }));
  }
}
