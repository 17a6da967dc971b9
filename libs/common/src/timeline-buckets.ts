/** Bucket widths a chart of events over time may use, in seconds: round numbers a person reads at a glance. */
const WIDTHS = [1, 5, 10, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400];

/**
 * The narrowest round bucket that draws a span of time in at most `maxBuckets` bars (a minute of SMS in seconds,
 * a week of radio in hours). Pure.
 */
export function timelineBucketSeconds(spanMs: number, maxBuckets = 60): number {
  if (!Number.isFinite(spanMs) || spanMs < 0) throw new RangeError(`span must be a non-negative number, got ${spanMs}`);
  if (!Number.isInteger(maxBuckets) || maxBuckets < 1) throw new RangeError(`maxBuckets must be ≥ 1`);
  const spanSeconds = spanMs / 1000;
  return WIDTHS.find((w) => spanSeconds / w < maxBuckets) ?? WIDTHS[WIDTHS.length - 1];
}
