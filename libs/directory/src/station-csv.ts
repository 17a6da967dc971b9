/**
 * The station import file (pure): `code,name,level,parent_code,unit_code,region,slots,time_zone,contact_email`, one station a
 * line, header first. Every row is validated and every problem reported with its line number; parents may appear
 * later in the file than their children. Nothing here touches the database: the service passes in what exists.
 */
import { parse } from 'csv-parse/sync';
import type { FieldProblem } from './errors';
import { StationFields, TreeNode, checkStationTree, relayProblem, validateStation } from './validation';

export const STATION_CSV_COLUMNS = [
  'code',
  'name',
  'level',
  'parent_code',
  'unit_code',
  'region',
  'slots',
  'time_zone',
  'contact_email',
] as const;
const REQUIRED_COLUMNS = ['code', 'name', 'level'];
export const MAX_STATION_CSV_ROWS = 5000;

export interface StationCsvRow extends StationFields {
  line: number;
}

export interface StationCsvParse {
  rows: StationCsvRow[];
  problems: FieldProblem[];
  /** False when the file has no contact_email column: existing stations keep their contact (a blank cell clears it). */
  contactEmailGiven: boolean;
}

/** Reads and validates every row of the file on its own (no cross-row or database checks yet). */
export function parseStationCsv(text: string, isKnownUnit?: (code: string) => boolean): StationCsvParse {
  // csv-parse counts a CRLF inside a quoted cell as two lines; normalise so line numbers are what editors show.
  const normalised = text.normalize('NFC').replace(/\r\n?/g, '\n');
  let records: Array<{ record: string[]; info: { lines: number }; raw: string }>;
  try {
    records = parse(normalised, {
      bom: true,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number }; raw: string }>;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    return refused([
      {
        ...(typeof line === 'number' ? { line } : {}),
        message: `tệp CSV sai cú pháp / malformed CSV: ${(e as Error).message}`,
      },
    ]);
  }
  const withLines = records.map((r) => ({
    cells: r.record,
    // info.lines is where the record ends (a quoted cell may span lines); raw carries skipped blank lines first.
    line: r.info.lines - (r.raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g) ?? []).length,
  }));
  if (!withLines.length) return refused([{ message: 'tệp CSV trống / the CSV file is empty' }]);
  const [header, ...body] = withLines;
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const problems: FieldProblem[] = [];
  const unknown = columns.filter((c) => !(STATION_CSV_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      unknown.length ? `cột không hợp lệ / unknown columns: ${unknown.join(', ')}` : '',
      missing.length ? `thiếu cột / missing columns: ${missing.join(', ')}` : '',
      repeated.length ? `cột lặp / repeated columns: ${repeated.join(', ')}` : '',
    ].filter(Boolean);
    problems.push({
      line: header.line,
      message: `${parts.join('; ')} (cột hợp lệ / valid columns: ${STATION_CSV_COLUMNS.join(',')})`,
    });
    return refused(problems);
  }
  if (!body.length) return refused([{ message: 'tệp CSV không có dòng dữ liệu / no data rows' }]);
  if (body.length > MAX_STATION_CSV_ROWS) {
    return refused([
      { message: `tối đa ${MAX_STATION_CSV_ROWS} dòng mỗi lần nhập / at most ${MAX_STATION_CSV_ROWS} rows` },
    ]);
  }
  const rows: StationCsvRow[] = [];
  for (const { cells, line } of body) {
    if (cells.length !== columns.length) {
      problems.push({
        line,
        message: `dòng có ${cells.length} cột, tiêu đề có ${columns.length} / row has ${cells.length} fields, header has ${columns.length}`,
      });
      continue;
    }
    const cell = (name: string) => {
      const i = columns.indexOf(name);
      return i >= 0 ? cells[i] : '';
    };
    const result = validateStation(
      {
        code: cell('code'),
        name: cell('name'),
        level: cell('level'),
        parentCode: cell('parent_code'),
        adminUnitCode: cell('unit_code'),
        region: cell('region'),
        broadcastSlots: cell('slots'),
        timeZone: cell('time_zone'),
        contactEmail: cell('contact_email'),
      },
      line,
      isKnownUnit,
    );
    if (result.value) rows.push({ ...result.value, line });
    else problems.push(...result.problems);
  }
  return { rows, problems, contactEmailGiven: columns.includes('contact_email') };
}

function refused(problems: FieldProblem[]): StationCsvParse {
  return { rows: [], problems, contactEmailGiven: false };
}

/**
 * Checks the file's rows against each other and against the organisation's stations: duplicate codes, codes held
 * by another organisation, parents (in the file or already present), relay levels, cycles, and existing children
 * of a station whose level the file changes. A row that updates an existing station replaces its fields.
 */
export function checkStationImport(
  rows: readonly StationCsvRow[],
  existing: readonly TreeNode[],
  codesOfOtherOrganisations: ReadonlySet<string>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const firstLine = new Map<string, number>();
  for (const r of rows) {
    const seen = firstLine.get(r.code);
    if (seen !== undefined) {
      problems.push({
        line: r.line,
        field: 'code',
        message: `mã "${r.code}" đã có ở dòng ${seen} / code "${r.code}" already on line ${seen}`,
      });
    } else firstLine.set(r.code, r.line);
    if (codesOfOtherOrganisations.has(r.code))
      problems.push({
        line: r.line,
        field: 'code',
        message: `mã "${r.code}" đã được dùng / station code "${r.code}" is already taken`,
      });
  }
  const merged = new Map<string, TreeNode>(existing.map((n) => [n.code, n]));
  for (const r of rows) {
    if (firstLine.get(r.code) === r.line)
      merged.set(r.code, { code: r.code, level: r.level, parentCode: r.parentCode });
  }
  const nodes = [...merged.values()];
  for (const p of checkStationTree(nodes)) {
    const line = firstLine.get(p.code);
    if (line !== undefined) {
      problems.push({ line, field: 'parent_code', message: p.message });
      continue;
    }
    // An existing station not in the file: its parent's new level (set by a row) broke it.
    const node = merged.get(p.code);
    const parentLine = node?.parentCode ? firstLine.get(node.parentCode) : undefined;
    const parent = node?.parentCode ? merged.get(node.parentCode) : undefined;
    if (node && parentLine !== undefined && parent) {
      const relay = relayProblem(node.level, parent.level) ?? p.message;
      problems.push({
        line: parentLine,
        field: 'level',
        message: `đài "${node.code}" đang tiếp âm đài này: ${relay} / station "${node.code}" relays this one`,
      });
    }
  }
  return problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
