/**
 * Errors that say PostgreSQL was unreachable or restarting, not that the statement was wrong: the same statement
 * may succeed a moment later. SQLSTATE classes 08 (connection exception) and 57P0x (server shutting down or
 * starting), too many connections, serialization failures and deadlocks; node's socket errors; and node-postgres's
 * own messages for a connection that ended.
 */
const TRANSIENT_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'connection is closed',
  'Client has encountered a connection error',
  'timeout exceeded when trying to connect',
  'the database system is starting up',
  'the database system is shutting down',
];

export function isTransientDbError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (code.startsWith('08') || TRANSIENT_SQLSTATES.has(code))) return true;
  if (typeof code === 'string' && TRANSIENT_SOCKET_CODES.has(code)) return true;
  // TypeORM wraps driver errors in QueryFailedError and keeps the driver's error.
  const cause = (e as { driverError?: unknown }).driverError;
  if (cause && cause !== e && isTransientDbError(cause)) return true;
  return TRANSIENT_MESSAGES.some((m) => e.message.includes(m));
}

/** Waits between attempts: about 30 s in all, enough for a PostgreSQL restart or fail-over. */
export const TRANSIENT_RETRY_DELAYS_MS: readonly number[] = [100, 250, 500, 1000, 2000, 4000, 8000, 15000];

/**
 * Runs `fn`, and again after each delay while it fails with a transient database error; any other error, or the
 * last transient one, is thrown. For statements that are safe to repeat (compare-and-set updates).
 */
export async function retryTransient<T>(
  fn: () => Promise<T>,
  delaysMs: readonly number[] = TRANSIENT_RETRY_DELAYS_MS,
  onRetry: (error: Error, attempt: number) => void = () => undefined,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= delaysMs.length || !isTransientDbError(e)) throw e;
      onRetry(e as Error, attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, delaysMs[attempt]));
    }
  }
}
