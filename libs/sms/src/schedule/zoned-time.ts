/**
 * Wall-clock time in an IANA time zone, with nothing but Intl (pure: no clock is read here).
 * Vietnam keeps UTC+7 all year, but nothing below assumes a fixed offset: zones with daylight-saving time work too.
 */

/** A local calendar date and time of day, as a clock on the wall in the zone shows it. */
export interface WallTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
  /** Milliseconds since local midnight, 0 – 86 399 999. */
  readonly msOfDay: number;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws RangeError unless `timeZone` is an IANA zone name this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

function assertInstant(instant: Date): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('invalid Date');
  return ms;
}

/** The wall time at `instant` in `timeZone`. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const ms = assertInstant(instant);
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const millisecond = ((ms % 1000) + 1000) % 1000;
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    msOfDay: ((fields.hour * 60 + fields.minute) * 60 + fields.second) * 1000 + millisecond,
  };
}

/** The wall time read as if it were UTC: a monotonic number to compare wall times by. */
function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day) + wall.msOfDay;
}

/** How far the zone's clocks are ahead of UTC at `ms`. */
function offsetAt(ms: number, timeZone: string): number {
  return wallAsUtcMs(wallTimeAt(new Date(ms), timeZone)) - ms;
}

/** The local calendar date `days` after the date of `wall` (time of day dropped). */
export function addDays(wall: WallTime, days: number): WallTime {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), msOfDay: 0 };
}

/**
 * The first instant at which the zone's clock reads `wall` or later on that date. That is the only instant
 * showing `wall` on an ordinary day; the earlier one when clocks fall back and show it twice; the end of the
 * gap when clocks spring forward over it.
 */
export function firstInstantAt(wall: WallTime, timeZone: string): Date {
  const target = wallAsUtcMs(wall);
  // Offsets in force half a day either side cover any single transition near the target.
  const before = target - offsetAt(target - MS_PER_DAY / 2, timeZone);
  const after = target - offsetAt(target + MS_PER_DAY / 2, timeZone);
  const exact = [before, after].filter((ms) => wallAsUtcMs(wallTimeAt(new Date(ms), timeZone)) === target);
  if (exact.length) return new Date(Math.min(...exact));
  // The wall time falls in a spring-forward gap: find the transition, where the clock first passes the target.
  let low = Math.min(before, after);
  let high = Math.max(before, after);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallAsUtcMs(wallTimeAt(new Date(middle), timeZone)) >= target) high = middle;
    else low = middle;
  }
  return new Date(high);
}

/** 'YYYY-MM-DD' of the local date at `instant` in `timeZone`, e.g. to count messages per subscriber per day. */
export function localDateKey(instant: Date, timeZone: string): string {
  const { year, month, day } = wallTimeAt(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses 'HH:MM' (00:00–23:59, or 24:00 for the end of the day) into milliseconds since midnight. */
export function parseClockTime(value: string, allowEndOfDay = false): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  const hours = match ? Number(match[1]) : Number.NaN;
  const minutes = match ? Number(match[2]) : Number.NaN;
  const valid = match !== null && (hours < 24 || (allowEndOfDay && minutes === 0));
  if (!valid) {
    throw new RangeError(`"${value}" is not a time of day HH:MM${allowEndOfDay ? ' (or 24:00)' : ''}`);
  }
  return (hours * 60 + minutes) * MS_PER_MINUTE;
}
