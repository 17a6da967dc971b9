import type { Queryable } from '@loa/db';
import type { EntityManager } from 'typeorm';
import type { NewOptOut, OptOutView, OptOutsRepository } from './opt-outs.repository';

/** An `opt_outs` row as the fake keeps it. */
export interface FakeOptOut extends NewOptOut {
  createdAt: Date;
}

/**
 * In-memory OptOutsRepository. `transaction()` hands out a manager token and restores the rows if the work
 * throws; writes outside an open transaction are refused, so a service that forgets to join it fails.
 */
export class FakeOptOutsRepository implements Pick<OptOutsRepository, keyof OptOutsRepository> {
  readonly rows = new Map<string, FakeOptOut>();
  /** Every read, with its numbers, so that a test can tell whether the table was asked at all. */
  readonly reads: Array<{ method: 'find' | 'optedOut'; msisdns: string[] }> = [];
  /** The managers of the transactions run so far. */
  readonly transactions: EntityManager[] = [];
  private open: EntityManager | null = null;

  /** A number that opted out earlier. */
  seed(row: Partial<FakeOptOut> & { msisdn: string }): void {
    this.rows.set(row.msisdn, {
      source: 'operator',
      carrierCode: null,
      organizationId: null,
      note: null,
      createdBy: 'seed',
      createdAt: new Date('2025-01-02T03:04:05.000Z'),
      ...row,
    });
  }

  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.open) throw new Error('fake: nested transaction');
    const manager = { fake: `opt-outs transaction ${this.transactions.length + 1}` } as unknown as EntityManager;
    const before = new Map(this.rows);
    this.transactions.push(manager);
    this.open = manager;
    try {
      return await work(manager);
    } catch (err) {
      this.rows.clear();
      before.forEach((row, msisdn) => this.rows.set(msisdn, row));
      throw err;
    } finally {
      this.open = null;
    }
  }

  async insert(q: Queryable, optOut: NewOptOut): Promise<boolean> {
    this.inTransaction(q);
    if (this.rows.has(optOut.msisdn)) return false;
    this.rows.set(optOut.msisdn, { ...optOut, createdAt: new Date() });
    return true;
  }

  async delete(q: Queryable, msisdn: string): Promise<boolean> {
    this.inTransaction(q);
    return this.rows.delete(msisdn);
  }

  async find(msisdn: string): Promise<OptOutView | null> {
    this.reads.push({ method: 'find', msisdns: [msisdn] });
    const r = this.rows.get(msisdn);
    return r
      ? { msisdn, source: r.source, carrierCode: r.carrierCode, note: r.note, createdAt: r.createdAt.toISOString() }
      : null;
  }

  async optedOut(msisdns: string[]): Promise<string[]> {
    this.reads.push({ method: 'optedOut', msisdns: [...msisdns] });
    return msisdns.filter((m) => this.rows.has(m));
  }

  private inTransaction(q: Queryable): void {
    if (!this.open || q !== (this.open as unknown as Queryable)) {
      throw new Error('fake: opt-out written outside its transaction');
    }
  }
}
