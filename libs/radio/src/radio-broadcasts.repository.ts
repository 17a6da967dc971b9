import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Queryable, updateReturning } from '@loa/db';
import { DEFAULT_SLOTS } from './radio-plan';
import { currentRevision } from './revisions/radio-campaigns.repository';

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

/** A station that owes something for a running campaign (see `overdueStations`). */
export interface OverdueStation {
  campaignId: string;
  organizationId: string;
  emergency: boolean;
  problem: 'not_pulled' | 'missed_slot';
  /** The first slot it has not pulled for, or the first slot it missed with no later one aired. */
  since: Date;
  station: { id: string; code: string; name: string; contactEmail: string | null };
  /** The station it relays, if any. */
  parentName: string | null;
  /** The nearest station above it with a contact (its parent, or further up), if any. */
  above: { name: string; contactEmail: string } | null;
}

/** A station a campaign's radio rows reach, with the audio it has (none for a relaying commune). */
export interface BroadcastStation {
  id: string;
  code: string;
  name: string;
  parentCode: string | null;
  audioStatus: string | null;
  audioSource: 'tts' | 'upload' | null;
}

/** Scheduled airings of one station and slot, counted by outcome. */
export interface SlotOutcomeCounts {
  stationCode: string;
  slot: string;
  aired: number;
  missed: number;
  skipped: number;
  withdrawn: number;
  pending: number;
}

/** A broadcast report to store (note already normalised). */
/** One slot of a station's log: aired (confirmed), missed (by the station's own word, or unconfirmed), skipped. */
export interface StationSlotLogEntry {
  scriptId: string;
  date: string;
  slot: string;
  status: 'aired' | 'missed' | 'skipped';
  /** When it aired, or when it was marked. */
  at: string;
  note: string | null;
  reportedBy: 'station' | 'system';
}

export interface NewConfirmation {
  campaignId: string;
  stationId: string;
  airDate: string;
  slot: string;
  airedAt: Date;
  durationSeconds: number | null;
  note: string | null;
}

/**
 * The SQL of broadcasts: reports of what aired (`broadcast_confirmations`), the slots marked missed or skipped
 * (`broadcast_slot_marks`), and the schedule they are counted against (computed from plans, stations and radio
 * delivery rows). Built on any query handle, so the lifecycle and the campaign report can use it with theirs.
 */
@Injectable()
export class RadioBroadcastsRepository {
  constructor(@InjectDataSource() private readonly db: Queryable) {}

  /**
   * Marks airings due between `lookbackHours` before `now` and `graceSeconds` before it, with no report, as
   * missed (skipped while the campaign was paused); airings after a cancellation are left alone. Returns how many
   * it marked.
   */
  async markMissed(graceSeconds: number, lookbackHours: number, now: Date): Promise<number> {
    const rows = await updateReturning<{ campaign_id: string }>(
      this.db,
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
      [graceSeconds, lookbackHours, now],
    );
    return rows.length;
  }

