import { updateReturning } from '@loa/db';
import { radioConfig } from './radio-config';
import { DEFAULT_SLOTS, radioPlan } from './radio-plan';
import { currentRevision } from './revisions/radio-campaign';

interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

const DATE_RE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;
const planDate = (field: string) =>
  `(CASE WHEN p.content->>'${field}' ~ ${DATE_RE} THEN (p.content->>'${field}')::date END)`;

/**
 * Every scheduled airing (station × local date × slot) of the radio plans the filter selects, with the instant it
 * is due in the station's time zone. Slots come from the plan, else the station's own, else the defaults; dates
 * from the plan, else the campaign window; airings outside the campaign window are not scheduled.
 * `from`/`to` (SQL date expressions, may use `s.time_zone`) narrow the dates further.
 */
function occurrencesCte(filter: string, window?: { from: string; to: string }): string {
  const from = `COALESCE(${planDate('startDate')}, (c.starts_at AT TIME ZONE s.time_zone)::date)`;
  const to = `COALESCE(${planDate('endDate')}, (c.ends_at AT TIME ZONE s.time_zone)::date)`;
  return `occ AS (
    SELECT * FROM (
      SELECT c.id AS campaign_id, c.status, c.starts_at, c.ends_at, c.finished_at,
             s.id AS station_id, s.code AS station_code, d::date AS air_date, sl.slot,
             ((d::date + sl.slot::time) AT TIME ZONE s.time_zone) AS due_at
        FROM campaigns c
        JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
        JOIN deliveries dl ON dl.campaign_id = c.id AND dl.channel = 'radio'
        JOIN stations s ON s.code = dl.recipient_key
        CROSS JOIN LATERAL (
          SELECT DISTINCT x AS slot FROM jsonb_array_elements_text(
            CASE WHEN jsonb_typeof(p.content->'slots') = 'array' AND jsonb_array_length(p.content->'slots') > 0
                   THEN p.content->'slots'
                 WHEN jsonb_array_length(s.broadcast_slots) > 0
                   THEN (SELECT jsonb_agg(e->'start') FROM jsonb_array_elements(s.broadcast_slots) e)
                 ELSE '${JSON.stringify(DEFAULT_SLOTS)}'::jsonb END) x
           WHERE x ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$') sl
        CROSS JOIN LATERAL generate_series(
          (${window ? `GREATEST(${from}, ${window.from})` : from})::timestamp,
          (${window ? `LEAST(${to}, ${window.to})` : to})::timestamp,
          interval '1 day') d
       WHERE ${filter}) o
     WHERE o.due_at >= o.starts_at AND o.due_at <= o.ends_at)`;
}

const SAME_SLOT = (alias: string) =>
  `${alias}.campaign_id = o.campaign_id AND ${alias}.station_id = o.station_id AND ${alias}.air_date = o.air_date
   AND ${alias}.slot = o.slot`;

let lastMarkRun = 0;

/**
 * The lifecycle step for radio: a scheduled airing with no broadcast report `missedGraceSeconds` after it is
 * marked missed (or skipped, while its campaign is paused); airings after a cancellation are withdrawn, not
 * missed. Idempotent; looks back `missedLookbackHours` at most and runs at most every `missedCheckIntervalMs`.
 * Returns how many airings it marked.
 */
