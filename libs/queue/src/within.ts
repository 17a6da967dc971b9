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
