import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { updateReturning } from '@loa/db';

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

  /**
   * Whether the carrier is paused for the campaign now, and how many times it has been resumed (pauses are never
   * deleted, so the count only grows: the auto-pause's windows tell a resume since they began by it, not by a clock).
   */
  async state(campaignId: string, carrierCode: string): Promise<{ open: boolean; resumes: number }> {
    const rows: Array<{ open: boolean | null; resumes: number }> = await this.dataSource.query(
      `SELECT bool_or(resumed_at IS NULL) AS open, count(resumed_at)::int AS resumes
         FROM carrier_pauses WHERE campaign_id = $1 AND carrier_code = $2`,
      [campaignId, carrierCode],
    );
    const r = rows[0];
    return { open: Boolean(r?.open), resumes: Number(r?.resumes ?? 0) };
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
