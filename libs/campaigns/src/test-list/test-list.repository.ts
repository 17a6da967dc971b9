import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { TestList } from './check-test-list';

/** The SQL of each organisation's test list (`organizations.test_msisdns`, `test_emails`). */
@Injectable()
export class TestListRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The organisation's list; its row locked until the transaction ends when `m` is given. */
  async get(organizationId: string, m?: EntityManager): Promise<TestList> {
    const rows: Array<{ test_msisdns: string[]; test_emails: string[] }> = await (m ?? this.dataSource).query(
      `SELECT test_msisdns, test_emails FROM organizations WHERE id = $1${m ? ' FOR UPDATE' : ''}`,
      [organizationId],
    );
    return { msisdns: rows[0]?.test_msisdns ?? [], emails: rows[0]?.test_emails ?? [] };
  }

  async set(m: EntityManager, organizationId: string, list: TestList): Promise<void> {
    await m.query(`UPDATE organizations SET test_msisdns = $2, test_emails = $3 WHERE id = $1`, [
      organizationId,
      list.msisdns,
      list.emails,
    ]);
  }
}