  /**
   * Stations of running campaigns that owe something at `now`, looking back `lookbackHours` at most: a station
   * that has not pulled its script (its row still `queued`) when its first slot is due (`not_pulled`, since that
   * slot), and a station that has pulled but has missed slots with no report of a later one (`missed_slot`, since
   * the first of them).
   * Each with who runs it and the nearest station above it that has a contact.
   */
  async overdueStations(now: Date, lookbackHours: number): Promise<OverdueStation[]> {
    const rows = (await this.db.query(
      `WITH ${occurrencesCte(`c.status = 'running'`, {
        from: `(($1::timestamptz - make_interval(hours => $2)) AT TIME ZONE s.time_zone)::date`,
        to: `($1::timestamptz AT TIME ZONE s.time_zone)::date`,
      })},
       not_pulled AS (
         SELECT o.campaign_id, o.station_id, 'not_pulled' AS problem, min(o.due_at) AS since
           FROM occ o
           JOIN deliveries dl ON dl.campaign_id = o.campaign_id AND dl.channel = 'radio'
                             AND dl.recipient_key = o.station_code AND dl.status = 'queued'
          WHERE o.due_at <= $1 AND o.due_at > $1 - make_interval(hours => $2)
          GROUP BY o.campaign_id, o.station_id),
       missed AS (
         SELECT m.campaign_id, m.station_id, 'missed_slot' AS problem, min(m.due_at) AS since
           -- Nobody airs an exercise or test, so its slots are missed by design: only a real campaign's count.
           FROM broadcast_slot_marks m JOIN campaigns c ON c.id = m.campaign_id AND c.status = 'running'
                                                      AND c.mode = 'actual'
          WHERE m.mark = 'missed' AND m.due_at > $1 - make_interval(hours => $2)
            AND NOT EXISTS (SELECT 1 FROM broadcast_confirmations bc
                             WHERE bc.campaign_id = m.campaign_id AND bc.station_id = m.station_id
                               AND (bc.air_date, bc.slot) > (m.air_date, m.slot))
            -- A station that never pulled the script is chased for that alone.
            AND NOT EXISTS (SELECT 1 FROM not_pulled np
                             WHERE np.campaign_id = m.campaign_id AND np.station_id = m.station_id)
          GROUP BY m.campaign_id, m.station_id)
       SELECT x.campaign_id, c.organization_id, c.emergency, x.problem, x.since,
              s.id AS station_id, s.code, s.name, s.contact_email, parent.name AS parent_name,
              above.name AS above_name, above.contact_email AS above_email
         FROM (SELECT * FROM not_pulled UNION ALL SELECT * FROM missed) x
         JOIN campaigns c ON c.id = x.campaign_id
         JOIN stations s ON s.id = x.station_id
         LEFT JOIN stations parent ON parent.id = s.parent_id
         LEFT JOIN LATERAL (
           WITH RECURSIVE up AS (
             SELECT p.id, p.parent_id, p.name, p.contact_email, 1 AS depth FROM stations p WHERE p.id = s.parent_id
             UNION ALL
             SELECT p.id, p.parent_id, p.name, p.contact_email, up.depth + 1
               FROM stations p JOIN up ON p.id = up.parent_id WHERE up.depth < 8)
           SELECT name, contact_email FROM up WHERE contact_email IS NOT NULL ORDER BY depth LIMIT 1) above ON true
        ORDER BY x.campaign_id, s.code, x.problem`,
      [now, lookbackHours],
    )) as Array<{
      campaign_id: string;
      organization_id: string;
      emergency: boolean | null;
      problem: OverdueStation['problem'];
      since: Date;
      station_id: string;
      code: string;
      name: string;
      contact_email: string | null;
      parent_name: string | null;
      above_name: string | null;
      above_email: string | null;
    }>;
    return rows.map((r) => ({
      campaignId: r.campaign_id,
      organizationId: r.organization_id,
      emergency: r.emergency === true,
      problem: r.problem,
      since: new Date(r.since),
      station: { id: r.station_id, code: r.code, name: r.name, contactEmail: r.contact_email },
      parentName: r.parent_name,
      above: r.above_email ? { name: r.above_name ?? '', contactEmail: r.above_email } : null,
    }));
  }

  /** The campaign's radio plan (and whether it is an emergency), or null without one. */
  async radioPlan(campaignId: string): Promise<{ content: unknown; emergency: boolean | null } | null> {
    const [row] = (await this.db.query(
      `SELECT p.content, c.emergency FROM channel_plans p JOIN campaigns c ON c.id = p.campaign_id
        WHERE p.campaign_id = $1 AND p.channel = 'radio'`,
      [campaignId],
    )) as Array<{ content: unknown; emergency: boolean | null }>;
    return row ?? null;
  }

