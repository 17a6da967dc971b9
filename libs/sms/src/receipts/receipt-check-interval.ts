/**
 * How often to look for SMS to ask about: a tenth of RECEIPT_QUERY_AFTER_SECONDS (so a message is asked about at
 * most 10 % late), at most once a minute, never more often than the lifecycle interval.
 */
export function receiptCheckEveryMs(d: { lifecycleIntervalMs: number; receiptQueryAfterSeconds: number }): number {
  return Math.max(d.lifecycleIntervalMs, Math.min(60_000, d.receiptQueryAfterSeconds * 100));
}
