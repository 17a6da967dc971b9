import { DataSource } from 'typeorm';
import { createDataSource, PreparedStatement } from '@loa/db';
import { TestDatabase, createTestDatabase } from '../support/test-database';

/** PreparedStatement against real PostgreSQL: prepared once per pooled connection, correct on every one. */
describe('PreparedStatement (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = createDataSource(db.url);
    await ds.initialize();
    await ds.query(`CREATE TABLE prepared_probe (id bigint PRIMARY KEY, label text NOT NULL)`);
    await ds.query(`INSERT INTO prepared_probe SELECT g, 'row ' || g FROM generate_series(1, 50) g`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const relabel = new PreparedStatement<{ id: string; label: string }>(
    'test_relabel_probe',
    `UPDATE prepared_probe SET label = $2 || id WHERE id = ANY($1::bigint[]) RETURNING id, label`,
  );

  it('answers the rows of each call, its own values applied, however many connections run it at once', async () => {
    // More calls at once than the pool has connections, and more than five per connection (PostgreSQL's switch to a
    // generic plan): every call gets its own rows.
    const calls = Array.from({ length: 40 }, (_, i) => relabel.run(ds, [[i + 1, i + 11], `call ${i} → `]));
    const answers = await Promise.all(calls);
    answers.forEach((rows, i) => {
      const byId = new Map(rows.map((r) => [String(r.id), r.label]));
      expect(byId.get(String(i + 1))).toMatch(new RegExp(`^call \\d+ → ${i + 1}$`));
      expect(rows).toHaveLength(2);
    });
  });

  it('is prepared once on a connection and run from there on', async () => {
    const single = createDataSource(db.url, { poolSize: 1 });
    await single.initialize();
    try {
      for (let i = 0; i < 7; i++) await relabel.run(single, [[i + 1], 'again ']);
      // The pool's one connection: its session holds the statement, prepared once, run seven times.
      const rows: Array<{ name: string; statement: string }> = await single.query(
        `SELECT name, statement FROM pg_prepared_statements`,
      );
      expect(rows).toEqual([{ name: 'test_relabel_probe', statement: relabel.text }]);
      const [{ label }]: Array<{ label: string }> = await single.query(`SELECT label FROM prepared_probe WHERE id = 7`);
      expect(label).toBe('again 7');
    } finally {
      await single.destroy();
    }
  });

  it('throws PostgreSQL’s error, with its code, for a bad call', async () => {
    await expect(relabel.run(ds, [['not a number'], 'x'])).rejects.toMatchObject({ code: '22P02' });
  });

  it('refuses one name for two different statements', () => {
    expect(() => new PreparedStatement('test_relabel_probe', 'SELECT 1')).toThrow(/defined twice/);
    expect(() => new PreparedStatement('test_relabel_probe', relabel.text)).not.toThrow();
  });
});
