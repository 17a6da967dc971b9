/**
 * Writing CSV that people open in spreadsheets (RFC 4180, CRLF line ends, UTF-8 with a byte-order mark so Excel
 * reads Vietnamese text correctly), with every cell neutralised against formula injection.
 */

/** Put first in a UTF-8 CSV download so Excel does not read it as the legacy code page. */
export const UTF8_BOM = '\uFEFF';

/** A cell starting with one of these is read as a formula (or a DDE command) by Excel, LibreOffice and Sheets. */
const FORMULA_START = /^[=+\-@\t\r]/u;

/**
 * Neutralises a cell that a spreadsheet would evaluate: `=`, `+`, `-`, `@`, tab or CR at the start gets a leading
 * apostrophe (OWASP "CSV injection"), so `=HYPERLINK(…)` shows as text. Everything else is returned unchanged.
 */
export function neutralizeCsvCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * One CSV cell: neutralised, then quoted when it holds a comma, semicolon, quote or line break (quotes doubled).
 * Numbers are written as they are (a negative number is data we produced, not a formula); null and undefined
 * become an empty cell.
 */
export function csvCell(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  const safe = neutralizeCsvCell(value.replace(/\u0000/gu, ''));
  return /[",;\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
export function csvRow(cells: ReadonlyArray<string | number | bigint | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
