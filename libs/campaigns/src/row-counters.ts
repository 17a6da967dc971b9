/** Delivery rows of one channel (or carrier) counted by status, `total` first. Pure. */
export const ROW_COUNTER_KEYS = [
  'total',
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'unknown',
  'expired',
  'cancelled',
  'opted_out',
] as const;

export type RowCounters = Record<(typeof ROW_COUNTER_KEYS)[number], number>;

export function emptyCounters(): RowCounters {
  return Object.fromEntries(ROW_COUNTER_KEYS.map((k) => [k, 0])) as RowCounters;
}
