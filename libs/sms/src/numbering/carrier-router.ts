import { normalizeMsisdn } from './normalize-msisdn';
import { indexPrefixTable } from './prefix-index';
import type { PrefixTable } from './prefix-table';

/** A normalised MSISDN: 84 followed by 9 digits. */
const MSISDN = /^84\d{9}$/;

/**
 * Picks the carrier for a normalised MSISDN (`84xxxxxxxxx`): a ported number's recorded carrier first,
 * otherwise the carrier owning its prefix.
 */
export class CarrierRouter {
  private readonly carrierByPrefix: ReadonlyMap<string, string>;
  private readonly ported: ReadonlyMap<string, string>;

  /**
   * @param ported msisdn → carrier code for numbers moved to another carrier (mobile number portability).
   *   Keys must already be normalised; codes must exist in the table. Violations throw at construction.
   */
  constructor(
    readonly table: PrefixTable,
    ported: ReadonlyMap<string, string> = new Map(),
  ) {
    this.carrierByPrefix = indexPrefixTable(table).carrierByPrefix;
    const codes = new Set(table.carriers.map((c) => c.code));
    for (const [msisdn, code] of ported) {
      if (!MSISDN.test(msisdn)) {
        throw new Error(`Ported number "${msisdn}" is not a normalised MSISDN (expected 84 followed by 9 digits)`);
      }
      if (!codes.has(code)) {
        throw new Error(`Ported number ${msisdn} names unknown carrier "${code}"; known: ${[...codes].join(', ')}`);
      }
    }
    this.ported = new Map(ported);
  }

  /** The carrier code for a normalised MSISDN, or null when it is malformed or its prefix is unknown. */
  route(msisdn: string): string | null {
    if (!MSISDN.test(msisdn)) return null;
    return this.ported.get(msisdn) ?? this.carrierByPrefix.get(`0${msisdn.slice(2, 4)}`) ?? null;
  }

  /** Carrier codes in table order. */
  carrierCodes(): string[] {
    return this.table.carriers.map((c) => c.code);
  }
}

export interface RoutedNumber {
  readonly input: string;
  readonly msisdn: string | null;
  readonly carrier: string | null;
  readonly error: string | null;
}

/** Normalises a raw number and routes it; `carrier` is null and `error` says why when that is not possible. */
export function routeNumber(input: string, router: CarrierRouter): RoutedNumber {
  const normalized = normalizeMsisdn(input, router.table);
  if (normalized.error !== null) return { input, msisdn: null, carrier: null, error: normalized.error };
  const carrier = router.route(normalized.msisdn);
  if (carrier === null) {
    return {
      input,
      msisdn: normalized.msisdn,
      carrier: null,
      error: `no carrier serves prefix 0${normalized.msisdn.slice(2, 4)}`,
    };
  }
  return { input, msisdn: normalized.msisdn, carrier, error: null };
}
