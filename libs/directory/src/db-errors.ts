/** PostgreSQL error codes the directory turns into conflicts (a race lost to another request). */
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

function code(e: unknown): string | undefined {
  const err = e as { code?: unknown; driverError?: { code?: unknown } };
  const c = err?.driverError?.code ?? err?.code;
  return typeof c === 'string' ? c : undefined;
}

export const isUniqueViolation = (e: unknown): boolean => code(e) === UNIQUE_VIOLATION;
export const isForeignKeyViolation = (e: unknown): boolean => code(e) === FOREIGN_KEY_VIOLATION;
