import { isNumberLine, isStampField, isStampMarker } from './line-kinds';
import type { DocumentCode } from './types';

/**
 * "Số: 570/STTTT-TTBCBC", "Số:…......../STTTT-TTBCXB" (number left blank for hand-filling),
 * "Số 22 -HD/BTGTU" (Party style: number, type and issuer), and OCR's "Số:......./.STTTT-TTBCXB" (a dot read after
 * the slash). Groups: number, symbol.
 */
const NUMBER_LINE =
  /^(?:Số|SỐ)[\s:.]{0,5}(\d{1,6}(?:\/\d{4})?)?[\s.…_]{0,80}[/-][\s.…]{0,3}([\p{Lu}\d][\p{L}\d/-]{0,60})/u;

/** Symbol pieces are uppercase abbreviations; a single trailing lowercase letter is allowed ("TTg", "TTr"). */
export function isSymbolPiece(piece: string): boolean {
  return /^[\p{Lu}\d]+$/u.test(piece) || /^[\p{Lu}\d]{2,}\p{Ll}$/u.test(piece);
}

/** Keeps the leading well-formed pieces of a symbol; null unless it contains an uppercase letter. */
export function cleanSymbol(raw: string): string | null {
  const kept: string[] = [];
  let rest = raw;
  while (rest !== '') {
    const match = /^([^/-]+)([/-]?)/u.exec(rest);
    if (!match || !isSymbolPiece(match[1])) break;
    kept.push(match[1], match[2]);
    rest = rest.slice(match[0].length);
  }
  const symbol = kept.join('').replace(/[/-]+$/u, '');
  return /\p{Lu}/u.test(symbol) ? symbol : null;
}

export function parseNumberLine(line: string): DocumentCode | null {
  const match = NUMBER_LINE.exec(line.slice(0, 300));
  if (!match) return null;
  const symbol = cleanSymbol(match[2]);
  return symbol ? { number: match[1] ?? null, symbol } : null;
}

/**
 * A receiving office stamps incoming letters ("VĂN BẢN ĐẾN / Số: 611/BTGTU / Ngày: 04/10/21"); its "Số" is the
 * registry number, not the letter's. A "Số" line next to a stamp marker or followed by stamp fields is skipped.
 */
function isInStamp(lines: readonly string[], index: number): boolean {
  if (isStampMarker(lines[index])) return true;
  for (let k = Math.max(0, index - 2); k < index; k++) if (isStampMarker(lines[k])) return true;
  for (let k = index + 1; k <= Math.min(lines.length - 1, index + 2); k++) if (isStampField(lines[k])) return true;
  return false;
}

export function findDocumentCode(
  lines: readonly string[],
  limit: number,
): { index: number; code: DocumentCode } | null {
  for (let i = 0; i < Math.min(limit, lines.length); i++) {
    if (!isNumberLine(lines[i]) || isInStamp(lines, i)) continue;
    const code = parseNumberLine(lines[i]);
    if (code) return { index: i, code };
  }
  return null;
}
