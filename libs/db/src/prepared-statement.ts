import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';

const defined = new Map<string, string>();

/**
 * A statement the send path runs for every few rows (a claim, a store of outcomes, a batch of receipts): prepared
 * once per pooled connection under its name, so PostgreSQL parses and plans it once per connection rather than at
 * every call, and after five runs keeps a generic plan. Its parameters are arrays of ids or keys looked up by their
 * index, so that one plan fits every call. Runs on the DataSource's pool, outside any transaction (autocommit).
 * Names are unique in the process: defining one name twice with different text throws at once.
 */
export class PreparedStatement<Row extends QueryResultRow> {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    const other = defined.get(name);
    if (other !== undefined && other !== text) throw new Error(`prepared statement "${name}" defined twice`);
    defined.set(name, text);
  }

  /** Runs the statement with these values; answers its rows (those of RETURNING for an UPDATE). */
  async run(ds: DataSource, values: unknown[]): Promise<Row[]> {
    const pool = (ds.driver as unknown as { master: Pool }).master;
    const result = await pool.query<Row>({ name: this.name, text: this.text, values });
    return result.rows;
  }
}
