import { makeDate } from './dates';
import { isStampField, isStampMarker } from './line-kinds';
import type { DirectiveDate } from './types';

export interface PlaceDate {
  readonly place: string | null;
  readonly date: DirectiveDate;
}

/** Blanks left for hand-filling: dots, ellipses, underscores. */
const FILL = '[\\s.…_]';
const DATE_AFTER_NGAY = new RegExp(
  `^ngày${FILL}{0,40}?(\\d{1,2})?${FILL}{0,40}tháng${FILL}{0,40}?(\\d{1,2})?${FILL}{0,40}năm${FILL}{0,10}(\\d{4})`,
  'iu',
);
const NGAY = /(?:^|[\s,])ngày(?=[\s.…_\d]|$)/iu;
/** Lowercase words allowed inside a place name ("Thành phố Hồ Chí Minh"). */
const PLACE_CONNECTORS = new Set(['phố', 'xã', 'thị', 'trấn']);

function asPlace(candidate: string): string | null {
  const words = candidate.split(' ').filter((w) => w !== '');
  if (words.length === 0 || words.length > 6 || candidate.length > 50) return null;
  if (/[\d:/;()]/u.test(candidate)) return null;
  const ok = words.every((w) => /^\p{Lu}/u.test(w) || PLACE_CONNECTORS.has(w));
  return ok && /^\p{Lu}/u.test(words[0]) ? words.join(' ') : null;
}

function placeBefore(prefix: string): string | null {
  const trimmed = prefix.replace(/[\s,]+$/u, '').trim();
  if (trimmed === '') return null;
  const whole = asPlace(trimmed);
  if (whole) return whole;
  // Two-column layouts put the document number on the same line: keep the words after the last code-like token.
  const words = trimmed.split(' ');
  let start = words.length;
  while (start > 0 && !/[\d:/;]/u.test(words[start - 1])) start--;
  return start > 0 ? asPlace(words.slice(start).join(' ')) : null;
}

/** "Sóc Trăng, ngày 30 tháng 9 năm 2021" → place and (possibly partial) date; null when the line has no such date. */
export function parsePlaceDate(line: string): PlaceDate | null {
  const head = line.slice(0, 400);
  const ngay = NGAY.exec(head);
  if (!ngay) return null;
  const start = ngay.index + ngay[0].length - 'ngày'.length;
  const match = DATE_AFTER_NGAY.exec(head.slice(start, start + 160));
  if (!match) return null;
  const date = makeDate(
    Number(match[3]),
    match[2] === undefined ? null : Number(match[2]),
    match[1] === undefined ? null : Number(match[1]),
  );
  if (!date) return null;
  return { place: placeBefore(head.slice(0, start)), date };
}

/** The letter's own place and date: the first header line written "<Place>, ngày … tháng … năm …". */
export function findPlaceDate(lines: readonly string[], limit: number): { index: number; value: PlaceDate } | null {
  for (let i = 0; i < Math.min(limit, lines.length); i++) {
    const line = lines[i];
    if (isStampMarker(line) || isStampField(line)) continue;
    const value = parsePlaceDate(line);
    if (value && (value.place !== null || /^ngày/iu.test(line))) return { index: i, value };
  }
  return null;
}
