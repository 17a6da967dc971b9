import { CarrierRouter, routeNumber } from '../numbering';

export interface AudienceReport {
  accepted: Array<{ msisdn: string; carrier: string }>;
  rejected: Array<{ input: string; error: string }>;
  duplicates: number;
  /** Numbers left out because they opted out (filled by the caller, which knows the opt-out table). */
  optedOut: number;
}

/**
 * Normalises, routes and de-duplicates subscriber numbers (pure). A number whose carrier Loa has no connection
 * for is rejected with that reason rather than silently dropped.
 */
export function buildAudience(
  inputs: readonly string[],
  router: CarrierRouter,
  connectedCarriers: ReadonlySet<string>,
): AudienceReport {
  const report: AudienceReport = { accepted: [], rejected: [], duplicates: 0, optedOut: 0 };
  const seen = new Set<string>();
  for (const input of inputs) {
    const r = routeNumber(input, router);
    if (r.error !== null || r.msisdn === null || r.carrier === null) {
      report.rejected.push({ input, error: r.error ?? 'cannot route' });
    } else if (!connectedCarriers.has(r.carrier)) {
      report.rejected.push({ input, error: `no connection configured for carrier ${r.carrier}` });
    } else if (seen.has(r.msisdn)) {
      report.duplicates++;
    } else {
      seen.add(r.msisdn);
      report.accepted.push({ msisdn: r.msisdn, carrier: r.carrier });
    }
  }
  return report;
}
