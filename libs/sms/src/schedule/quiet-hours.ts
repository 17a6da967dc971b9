/**
 * Quiet hours: SMS to subscribers go out only inside a daily sending window in local time (07:00–22:00
 * Asia/Ho_Chi_Minh by default). Pure: the caller passes `now`.
 */
import { addDays, assertTimeZone, firstInstantAt, parseClockTime, wallTimeAt } from './zoned-time';

/** A daily window in local time. */
export interface SendingWindow {
  /** 'HH:MM', the first minute sending is allowed (inclusive). */
  readonly start: string;
  /** 'HH:MM' or '24:00', the first minute it is no longer allowed (exclusive). Earlier than start: crosses midnight. */
  readonly end: string;
  /** IANA time zone the times are read in, e.g. 'Asia/Ho_Chi_Minh'. */
  readonly timeZone: string;
}

export const DEFAULT_SENDING_WINDOW: SendingWindow = Object.freeze({
  start: '07:00',
  end: '22:00',
  timeZone: 'Asia/Ho_Chi_Minh',
});

export type SendingWindowDecision =
  | {
      readonly allowed: true;
      /** When the current window closes: stop sending at this instant. */
      readonly closesAt: Date;
    }
  | {
      readonly allowed: false;
      /** The next instant sending is allowed (the next window opening). */
      readonly nextAllowedAt: Date;
    };

interface ParsedWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly timeZone: string;
}

function parseWindow(window: SendingWindow): ParsedWindow {
  const startMs = parseClockTime(window.start);
  const endMs = parseClockTime(window.end, true);
  if (startMs === endMs || (startMs === 0 && endMs === 24 * 3_600_000)) {
    // A window that never closes (or never opens) is a policy mistake, not a schedule: say so.
    throw new RangeError(
      `sending window ${window.start}–${window.end} is ambiguous or always open; give distinct start and end times`,
    );
  }
  assertTimeZone(window.timeZone);
  return { startMs, endMs, timeZone: window.timeZone };
}

/** Checks a window definition; throws RangeError describing what is wrong. */
export function validateSendingWindow(window: SendingWindow): void {
  parseWindow(window);
}

/**
 * Whether sending is allowed at `now` and, if it is, when the window closes; if it is not, when it opens next.
 * The window includes its start and excludes its end (07:00:00.000 is allowed, 22:00:00.000 is not). A window
 * whose end is earlier than its start crosses midnight (e.g. 20:00–06:00).
 */
export function checkSendingWindow(now: Date, window: SendingWindow = DEFAULT_SENDING_WINDOW): SendingWindowDecision {
  const { startMs, endMs, timeZone } = parseWindow(window);
  const wall = wallTimeAt(now, timeZone);
  const at = (dayOffset: number, msOfDay: number): Date =>
    firstInstantAt({ ...addDays(wall, dayOffset), msOfDay }, timeZone);
  const t = wall.msOfDay;
  if (startMs < endMs) {
    if (t < startMs) return { allowed: false, nextAllowedAt: at(0, startMs) };
    if (t >= endMs) return { allowed: false, nextAllowedAt: at(1, startMs) };
    return { allowed: true, closesAt: at(0, endMs) };
  }
  // Crosses midnight: open from start to midnight and from midnight to end.
  if (t >= startMs) return { allowed: true, closesAt: at(1, endMs) };
  if (t < endMs) return { allowed: true, closesAt: at(0, endMs) };
  return { allowed: false, nextAllowedAt: at(0, startMs) };
}