  /** The stations the campaign's radio rows reach, by code, with their parent and audio. */
  async stations(campaignId: string): Promise<BroadcastStation[]> {
    const rows = (await this.db.query(
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
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      parentCode: r.parent_code,
      audioStatus: r.audio_status,
      audioSource: r.audio_source,
    }));
  }

  /** Scheduled airings per station and slot: aired, missed, skipped, withdrawn, pending. */
  async slotCounts(campaignId: string): Promise<SlotOutcomeCounts[]> {
    const rows = (await this.db.query(
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
    )) as Array<{
      station_code: string;
      slot: string;
      aired: string;
      missed: string;
      skipped: string;
      withdrawn: string;
      pending: string;
    }>;
    return rows.map((c) => ({
      stationCode: c.station_code,
      slot: c.slot,
      aired: Number(c.aired),
      missed: Number(c.missed),
      skipped: Number(c.skipped),
      withdrawn: Number(c.withdrawn),
      pending: Number(c.pending),
    }));
  }

  /** How many broadcast reports each station sent for the campaign (scheduled or not), by station code. */
  async reportsPerStation(campaignId: string): Promise<Map<string, number>> {
    const rows = (await this.db.query(
      `SELECT s.code, count(*) AS n FROM broadcast_confirmations bc JOIN stations s ON s.id = bc.station_id
        WHERE bc.campaign_id = $1 GROUP BY s.code`,
      [campaignId],
    )) as Array<{ code: string; n: string }>;
    return new Map(rows.map((r) => [r.code, Number(r.n)]));
  }

  /** The latest reason audio could not be made for the campaign, or null. */
  async latestAudioError(campaignId: string): Promise<string | null> {
    const [why] = (await this.db.query(
      `SELECT error FROM radio_audio WHERE campaign_id = $1 AND status IN ('unavailable','failed') AND error IS NOT NULL
        ORDER BY updated_at DESC LIMIT 1`,
      [campaignId],
    )) as Array<{ error: string }>;
    return why?.error ?? null;
  }

  /** The radio plan's current revision (1 until amended). */
  currentRevision(campaignId: string): Promise<number> {
    return currentRevision(this.db, campaignId);
  }

  /**
   * The local date (YYYY-MM-DD) of the slot an airing belongs to: `date` when given, else the day (the one
   * before or after, around midnight) whose slot time in `timeZone` is nearest to `airedAt`.
   */
  async airDate(q: Queryable, airedAt: Date, slot: string, timeZone: string, date: string | null): Promise<string> {
    const [{ air_date }] = (await q.query(
      `SELECT to_char(COALESCE($4::date, (
         SELECT d FROM (VALUES (0), (-1), (1)) AS v(k),
                LATERAL (SELECT (($1::timestamptz AT TIME ZONE $3)::date + k) AS d) x
          ORDER BY abs(extract(epoch FROM ((d + $2::time) AT TIME ZONE $3) - $1::timestamptz)) LIMIT 1)),
         'YYYY-MM-DD') AS air_date`,
      [airedAt, slot, timeZone, date],
    )) as Array<{ air_date: string }>;
    return air_date;
  }

  /** Stores a broadcast report once per (campaign, station, date, slot); true when it was new. */
  /**
   * The station says it could not air a slot: the slot is marked missed by the station, with its reason (a second
   * report replaces the reason). False when the slot was confirmed aired: an airing is not taken back this way.
   */
  async recordNotAired(
    q: Queryable,
    r: { campaignId: string; stationId: string; airDate: string; slot: string; timeZone: string; note: string },
  ): Promise<boolean> {
    const rows = (await q.query(
      `INSERT INTO broadcast_slot_marks (campaign_id, station_id, air_date, slot, due_at, mark, reported_by, note)
       SELECT $1::uuid, $2::uuid, $3::date, $4::text, ($3::date + $4::text::time) AT TIME ZONE $5::text, 'missed',
              'station', $6::text
        WHERE NOT EXISTS (SELECT 1 FROM broadcast_confirmations
                           WHERE campaign_id = $1 AND station_id = $2 AND air_date = $3::date AND slot = $4::text)
       ON CONFLICT (campaign_id, station_id, air_date, slot)
         DO UPDATE SET mark = 'missed', reported_by = 'station', note = EXCLUDED.note, marked_at = now()
       RETURNING 1`,
      [r.campaignId, r.stationId, r.airDate, r.slot, r.timeZone, r.note],
    )) as unknown[];
    return rows.length > 0;
  }

  /** What a station reported or was marked with, slot by slot, from a local date on: its own log. */
  async stationLog(stationId: string, since: string): Promise<StationSlotLogEntry[]> {
    const rows = (await this.db.query(
      `SELECT campaign_id, to_char(air_date, 'YYYY-MM-DD') AS date, slot, 'aired' AS status, aired_at AS at, note,
              'station' AS reported_by
         FROM broadcast_confirmations WHERE station_id = $1 AND air_date >= $2::date
       UNION ALL
       SELECT m.campaign_id, to_char(m.air_date, 'YYYY-MM-DD'), m.slot, m.mark, m.marked_at, m.note, m.reported_by
         FROM broadcast_slot_marks m
        WHERE m.station_id = $1 AND m.air_date >= $2::date
          AND NOT EXISTS (SELECT 1 FROM broadcast_confirmations bc WHERE bc.campaign_id = m.campaign_id
                           AND bc.station_id = m.station_id AND bc.air_date = m.air_date AND bc.slot = m.slot)
        ORDER BY 2, 3`,
      [stationId, since],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      scriptId: String(r.campaign_id),
      date: String(r.date),
      slot: String(r.slot),
      status: r.status as StationSlotLogEntry['status'],
      at: (r.at as Date).toISOString(),
      note: (r.note as string | null) ?? null,
      reportedBy: r.reported_by as StationSlotLogEntry['reportedBy'],
    }));
  }

  async recordConfirmation(q: Queryable, c: NewConfirmation): Promise<boolean> {
    const inserted = (await q.query(
      `INSERT INTO broadcast_confirmations (campaign_id, station_id, air_date, slot, aired_at, duration_seconds, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (campaign_id, station_id, air_date, slot) DO NOTHING RETURNING id`,
      [c.campaignId, c.stationId, c.airDate, c.slot, c.airedAt, c.durationSeconds, c.note],
    )) as unknown[];
    return inserted.length > 0;
  }
}
