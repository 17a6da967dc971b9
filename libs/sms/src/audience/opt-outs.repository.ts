import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { type Queryable, updateReturning } from '@loa/db';

export interface OptOutView {
  msisdn: string;
  source: 'sms_keyword' | 'operator';
  carrierCode: string | null;
  note: string | null;
  createdAt: string;
}

/** An opt-out to record; the number is already normalised. */
export interface NewOptOut {
  msisdn: string;
  source: OptOutView['source'];
  carrierCode: string | null;
  organizationId: string | null;
  note: string | null;
  /** The user or system actor who recorded it. */
  createdBy: string;
}

interface OptOutRow {
  msisdn: string;
  source: OptOutView['source'];
  carrier_code: string | null;
  note: string | null;
  created_at: Date;
}

/**
 * The SQL of `opt_outs`, the numbers that asked to receive nothing more. Writes take the caller's query handle
 * (from `transaction()`), so that an opt-out, the rows it stops and its audit event commit together.
 */
@Injectable()
export class OptOutsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; its manager is the handle to pass to the writes below. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Records an opt-out unless the number already has one; true when this call added it. */
  async insert(q: Queryable, optOut: NewOptOut): Promise<boolean> {
    const inserted = (await q.query(
      `INSERT INTO opt_outs (msisdn, source, carrier_code, organization_id, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (msisdn) DO NOTHING RETURNING msisdn`,
      [optOut.msisdn, optOut.source, optOut.carrierCode, optOut.organizationId, optOut.note, optOut.createdBy],
    )) as unknown[];
    return inserted.length > 0;
  }

  /** Removes the number's opt-out; true when there was one. */
  async delete(q: Queryable, msisdn: string): Promise<boolean> {
    const rows = await updateReturning<{ msisdn: string }>(
      q,
      `DELETE FROM opt_outs WHERE msisdn = $1 RETURNING msisdn`,
      [msisdn],
    );
    return rows.length > 0;
  }

  async find(msisdn: string): Promise<OptOutView | null> {
    const rows: OptOutRow[] = await this.dataSource.query(
      `SELECT msisdn, source, carrier_code, note, created_at FROM opt_outs WHERE msisdn = $1`,
      [msisdn],
    );
    const r = rows[0];
    return r
      ? {
          msisdn: r.msisdn,
          source: r.source,
          carrierCode: r.carrier_code,
          note: r.note,
          createdAt: new Date(r.created_at).toISOString(),
        }
      : null;
  }

  /** Of these numbers, the ones that opted out. */
  async optedOut(msisdns: string[]): Promise<string[]> {
    const rows: Array<{ msisdn: string }> = await this.dataSource.query(
      `SELECT msisdn FROM opt_outs WHERE msisdn = ANY($1)`,
      [msisdns],
    );
    return rows.map((r) => r.msisdn);
  }
}
