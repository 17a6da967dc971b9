import { cleanSymbol } from './document-code';
import { isoDate } from './dates';
import type { DirectiveReference, DocumentCode } from './types';

/**
 * Candidate document codes: a number (optionally "/year") then "-" or "/" and a symbol. "24-HD/BTGTU",
 * "5069/VP-VX", "30/2021/QH15". Pieces are separated by characters outside their class, so matching is linear.
 */
const CANDIDATE =
  /(?<![\p{L}\d/-])(\d{1,6}(?:\/\d{4})?)([-/])([\p{Lu}\d][\p{L}\d]{0,20}(?:[-/][\p{L}\d]{1,20}){0,5})/gu;
const NUMERIC_DATE = /^,?\s?(?:ban hành\s)?(?:ngày|ngay)\s?(\d{1,2})\s?[/.-]\s?(\d{1,2})\s?[/.-]\s?(\d{4})/iu;
const WORDED_DATE = /^,?\s?(?:ban hành\s)?ngày\s?(\d{1,2})\stháng\s(\d{1,2})\snăm\s(\d{4})/iu;
const MAX_REFERENCES = 200;

function dateAfter(text: string, from: number): string | null {
  const after = text.slice(from, from + 60);
  const match = NUMERIC_DATE.exec(after) ?? WORDED_DATE.exec(after);
  return match ? isoDate(Number(match[3]), Number(match[2]), Number(match[1])) : null;
}

function sameCode(code: string, own: DocumentCode | null): boolean {
  if (!own || own.number === null) return false;
  return code === `${own.number}/${own.symbol}` || code === `${own.number}-${own.symbol}`;
}

/** Other documents cited in `text` ("Công văn số 5069/VP-VX ngày 28/9/2021"), deduplicated, in order of citation. */
export function extractReferences(text: string, own: DocumentCode | null): DirectiveReference[] {
  const found = new Map<string, string | null>();
  for (const match of text.matchAll(CANDIDATE)) {
    const symbol = cleanSymbol(match[3]);
    if (!symbol) continue;
    const code = `${match[1]}${match[2]}${symbol}`;
    if (sameCode(code, own)) continue;
    const date = symbol === match[3] ? dateAfter(text, (match.index ?? 0) + match[0].length) : null;
    if (!found.has(code)) {
      if (found.size >= MAX_REFERENCES) break;
      found.set(code, date);
    } else if (found.get(code) === null && date !== null) {
      found.set(code, date);
    }
  }
  return [...found].map(([code, date]) => ({ code, date }));
}
