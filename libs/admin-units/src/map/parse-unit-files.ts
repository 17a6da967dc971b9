import { parse } from 'csv-parse/sync';
import { AdminUnit, Day, DAY_PATTERN, Succession, UnitLevel, UnitTotals } from './admin-unit-map';
import { UnitKind } from './unit-names';

const LEVELS: readonly UnitLevel[] = ['province', 'district', 'commune'];
const KINDS: readonly UnitKind[] = [
  'municipality',
  'province',
  'urban_district',
  'rural_district',
  'provincial_city',
  'town',
  'ward',
  'commune',
  'township',
  'special_zone',
];
const SHARES = ['whole', 'part'] as const;
const BASES = ['named', 'unchanged', 'district', 'province-only', 'renamed'] as const;

export interface SuccessionRow {
  formerCode: string;
  formerValidTo: Day;
  successorCode: string;
  successorValidFrom: Day;
  share: Succession['share'];
  basis: Succession['basis'];
}

export interface UnitsManifest {
  dataStarts: Day;
  reformDay: Day;
  totals: UnitTotals[];
}

/** A CSV file's records by header, after checking it has `columns`. */
export function csvRows(text: string, file: string, columns: string[]): Array<Record<string, string>> {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, string>>;
  const header = Object.keys(records[0] ?? {});
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  return records;
}

/** A CSV cell as a day; blank is null (open-ended). */
export function csvDay(value: string, where: string): Day | null {
  if (value === '') return null;
  if (!DAY_PATTERN.test(value)) throw new Error(`${where}: "${value}" is not a day (YYYY-MM-DD)`);
  return value;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], where: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`${where}: "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

/** config/admin-units/units.csv: code, level, kind, name, parent_code, valid_from, valid_to. */
export function parseUnitsCsv(text: string): AdminUnit[] {
  return csvRows(text, 'units.csv', ['code', 'level', 'kind', 'name', 'parent_code', 'valid_from', 'valid_to']).map(
    (r, i) => {
      const where = `units.csv line ${i + 2}`;
      if (!/^\d+$/.test(r.code)) throw new Error(`${where}: code "${r.code}" is not digits`);
      if (!r.name) throw new Error(`${where}: name is empty`);
      return {
        code: r.code,
        level: oneOf(r.level, LEVELS, where),
        kind: oneOf(r.kind, KINDS, where),
        name: r.name.normalize('NFC'),
        parentCode: r.parent_code || null,
        validFrom: csvDay(r.valid_from, where),
        validTo: csvDay(r.valid_to, where),
      };
    },
  );
}

/** config/admin-units/successions.csv: former_code, former_valid_to, successor_code, successor_valid_from, share, basis. */
export function parseSuccessionsCsv(text: string): SuccessionRow[] {
  const columns = ['former_code', 'former_valid_to', 'successor_code', 'successor_valid_from', 'share', 'basis'];
  return csvRows(text, 'successions.csv', columns).map((r, i) => {
    const where = `successions.csv line ${i + 2}`;
    const formerValidTo = csvDay(r.former_valid_to, where);
    const successorValidFrom = csvDay(r.successor_valid_from, where);
    if (!formerValidTo || !successorValidFrom) throw new Error(`${where}: both days are required`);
    return {
      formerCode: r.former_code,
      formerValidTo,
      successorCode: r.successor_code,
      successorValidFrom,
      share: oneOf(r.share, SHARES, where),
      basis: oneOf(r.basis, BASES, where),
    };
  });
}

/** config/admin-units/manifest.json: the day the data starts and the official totals it is checked against. */
export function parseUnitsManifest(json: unknown): UnitsManifest {
  const m = json as Partial<UnitsManifest> | null;
  if (!m || typeof m !== 'object') throw new Error('manifest.json: not an object');
  const dataStarts = csvDay(String(m.dataStarts ?? ''), 'manifest.json dataStarts');
  const reformDay = csvDay(String(m.reformDay ?? ''), 'manifest.json reformDay');
  if (!dataStarts || !reformDay) throw new Error('manifest.json: dataStarts and reformDay are required');
  if (!Array.isArray(m.totals) || !m.totals.length) throw new Error('manifest.json: totals are required');
  const totals = m.totals.map((t, i) => {
    const where = `manifest.json totals[${i}]`;
    const on = csvDay(String(t.on ?? ''), where);
    if (!on) throw new Error(`${where}: "on" is required`);
    for (const level of LEVELS)
      if (!Number.isInteger(t[level]) || t[level] < 0) throw new Error(`${where}: ${level} must be a count`);
    return { on, province: t.province, district: t.district, commune: t.commune, kinds: t.kinds };
  });
  return { dataStarts, reformDay, totals };
}
