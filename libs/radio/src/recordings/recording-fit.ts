import { RadioPlan, slotSecondsFor } from '../radio-plan';

export interface RecordingStation {
  code: string;
  broadcastSlots: unknown;
}

export interface RecordingMisfit {
  station: string;
  /** Seconds the plan may take in one slot at this station (all readings together). */
  airtimeSeconds: number;
  /** Seconds the recording takes in one slot: its duration × the plan's readings per slot. */
  neededSeconds: number;
}

/** Shortest recording accepted: anything shorter is a mistake (a click, an empty file). */
export const MIN_RECORDING_SECONDS = 1;

/**
 * Stations whose slots cannot hold the recording read `plan.repeat` times (pure). A station with no known slot
 * length is not checked (only the global maximum applies).
 */
export function recordingMisfits(
  durationSeconds: number,
  plan: RadioPlan,
  stations: RecordingStation[],
): RecordingMisfit[] {
  const needed = durationSeconds * plan.repeat;
  return stations.flatMap((s) => {
    const airtime = slotSecondsFor(plan, s);
    return airtime !== null && needed > airtime
      ? [{ station: s.code, airtimeSeconds: airtime, neededSeconds: Math.round(needed * 10) / 10 }]
      : [];
  });
}

/** One sentence for the operator, Vietnamese first. */
export function describeMisfits(misfits: RecordingMisfit[], repeat: number): string {
  const list = misfits.map((m) => `${m.station} (${m.airtimeSeconds} s)`).join(', ');
  const needed = misfits[0]?.neededSeconds ?? 0;
  return (
    `bản ghi cần ${needed} giây cho ${repeat} lượt mỗi khung, dài hơn thời lượng khung giờ của ${list} / ` +
    `the recording needs ${needed} s for ${repeat} reading(s) per slot, longer than the slot airtime of ${list}`
  );
}
