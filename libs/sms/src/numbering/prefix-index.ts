import type { PrefixTable } from './prefix-table';

/** Lookup maps derived from a PrefixTable (internal; cached per table object). */
export interface PrefixIndex {
  /** "0xx" → carrier code */
  readonly carrierByPrefix: ReadonlyMap<string, string>;
  /** "01xx" → "0xx" */
  readonly legacyToCurrent: ReadonlyMap<string, string>;
}

const cache = new WeakMap<PrefixTable, PrefixIndex>();

export function indexPrefixTable(table: PrefixTable): PrefixIndex {
  const cached = cache.get(table);
  if (cached) return cached;
  const carrierByPrefix = new Map<string, string>();
  for (const carrier of table.carriers) {
    for (const prefix of carrier.prefixes) {
      if (!carrierByPrefix.has(prefix)) carrierByPrefix.set(prefix, carrier.code);
    }
  }
  const legacyToCurrent = new Map<string, string>(Object.entries(table.legacy));
  const index: PrefixIndex = { carrierByPrefix, legacyToCurrent };
  cache.set(table, index);
  return index;
}