export async function markMissedBroadcasts(db: Queryable, opts: { now?: Date; force?: boolean } = {}): Promise<number> {
  const cfg = radioConfig();
  const nowMs = (opts.now ?? new Date()).getTime();
  if (!opts.force && nowMs - lastMarkRun < cfg.missedCheckIntervalMs) return 0;
  lastMarkRun = nowMs;
  const rows = await updateReturning<{ campaign_id: string }>(
    db,
    `WITH ${occurrencesCte(
      `(c.status IN ('running','paused')
         OR (c.status IN ('completed','cancelled') AND c.finished_at > $3::timestamptz - make_interval(hours => $2)))`,
      {
        from: `(($3::timestamptz - make_interval(hours => $2)) AT TIME ZONE s.time_zone)::date`,
        to: `($3::timestamptz AT TIME ZONE s.time_zone)::date`,
      },
    )}
     INSERT INTO broadcast_slot_marks (campaign_id, station_id, air_date, slot, due_at, mark)
     SELECT o.campaign_id, o.station_id, o.air_date, o.slot, o.due_at,
            CASE WHEN o.status = 'paused' THEN 'skipped' ELSE 'missed' END
       FROM occ o
      WHERE o.due_at < $3::timestamptz - make_interval(secs => $1)
        AND o.due_at > $3::timestamptz - make_interval(hours => $2)
        AND NOT (o.status = 'cancelled' AND o.due_at > o.finished_at)
        AND NOT EXISTS (SELECT 1 FROM broadcast_confirmations bc WHERE ${SAME_SLOT('bc')})
     ON CONFLICT DO NOTHING
     RETURNING campaign_id`,
    [cfg.missedGraceSeconds, cfg.missedLookbackHours, new Date(nowMs)],
  );
  return rows.length;
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
export async function radioBroadcastReport(db: Queryable, campaignId: string): Promise<RadioBroadcastReport | null> {
  const [planRow] = (await db.query(
    `SELECT p.content, c.emergency FROM channel_plans p JOIN campaigns c ON c.id = p.campaign_id
      WHERE p.campaign_id = $1 AND p.channel = 'radio'`,
    [campaignId],
  )) as Array<{ content: unknown; emergency: boolean | null }>;
  if (!planRow) return null;
  const plan = radioPlan(planRow.content, planRow);
  const stations = (await db.query(
    `SELECT s.id, s.code, s.name, parent.code AS parent_code, a.status AS audio_status, a.source AS audio_source
       FROM deliveries dl JOIN stations s ON s.code = dl.recipient_key
       LEFT JOIN stations parent ON parent.id = s.parent_id
       LEFT JOIN radio_audio a ON a.campaign_id = dl.campaign_id AND a.station_id = s.id
      WHERE dl.campaign_id = $1 AND dl.channel = 'radio' ORDER BY s.code`,
    [campaignId],
  )) as Array<{
    id: string;
    code: string;
    name: string;
    parent_code: string | null;
    audio_status: string | null;
    audio_source: 'tts' | 'upload' | null;
  }>;
  const counts = (await db.query(
    `WITH ${occurrencesCte('c.id = $1')}
     SELECT o.station_code, o.slot,
            count(*) FILTER (WHERE bc.id IS NOT NULL) AS aired,
            count(*) FILTER (WHERE bc.id IS NULL AND m.mark = 'missed') AS missed,
            count(*) FILTER (WHERE bc.id IS NULL AND m.mark = 'skipped') AS skipped,
            count(*) FILTER (WHERE bc.id IS NULL AND m.mark IS NULL
                               AND o.status = 'cancelled' AND o.due_at > o.finished_at) AS withdrawn,
            count(*) FILTER (WHERE bc.id IS NULL AND m.mark IS NULL
                               AND NOT (o.status = 'cancelled' AND o.due_at > o.finished_at)) AS pending
       FROM occ o
       LEFT JOIN broadcast_confirmations bc ON ${SAME_SLOT('bc')}
       LEFT JOIN broadcast_slot_marks m ON ${SAME_SLOT('m')}
      GROUP BY o.station_code, o.slot ORDER BY o.station_code, o.slot`,
    [campaignId],
  )) as Array<{ station_code: string; slot: string } & Record<keyof SlotCounts, string>>;
  const reported = (await db.query(
    `SELECT s.code, count(*) AS n FROM broadcast_confirmations bc JOIN stations s ON s.id = bc.station_id
      WHERE bc.campaign_id = $1 GROUP BY s.code`,
    [campaignId],
  )) as Array<{ code: string; n: string }>;

  const totals = { ...zero(), scheduled: 0, extra: 0 };
  const audio = { ready: 0, pending: 0, unavailable: 0, failed: 0, recorded: 0, note: null as string | null };
  const list: StationBroadcasts[] = stations.map((st) => {
    const named = plan.stationCodes.includes(st.code);
    const slots = counts
      .filter((c) => c.station_code === st.code)
      .map((c) => ({
        slot: c.slot,
        aired: Number(c.aired),
        missed: Number(c.missed),
        skipped: Number(c.skipped),
        withdrawn: Number(c.withdrawn),
        pending: Number(c.pending),
      }));
    const sum = zero();
    for (const s of slots) for (const k of Object.keys(sum) as Array<keyof SlotCounts>) sum[k] += s[k];
    const extra = Math.max(0, Number(reported.find((r) => r.code === st.code)?.n ?? 0) - sum.aired);
    for (const k of Object.keys(sum) as Array<keyof SlotCounts>) totals[k] += sum[k];
    totals.scheduled += slots.reduce((a, s) => a + s.aired + s.missed + s.skipped + s.withdrawn + s.pending, 0);
    totals.extra += extra;
    const audioStatus = named ? ((st.audio_status ?? 'pending') as StationBroadcasts['audio']) : 'relayed';
    if (audioStatus !== 'relayed') audio[audioStatus] += 1;
    const audioSource = named && st.audio_status ? st.audio_source : null;
    if (audioSource === 'upload' && audioStatus === 'ready') audio.recorded += 1;
    return {
      code: st.code,
      name: st.name,
      relayedFrom: named ? null : st.parent_code,
      ...sum,
      slots,
      extra,
      audio: audioStatus,
      audioSource,
    };
  });
  if (audio.unavailable || audio.failed) {
    const [why] = (await db.query(
      `SELECT error FROM radio_audio WHERE campaign_id = $1 AND status IN ('unavailable','failed') AND error IS NOT NULL
        ORDER BY updated_at DESC LIMIT 1`,
      [campaignId],
    )) as Array<{ error: string }>;
    audio.note = `Chưa tạo được âm thanh cho ${audio.unavailable + audio.failed} đài; kịch bản vẫn được gửi dạng văn bản.${
      why ? ` Lý do: ${why.error}` : ''
    }`;
  }
  return {
    revision: await currentRevision(db, campaignId),
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
