/**
 * Why an SMS row waits (`deliveries.last_error` of a `queued` row with `not_before`), written by the send path and
 * read back for the report: one module for both, so the report never parses a sentence it did not write. Pure.
 */
export type DeferralKind = 'carrier_quota' | 'daily_cap';

const QUOTA = /^carrier (\S+) daily quota of (\d+) reached;/;
const CAP = /^daily cap of (\d+) reached;/;

/** A row past the carrier's daily quota: it waits for the next local day. */
export function carrierQuotaDeferral(carrierCode: string, quota: number, until: Date): string {
  return `carrier ${carrierCode} daily quota of ${quota} reached; waits until ${until.toISOString()}`;
}

/** A subscriber at the per-subscriber daily cap: the message waits for the next local day. */
export function dailyCapDeferral(cap: number, until: Date): string {
  return `daily cap of ${cap} reached; waits until ${until.toISOString()}`;
}

/** What a waiting row's reason is, or null for another (a quiet-hours or retry wait). */
export function deferralKind(error: string | null): DeferralKind | null {
  if (!error) return null;
  if (QUOTA.test(error)) return 'carrier_quota';
  if (CAP.test(error)) return 'daily_cap';
  return null;
}
