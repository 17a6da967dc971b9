import { RadioInputError } from '../radio-errors';

/** The fields of a launched radio plan an amendment may change (the stations are fixed at launch). */
export const AMENDABLE_FIELDS = [
  'script',
  'slots',
  'priority',
  'startDate',
  'endDate',
  'repeat',
  'maxSeconds',
] as const;
export type AmendableField = (typeof AMENDABLE_FIELDS)[number];

/** Fields whose change alters what is spoken (the opening depends on the priority): audio must be made again. */
const SPOKEN_FIELDS: readonly AmendableField[] = ['script', 'priority'];

export type RadioPlanPatch = Partial<Record<AmendableField, unknown>> & { stationCodes?: unknown };

export interface PlanAmendment {
  /** The stored plan content after the amendment. */
  content: Record<string, unknown>;
  /** Fields whose value changed, in AMENDABLE_FIELDS order; empty when the patch changes nothing. */
  changed: AmendableField[];
  /** True when the words aired change, so existing audio (synthesised or recorded) no longer matches. */
  spokenChanged: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Applies an amendment to a stored radio plan (pure). Values are already validated one by one (DTO); this checks
 * what needs both: the stations cannot change, and the date range must stay ordered with the stored dates.
 * Text is kept as Unicode NFC.
 */
export function amendRadioPlan(stored: unknown, patch: RadioPlanPatch): PlanAmendment {
  const current = { ...((stored ?? {}) as Record<string, unknown>) };
  if (patch.stationCodes !== undefined && !same(patch.stationCodes, current.stationCodes)) {
    throw new RadioInputError(
      'stationCodes',
      'không đổi được danh sách đài sau khi phát động; hãy lập chiến dịch mới / stations cannot change after launch; create a new campaign',
    );
  }
  const next: Record<string, unknown> = { ...current };
  for (const field of AMENDABLE_FIELDS) {
    const value = patch[field];
    if (value === undefined) continue;
    next[field] = typeof value === 'string' ? value.normalize('NFC') : value;
  }
  const start = typeof next.startDate === 'string' ? next.startDate : null;
  const end = typeof next.endDate === 'string' ? next.endDate : null;
  if (start && end && end < start) {
    throw new RadioInputError(
      patch.endDate !== undefined ? 'endDate' : 'startDate',
      `ngày kết thúc ${end} trước ngày bắt đầu ${start} / endDate ${end} is before startDate ${start}`,
    );
  }
  const changed = AMENDABLE_FIELDS.filter((f) => !same(current[f], next[f]));
  return { content: next, changed, spokenChanged: changed.some((f) => SPOKEN_FIELDS.includes(f)) };
}
