import type { FeedScriptDto, StationSlotLogDto } from '../api/schema.gen';

/** One slot to air: a script on a local date at a local time. */
export interface Airing {
  date: string;
  slot: string;
  script: FeedScriptDto;
}

/** YYYY-MM-DD of `at` in the station's time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The station's airings from `today` for `days` days, in broadcast order (date, then time), from its feed: every slot
 * of every script on every date of its schedule. Withdrawn scripts are left out (nothing of them is to air).
 */
export function airingsFrom(scripts: readonly FeedScriptDto[], today: string, days: number): Airing[] {
  const last = addDays(today, days - 1);
  const out: Airing[] = [];
  for (const script of scripts) {
    if (script.status === 'withdrawn') continue;
    for (let date = script.startDate > today ? script.startDate : today; date <= last && date <= script.endDate;) {
      for (const slot of script.slots) out.push({ date, slot, script });
      date = addDays(date, 1);
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.slot.localeCompare(b.slot));
}

/** What the station's log says of one airing, if anything. */
export function logOf(log: readonly StationSlotLogDto[], a: Airing): StationSlotLogDto | undefined {
  return log.find((l) => l.scriptId === a.script.scriptId && l.date === a.date && l.slot === a.slot);
}
