/** Anything that runs SQL: a DataSource, or an EntityManager inside a transaction. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Runs an `UPDATE … RETURNING` (or DELETE) and gives back its rows. TypeORM's `query()` answers `[rows, rowCount]`
 * for UPDATE/DELETE on PostgreSQL but plain rows for SELECT/INSERT, which makes `result.length` silently wrong.
 */
export async function updateReturning<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
