import type { DirectiveDate } from './types';

const MIN_YEAR = 1945;
const MAX_YEAR = 2199;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** YYYY-MM-DD for a real calendar date, else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!isPlausibleYear(year) || !Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A possibly partial date; an impossible month or day is dropped (null) rather than guessed. */
export function makeDate(year: number, month: number | null, day: number | null): DirectiveDate | null {
  if (!isPlausibleYear(year)) return null;
  const validMonth = month !== null && month >= 1 && month <= 12 ? month : null;
  const maxDay = validMonth === null ? 31 : daysInMonth(year, validMonth);
  const validDay = day !== null && day >= 1 && day <= maxDay ? day : null;
  return {
    year,
    month: validMonth,
    day: validDay,
    iso: validMonth !== null && validDay !== null ? isoDate(year, validMonth, validDay) : null,
  };
}
