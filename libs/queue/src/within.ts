/**
 * Waits for `work` at most `ms`: 'done', or 'timeout' while it goes on in the background (a BullMQ add waits for
 * Redis to come back; the caller answers without it and something else, the reconciler or a receipt query, makes
 * up for it). A rejection of `work` after the timeout is swallowed; one before it is thrown.
 */
export async function within(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work.then(() => 'done' as const), timeout]);
  } finally {
    clearTimeout(timer);
    work.catch(() => undefined);
  }
}

/**
 * Enqueues from an operator's request after its change committed, waiting at most `ms` for Redis. When Redis does
 * not take the jobs in time (or refuses them), logs it and leaves them to `catchUp`, the periodic job that
 * enqueues again from what PostgreSQL holds; the request answers either way.
 */
export async function handOver(
  work: Promise<unknown>,
  ms: number,
  logger: { warn(message: string): void },
  what: string,
  catchUp: string,
): Promise<void> {
  try {
    if ((await within(work, ms)) === 'timeout') logger.warn(`Redis did not take ${what}; ${catchUp} will enqueue it`);
  } catch (e) {
    logger.warn(`${what} not enqueued (${(e as Error).message}); ${catchUp} will enqueue it`);
  }
}
