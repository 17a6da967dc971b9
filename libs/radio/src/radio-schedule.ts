import type { Queryable } from '@loa/db';
import { RadioBroadcastsRepository } from './radio-broadcasts.repository';
import type { RadioConfig } from './radio-config';
import { radioPlan } from './radio-plan';

let lastMarkRun = 0;

/**
 * The lifecycle step for radio: a scheduled airing with no broadcast report `missedGraceSeconds` after it is
 * marked missed (or skipped, while its campaign is paused); airings after a cancellation are withdrawn, not
 * missed. Idempotent; looks back `missedLookbackHours` at most and runs at most every `missedCheckIntervalMs`.
 * Returns how many airings it marked.
 */
export async function markMissedBroadcasts(
  db: Queryable,
  cfg: Pick<RadioConfig, 'missedGraceSeconds' | 'missedLookbackHours' | 'missedCheckIntervalMs'>,
  opts: { now?: Date; force?: boolean } = {},
): Promise<number> {
  const nowMs = (opts.now ?? new Date()).getTime();
  if (!opts.force && nowMs - lastMarkRun < cfg.missedCheckIntervalMs) return 0;
  lastMarkRun = nowMs;
  return new RadioBroadcastsRepository(db).markMissed(cfg.missedGraceSeconds, cfg.missedLookbackHours, new Date(nowMs));
}

export interface SlotCounts {
  aired: number;
  missed: number;
  /** Passed while the campaign was paused. */
  skipped: number;
  /** Due after the campaign was cancelled. */
  withdrawn: number;
  /** Not yet due, or due and still within the grace period. */
  pending: number;
}

export interface StationBroadcasts extends SlotCounts {
  code: string;
  name: string;
  /** The parent it relays, when it is not named in the plan itself. */
  relayedFrom: string | null;
  slots: Array<SlotCounts & { slot: string }>;
  /** Reports for airings outside the schedule (another slot, or outside the dates). */
  extra: number;
  audio: 'ready' | 'pending' | 'unavailable' | 'failed' | 'relayed';
  /** Who made the audio: espeak-ng ('tts') or an operator's recording ('upload'); null when relayed or none. */
  audioSource: 'tts' | 'upload' | null;
}

export interface RadioBroadcastReport {
  /** The plan's current revision (1 as launched; each amendment or new recording on air adds one). */
  revision: number;
  priority: string;
  slots: string[] | null;
  startDate: string | null;
  endDate: string | null;
  repeat: number;
  totals: SlotCounts & { scheduled: number; extra: number };
  stations: StationBroadcasts[];
  /** Stations with at least one missed airing: who has not aired. */
  notAired: string[];
  audio: {
    ready: number;
    pending: number;
    unavailable: number;
    failed: number;
    /** Stations airing an uploaded recording (counted in `ready`). */
    recorded: number;
    /** Said plainly when audio could not be made (the scripts still went out as text). */
    note: string | null;
  };
}

const zero = (): SlotCounts => ({ aired: 0, missed: 0, skipped: 0, withdrawn: 0, pending: 0 });

/** Per station and slot: aired, missed, skipped, withdrawn, pending; plus the audio state. */
export function radioBroadcastReport(db: Queryable, campaignId: string): Promise<RadioBroadcastReport | null> {
  return broadcastReport(new RadioBroadcastsRepository(db), campaignId);
}

/** The report from the rows the repository reads; null when the campaign has no radio plan. */
async function broadcastReport(
  broadcasts: RadioBroadcastsRepository,
  campaignId: string,
): Promise<RadioBroadcastReport | null> {
  const planRow = await broadcasts.radioPlan(campaignId);
  if (!planRow) return null;
  const plan = radioPlan(planRow.content, planRow);
  const stations = await broadcasts.stations(campaignId);
  const counts = await broadcasts.slotCounts(campaignId);
  const reported = await broadcasts.reportsPerStation(campaignId);

  const totals = { ...zero(), scheduled: 0, extra: 0 };
  const audio = { ready: 0, pending: 0, unavailable: 0, failed: 0, recorded: 0, note: null as string | null };
  const list: StationBroadcasts[] = stations.map((st) => {
    const named = plan.stationCodes.includes(st.code);
    const slots = counts
      .filter((c) => c.stationCode === st.code)
      .map((c) => ({
        slot: c.slot,
        aired: c.aired,
        missed: c.missed,
        skipped: c.skipped,
        withdrawn: c.withdrawn,
        pending: c.pending,
      }));
    const sum = zero();
    for (const s of slots) for (const k of Object.keys(sum) as Array<keyof SlotCounts>) sum[k] += s[k];
    const extra = Math.max(0, (reported.get(st.code) ?? 0) - sum.aired);
    for (const k of Object.keys(sum) as Array<keyof SlotCounts>) totals[k] += sum[k];
    totals.scheduled += slots.reduce((a, s) => a + s.aired + s.missed + s.skipped + s.withdrawn + s.pending, 0);
    totals.extra += extra;
    const audioStatus = named ? ((st.audioStatus ?? 'pending') as StationBroadcasts['audio']) : 'relayed';
    if (audioStatus !== 'relayed') audio[audioStatus] += 1;
    const audioSource = named && st.audioStatus ? st.audioSource : null;
    if (audioSource === 'upload' && audioStatus === 'ready') audio.recorded += 1;
    return {
      code: st.code,
      name: st.name,
      relayedFrom: named ? null : st.parentCode,
      ...sum,
      slots,
      extra,
      audio: audioStatus,
      audioSource,
    };
  });
  if (audio.unavailable || audio.failed) {
    const why = await broadcasts.latestAudioError(campaignId);
    audio.note = `Chưa tạo được âm thanh cho ${audio.unavailable + audio.failed} đài; kịch bản vẫn được gửi dạng văn bản.${
      why ? ` Lý do: ${why}` : ''
    }`;
  }
  return {
    revision: await broadcasts.currentRevision(campaignId),
    priority: plan.priority,
    slots: plan.slots,
    startDate: plan.startDate,
    endDate: plan.endDate,
    repeat: plan.repeat,
    totals,
    stations: list,
    notAired: list.filter((s) => s.missed > 0).map((s) => s.code),
    audio,
  };
}
