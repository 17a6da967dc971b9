/** An error shaped like the driver's for a PostgreSQL error code (what `db-errors.ts` reads), for fakes. */
export function fakePgError(code: '23505' | '23503', message: string): Error {
  return Object.assign(new Error(`fake: ${message}`), { code });
}
