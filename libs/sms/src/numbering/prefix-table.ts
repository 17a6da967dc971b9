/**
 * The Vietnamese mobile prefix table (data lives in `config/carrier-prefixes.json`).
 * `loadPrefixTable` validates an already-parsed JSON value; reading the file is the caller's job.
 */

/** One carrier and the 3-digit national prefixes ("0xx") it owns. */
export interface CarrierPrefixes {
  readonly code: string;
  readonly name: string;
  readonly prefixes: readonly string[];
}

/** Carriers plus the 2018 conversion of legacy 11-digit prefixes ("01xx") to 10-digit ones ("0xx"). */
export interface PrefixTable {
  readonly carriers: readonly CarrierPrefixes[];
  readonly legacy: Readonly<Record<string, string>>;
}

/** Thrown by `loadPrefixTable`; `problems` lists every defect found, each with its JSON path. */
export class PrefixTableError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid carrier prefix table: ${problems.join('; ')}`);
    this.name = 'PrefixTableError';
  }
}

const CARRIER_CODE = /^[a-z0-9][a-z0-9_-]*$/;
const PREFIX = /^0\d{2}$/;
const LEGACY_PREFIX = /^01\d{2}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function readCarrier(
  raw: unknown,
  path: string,
  problems: string[],
  owners: Map<string, string>,
  codes: Set<string>,
): CarrierPrefixes | null {
  if (!isRecord(raw)) {
    problems.push(`${path}: expected an object, got ${describe(raw)}`);
    return null;
  }
  const { code, name, prefixes } = raw;
  let ok = true;
  if (typeof code !== 'string' || !CARRIER_CODE.test(code)) {
    problems.push(`${path}.code: expected a lowercase code like "viettel", got ${describe(code)}`);
    ok = false;
  } else if (codes.has(code)) {
    problems.push(`${path}.code: duplicate carrier code "${code}"`);
    ok = false;
  } else {
    codes.add(code);
  }
  if (typeof name !== 'string' || name.trim() === '') {
    problems.push(`${path}.name: expected a non-empty string, got ${describe(name)}`);
    ok = false;
  }
  if (!Array.isArray(prefixes) || prefixes.length === 0) {
    problems.push(`${path}.prefixes: expected a non-empty array of "0xx" strings, got ${describe(prefixes)}`);
    return null;
  }
  const seen: string[] = [];
  prefixes.forEach((prefix: unknown, i) => {
    if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
      problems.push(`${path}.prefixes[${i}]: expected a 3-digit string starting with 0, got ${describe(prefix)}`);
      ok = false;
      return;
    }
    const owner = owners.get(prefix);
    if (owner !== undefined) {
      problems.push(`${path}.prefixes[${i}]: prefix ${prefix} is already assigned to ${owner}`);
      ok = false;
      return;
    }
    owners.set(prefix, typeof code === 'string' ? code : path);
    seen.push(prefix);
  });
  if (!ok || typeof code !== 'string' || typeof name !== 'string') return null;
  return Object.freeze({ code, name: name.trim(), prefixes: Object.freeze(seen) });
}

function readLegacy(raw: unknown, problems: string[], owners: Map<string, string>): Record<string, string> {
  const legacy: Record<string, string> = {};
  if (raw === undefined) return legacy; // a table without legacy conversions is acceptable
  if (!isRecord(raw)) {
    problems.push(`legacy: expected an object mapping "01xx" to "0xx", got ${describe(raw)}`);
    return legacy;
  }
  for (const [from, to] of Object.entries(raw)) {
    if (!LEGACY_PREFIX.test(from)) {
      problems.push(`legacy: key ${JSON.stringify(from)} is not a 4-digit legacy prefix starting with 01`);
      continue;
    }
    if (typeof to !== 'string' || !PREFIX.test(to)) {
      problems.push(`legacy["${from}"]: expected a 3-digit prefix starting with 0, got ${describe(to)}`);
      continue;
    }
    if (!owners.has(to)) {
      problems.push(`legacy["${from}"]: target prefix ${to} belongs to no carrier`);
      continue;
    }
    legacy[from] = to;
  }
  return legacy;
}

/** Validates the parsed JSON of `config/carrier-prefixes.json` and returns a frozen copy; throws PrefixTableError. */
export function loadPrefixTable(json: unknown): PrefixTable {
  const problems: string[] = [];
  if (!isRecord(json)) {
    throw new PrefixTableError([`root: expected an object with "carriers" and "legacy", got ${describe(json)}`]);
  }
  const carriers: CarrierPrefixes[] = [];
  const owners = new Map<string, string>();
  if (!Array.isArray(json.carriers) || json.carriers.length === 0) {
    problems.push(`carriers: expected a non-empty array, got ${describe(json.carriers)}`);
  } else {
    const codes = new Set<string>();
    json.carriers.forEach((raw: unknown, i) => {
      const carrier = readCarrier(raw, `carriers[${i}]`, problems, owners, codes);
      if (carrier) carriers.push(carrier);
    });
  }
  const legacy = readLegacy(json.legacy, problems, owners);
  if (problems.length > 0) throw new PrefixTableError(problems);
  return Object.freeze({ carriers: Object.freeze(carriers), legacy: Object.freeze(legacy) });
}
