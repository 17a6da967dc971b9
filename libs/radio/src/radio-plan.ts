import { RADIO_PRIORITIES, RadioPriority } from './script/write-script';

/** A slot a station broadcasts in every day (station data): "06:00" for 30 minutes. */
export interface StationSlot {
  start: string;
  minutes: number;
}

export const STATION_REGIONS = ['north', 'central', 'south'] as const;
export type StationRegion = (typeof STATION_REGIONS)[number];

/** When neither the plan nor the station names slots: the usual morning and afternoon programmes. */
export const DEFAULT_SLOTS = ['06:00', '17:00'] as const;

/** The radio plan as stored in channel_plans.content, every optional field filled with its default. */
export interface RadioPlan {
  stationCodes: string[];
  script: string;
  /** Local times; null means "each station's own broadcast slots". */
  slots: string[] | null;
  priority: RadioPriority;
  /** Local dates (YYYY-MM-DD) bounding the schedule; null means the campaign window's dates. */
  startDate: string | null;
  endDate: string | null;
  /** Readings in each slot. */
  repeat: number;
  /** Longest airtime per slot, all readings together; null means the station's slot length. */
  maxSeconds: number | null;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads a stored plan defensively (older plans have only stationCodes, script and slots). An emergency campaign
 * whose plan names no priority airs as an emergency.
 */
export function radioPlan(content: unknown, campaign: { emergency?: boolean | null } = {}): RadioPlan {
  const c = (content ?? {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const slots = strings(c.slots).filter((s) => HHMM.test(s));
  const priority = RADIO_PRIORITIES.includes(c.priority as RadioPriority)
    ? (c.priority as RadioPriority)
    : campaign.emergency
      ? 'emergency'
      : 'normal';
  const date = (v: unknown) => (typeof v === 'string' && DATE.test(v) ? v : null);
  const int = (v: unknown, min: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? v : null);
  return {
    stationCodes: strings(c.stationCodes),
    script: typeof c.script === 'string' ? c.script : '',
    slots: slots.length ? [...new Set(slots)].sort() : null,
    priority,
    startDate: date(c.startDate),
    endDate: date(c.endDate),
    repeat: int(c.repeat, 1) ?? 1,
    maxSeconds: int(c.maxSeconds, 1),
  };
}

/** A station's slots from its stored JSON (ignoring malformed entries), sorted by time. */
export function stationSlots(value: unknown): StationSlot[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(
      (s): s is StationSlot =>
        !!s && typeof s === 'object' && HHMM.test((s as StationSlot).start) && Number((s as StationSlot).minutes) > 0,
    )
    .map((s) => ({ start: s.start, minutes: Number(s.minutes) }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** The slots one station airs a plan in: the plan's, else the station's own, else the defaults. */
export function slotsFor(plan: RadioPlan, station: { broadcastSlots: unknown }): string[] {
  if (plan.slots) return plan.slots;
  const own = stationSlots(station.broadcastSlots).map((s) => s.start);
  return own.length ? [...new Set(own)] : [...DEFAULT_SLOTS];
}

/** The airtime a plan may take in one slot at one station: the plan's limit, else the shortest matching slot. */
export function slotSecondsFor(plan: RadioPlan, station: { broadcastSlots: unknown }): number | null {
  if (plan.maxSeconds) return plan.maxSeconds;
  const own = stationSlots(station.broadcastSlots);
  const slots = slotsFor(plan, station);
  const matching = own.filter((s) => slots.includes(s.start)).map((s) => s.minutes * 60);
  return matching.length ? Math.min(...matching) : null;
}

/** espeak-ng's Vietnamese voices by region (northern is espeak-ng's plain "vi"). */
export function voiceFor(region: string | null | undefined): string {
  if (region === 'central') return 'vi-vn-x-central';
  if (region === 'south') return 'vi-vn-x-south';
  return 'vi';
}

/** Number words follow the region: "lẻ"/"ngàn" in the south, "linh"/"nghìn" elsewhere. */
export function dialectFor(region: string | null | undefined): 'north' | 'south' {
  return region === 'south' ? 'south' : 'north';
}

/** CAP urgency and severity for each grassroots-radio priority. */
export const CAP_BY_PRIORITY: Record<RadioPriority, { urgency: string; severity: string }> = {
  normal: { urgency: 'Future', severity: 'Minor' },
  priority: { urgency: 'Expected', severity: 'Moderate' },
  emergency: { urgency: 'Immediate', severity: 'Severe' },
};
