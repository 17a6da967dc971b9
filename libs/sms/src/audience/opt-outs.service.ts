import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { readConfigJson } from '@loa/config';
import { updateReturning } from '@loa/db';
import { loadPrefixTable, normalizeMsisdn, PrefixTable } from '../numbering';
import { optOutQueuedSms } from '@loa/delivery';

export class InvalidNumberError extends Error {}

export interface OptOutView {
  msisdn: string;
  source: 'sms_keyword' | 'operator';
  carrierCode: string | null;
  note: string | null;
  createdAt: string;
}

/** Numbers that asked to receive nothing more; every later send respects them. */
@Injectable()
export class OptOutsService {
  private readonly table: PrefixTable = loadPrefixTable(readConfigJson('carrier-prefixes.json'));

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  normalize(input: string): string {
    const r = normalizeMsisdn(input, this.table);
    if (r.error !== null) throw new InvalidNumberError(`msisdn: ${r.error}`);
    return r.msisdn;
  }

  /** Records an opt-out (idempotent); also stops rows of that number still waiting to be sent. */
  async add(
    input: { msisdn: string; source: OptOutView['source']; carrierCode?: string | null; note?: string | null },
    actor: Actor,
    organizationId: string | null,
    requestId: string | null,
  ): Promise<{ msisdn: string; created: boolean; stoppedRows: number }> {
    const msisdn = this.normalize(input.msisdn);
    return this.dataSource.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO opt_outs (msisdn, source, carrier_code, organization_id, note, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (msisdn) DO NOTHING RETURNING msisdn`,
        [
          msisdn,
          input.source,
          input.carrierCode ?? null,
          organizationId,
          input.note?.normalize('NFC') ?? null,
          actor.id,
        ],
      );
      const stopped = await this.stopWaitingRows(m, [msisdn]);
      if (inserted.length) {
        await this.audit.record(
          {
            actor,
            organizationId,
            action: 'opt_out.add',
            targetType: 'subscriber',
            // Only the last digits: the audit trail never carries subscriber lists.
            targetId: `…${msisdn.slice(-4)}`,
            after: { source: input.source, stoppedRows: stopped },
            requestId,
          },
          m,
        );
      }
      return { msisdn, created: inserted.length > 0, stoppedRows: stopped };
    });
  }

  async remove(msisdnInput: string, actor: Actor & { type: 'user' }, requestId: string | null): Promise<boolean> {
    const msisdn = this.normalize(msisdnInput);
    return this.dataSource.transaction(async (m) => {
      const rows = await updateReturning<{ msisdn: string }>(
        m,
        `DELETE FROM opt_outs WHERE msisdn = $1 RETURNING msisdn`,
        [msisdn],
      );
      if (rows.length) {
        await this.audit.record(
          {
            actor,
            action: 'opt_out.remove',
            targetType: 'subscriber',
            targetId: `…${msisdn.slice(-4)}`,
            requestId,
          },
          m,
        );
      }
      return rows.length > 0;
    });
  }

  async find(msisdnInput: string): Promise<OptOutView | null> {
    const msisdn = this.normalize(msisdnInput);
    const rows: Array<{
      msisdn: string;
      source: OptOutView['source'];
      carrier_code: string | null;
      note: string | null;
      created_at: Date;
    }> = await this.dataSource.query(
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
  async optedOut(msisdns: string[]): Promise<Set<string>> {
    if (!msisdns.length) return new Set();
    const rows: Array<{ msisdn: string }> = await this.dataSource.query(
      `SELECT msisdn FROM opt_outs WHERE msisdn = ANY($1)`,
      [msisdns],
    );
    return new Set(rows.map((r) => r.msisdn));
  }

  /** queued → opted_out for SMS rows of these numbers (compare-and-set: rows being sent are left alone). */
  async stopWaitingRows(m: EntityManager | DataSource, msisdns: string[], deliveryIds?: string[]): Promise<number> {
    return optOutQueuedSms(m, msisdns, deliveryIds);
  }
}
