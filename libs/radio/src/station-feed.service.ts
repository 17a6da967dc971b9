import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isAbsolute, join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { StationEntity } from '@loa/db';
import { audioExtension } from './audio/audio-files';
import { AudioStatus, FeedAudio, FeedScript, StationFeed } from './feeds/render-feeds';
import { localDate } from './feeds/xml';
import { RADIO_CONFIG, RadioConfig } from './radio-config';
import { radioPlan, slotsFor, stationSlots } from './radio-plan';
import { StoredDirectiveFields, scriptFor, senderNameOf } from './script-source';
import { isUuid } from '@loa/common';
import { markRadioConfirmed, markRadioPulled } from '@loa/delivery';

/** @deprecated name kept for callers of GET /stations/:code/scripts: a feed entry. */
export type StationScript = FeedScript;

export class UnknownScriptError extends Error {}
/** The script's campaign was cancelled before the reported airing. */
export class WithdrawnScriptError extends Error {}
/** A broadcast report that cannot be right (aired in the future, bad slot or date). */
export class InvalidBroadcastError extends Error {}

export interface BroadcastReportInput {
  scriptId: string;
  /** "HH:MM", local to the station. */
  slot: string;
  airedAt: Date;
  /** The slot's local date (YYYY-MM-DD); when missing, the date whose slot is nearest to airedAt. */
  date?: string | null;
  durationSeconds: number | null;
  note: string | null;
}

export interface BroadcastRecorded {
  scriptId: string;
  slot: string;
  date: string;
  created: boolean;
}

interface ScriptRow {
  campaign_id: string;
  title: string;
  status: 'running' | 'paused' | 'cancelled';
  starts_at: Date;
  ends_at: Date;
  launched_at: Date | null;
  finished_at: Date | null;
  content: unknown;
  emergency: boolean | null;
  fields: StoredDirectiveFields | null;
  document_code: string | null;
  org_code: string;
  org_name: string;
  /** Amendments (revision 2, 3 …) with when each was made. */
  revisions: Array<{ revision: number; at: string }> | null;
}

interface AudioRow {
  campaign_id: string;
  station_id: string;
  status: string;
  mime_type: string | null;
  bytes: number | null;
  duration_seconds: string | null;
  sha1: string | null;
  voice: string | null;
  source: 'tts' | 'upload';
}

interface ChainStation {
  id: string;
  code: string;
  name: string;
  region: string | null;
  broadcast_slots: unknown;
  time_zone: string;
}

const SLOT = /^([01]\d|2[0-3]):[0-5]\d$/;
/** Reports this far in the future are refused (clock skew allowance). */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * What a station pulls (its scripts and those it relays from its parent, with audio) and what it reports
 * (what aired). Postgres is the truth: feeds are derived from rows on every pull.
 */
@Injectable()
export class StationFeedService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RADIO_CONFIG) private readonly radio: RadioConfig,
  ) {}

  stationByCode(code: string): Promise<StationEntity | null> {
    return this.dataSource.getRepository(StationEntity).findOne({ where: { code } });
  }

  /** The station itself, then its parent, grandparent… (a relay chain is short). */
  private async chain(station: StationEntity): Promise<ChainStation[]> {
    return this.dataSource.query(
      `WITH RECURSIVE up AS (
         SELECT id, code, name, region, broadcast_slots, time_zone, parent_id, 0 AS depth FROM stations WHERE id = $1
         UNION ALL
         SELECT s.id, s.code, s.name, s.region, s.broadcast_slots, s.time_zone, s.parent_id, up.depth + 1
           FROM stations s JOIN up ON s.id = up.parent_id WHERE up.depth < 10)
       SELECT id, code, name, region, broadcast_slots, time_zone FROM up ORDER BY depth`,
      [station.id],
    );
  }

  /** Running and paused scripts for this station, and recently cancelled ones as withdrawn. */
  private async scriptRows(station: StationEntity): Promise<ScriptRow[]> {
    return this.dataSource.query(
      `SELECT c.id AS campaign_id, c.title, c.status, c.starts_at, c.ends_at, c.launched_at, c.finished_at,
              c.emergency, p.content, d.fields, d.document_code, o.code AS org_code, o.name AS org_name,
              rv.revisions
         FROM deliveries dl
         JOIN campaigns c ON c.id = dl.campaign_id
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
         JOIN directives d ON d.id = c.directive_id
         JOIN organizations o ON o.id = c.organization_id
         LEFT JOIN LATERAL (
           SELECT json_agg(json_build_object('revision', r.revision, 'at', r.created_at) ORDER BY r.revision)
                    AS revisions
             FROM radio_script_revisions r WHERE r.campaign_id = c.id) rv ON true
        WHERE dl.channel = 'radio' AND dl.recipient_key = $1
          AND (c.status IN ('running','paused')
               OR (c.status = 'cancelled' AND c.launched_at IS NOT NULL
                   AND c.finished_at > now() - make_interval(days => $2)))
        ORDER BY c.launched_at, c.id`,
      [station.code, this.radio.withdrawnRetentionDays],
    );
  }

  /** The station's feed; pulling it marks its rows of running campaigns pulled (queued → pulled). */
  async feed(station: StationEntity): Promise<StationFeed> {
    const [rows, chain] = await Promise.all([this.scriptRows(station), this.chain(station)]);
    const running = rows.filter((r) => r.status === 'running').map((r) => r.campaign_id);
    if (running.length) {
      await markRadioPulled(this.dataSource, station.code, running);
    }
    const self = chain[0];
    const parent = chain[1] ?? null;
    const resolved = rows.map((r) => {
      const plan = radioPlan(r.content, r);
      // The programme is the nearest named station's: itself, or the ancestor it relays.
      const origin = chain.find((s) => plan.stationCodes.includes(s.code)) ?? self;
      return { r, plan, origin };
    });
    const audio = await this.audioRows(resolved.map((x) => [x.r.campaign_id, x.origin.id]));
    const base = `${this.config.http.publicBaseUrl}/stations/${encodeURIComponent(station.code)}`;
    const scripts = resolved.map(({ r, plan, origin }): FeedScript => {
      const relayed = origin.id !== self.id;
      const script = scriptFor({ title: r.title, directiveFields: r.fields }, plan, {
        name: origin.name,
        region: origin.region,
        broadcastSlots: origin.broadcast_slots,
      });
      const a = audio.get(`${r.campaign_id}|${origin.id}`);
      const withdrawn = r.status === 'cancelled';
      const fileAudio: FeedAudio | null =
        a && a.status === 'ready' && !withdrawn
          ? {
              // The version in the query: a new recording or revision is a new address for caches.
              url: `${base}/audio/${r.campaign_id}.${audioExtension(a.mime_type)}?v=${(a.sha1 ?? '').slice(0, 12)}`,
              mimeType: a.mime_type ?? 'application/octet-stream',
              bytes: a.bytes ?? 0,
              durationSeconds: Number(a.duration_seconds ?? 0),
              sha1: a.sha1 ?? '',
              voice: a.voice ?? '',
              source: a.source,
            }
          : null;
      const publishedAt = new Date(r.launched_at ?? r.starts_at).toISOString();
      const history = [
        { revision: 1, sentAt: publishedAt },
        ...(r.revisions ?? []).map((x) => ({ revision: x.revision, sentAt: new Date(x.at).toISOString() })),
      ];
      const latest = history[history.length - 1];
      return {
        scriptId: r.campaign_id,
        campaignId: r.campaign_id,
        title: r.title,
        text: script.text,
        words: script.words,
        estimatedSeconds: script.estimatedSeconds,
        airtimeSeconds: script.airtimeSeconds,
        warnings: script.warnings,
        priority: plan.priority,
        slots: slotsFor(plan, { broadcastSlots: self.broadcast_slots }),
        startDate: plan.startDate ?? localDate(r.starts_at, self.time_zone),
        endDate: plan.endDate ?? localDate(r.ends_at, self.time_zone),
        repeat: plan.repeat,
        startsAt: new Date(r.starts_at).toISOString(),
        endsAt: new Date(r.ends_at).toISOString(),
        relayed,
        relayedFrom: relayed && parent ? parent.code : null,
        relayedFromName: relayed && parent ? parent.name : null,
        originStation: origin.code,
        status: withdrawn ? 'withdrawn' : r.status === 'paused' ? 'paused' : 'active',
        publishedAt,
        revision: latest.revision,
        revisedAt: latest.revision > 1 ? latest.sentAt : null,
        revisions: history,
        withdrawnAt: withdrawn && r.finished_at ? new Date(r.finished_at).toISOString() : null,
        documentCode: r.document_code,
        senderName: senderNameOf(r.fields, r.org_name),
        audio: fileAudio,
        audioStatus: withdrawn ? 'unavailable' : ((a?.status ?? 'pending') as AudioStatus),
      };
    });
    const host = new URL(this.config.http.publicBaseUrl).hostname;
    return {
      station: {
        code: station.code,
        name: station.name,
        level: station.level,
        parent: parent?.code ?? null,
        adminUnitCode: station.adminUnitCode,
        region: station.region,
        timeZone: station.timeZone,
        slots: stationSlots(station.broadcastSlots),
      },
      sender: `${rows[0]?.org_code ?? 'loa'}@${host}`,
      feedBaseUrl: base,
      scripts,
    };
  }

  /** Scripts of the feed (kept for GET /stations/:code/scripts). */
  async scripts(station: StationEntity): Promise<FeedScript[]> {
    return (await this.feed(station)).scripts;
  }

  private async audioRows(pairs: Array<[string, string]>): Promise<Map<string, AudioRow>> {
    const map = new Map<string, AudioRow>();
    if (!pairs.length) return map;
    const rows: AudioRow[] = await this.dataSource.query(
      `SELECT a.campaign_id, a.station_id, a.status, a.mime_type, a.bytes, a.duration_seconds, a.sha1, a.voice,
              a.source
         FROM radio_audio a JOIN unnest($1::uuid[], $2::uuid[]) AS x(c, s) ON a.campaign_id = x.c AND a.station_id = x.s`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    for (const r of rows) map.set(`${r.campaign_id}|${r.station_id}`, r);
    return map;
  }

  /** The audio file of a script in this station's feed (its own, or the one it relays); null when there is none. */
  async audioFile(
    station: StationEntity,
    scriptId: string,
  ): Promise<{ path: string; mimeType: string; bytes: number; extension: string; sha1: string } | null> {
    if (!isUuid(scriptId)) return null;
    const feed = await this.feedEntryOrigin(station, scriptId);
    if (!feed) return null;
    const [a]: Array<{
      file_name: string | null;
      mime_type: string | null;
      bytes: number | null;
      sha1: string | null;
    }> = await this.dataSource.query(
      `SELECT file_name, mime_type, bytes, sha1 FROM radio_audio WHERE campaign_id = $1 AND station_id = $2 AND status = 'ready'`,
      [scriptId, feed.originId],
    );
    if (!a?.file_name || !a.mime_type) return null;
    const path = join(this.radio.audioDir, a.file_name);
    const rel = relative(this.radio.audioDir, path);
    if (rel.startsWith('..') || isAbsolute(rel)) return null;
    return {
      path,
      mimeType: a.mime_type,
      bytes: a.bytes ?? 0,
      extension: audioExtension(a.mime_type),
      sha1: a.sha1 ?? '',
    };
  }

  private async feedEntryOrigin(station: StationEntity, scriptId: string): Promise<{ originId: string } | null> {
    const [row]: Array<{ content: unknown; status: string }> = await this.dataSource.query(
      `SELECT p.content, c.status FROM deliveries dl
         JOIN campaigns c ON c.id = dl.campaign_id
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
        WHERE dl.channel = 'radio' AND dl.recipient_key = $1 AND dl.campaign_id = $2
          AND c.status IN ('running','paused','completed')`,
      [station.code, scriptId],
    );
    if (!row) return null;
    const plan = radioPlan(row.content);
    const chain = await this.chain(station);
    const origin = chain.find((s) => plan.stationCodes.includes(s.code)) ?? chain[0];
    return { originId: origin.id };
  }

  /**
   * Records that a script aired in a slot on a date; idempotent per (script, station, date, slot). Refused for
   * scripts not in this station's feed (its own or relayed), for airings after a cancellation, and for reports
   * from the future.
   */
  async recordBroadcast(station: StationEntity, input: BroadcastReportInput): Promise<BroadcastRecorded> {
    const scriptId = input.scriptId;
    if (!isUuid(scriptId)) {
      throw new UnknownScriptError(`Script ${scriptId} is not in the feed of station ${station.code}`);
    }
    if (!SLOT.test(input.slot)) throw new InvalidBroadcastError('slot must be an HH:MM time');
    if (Number.isNaN(input.airedAt.getTime())) throw new InvalidBroadcastError('airedAt must be a date-time');
    if (input.airedAt.getTime() > Date.now() + FUTURE_SKEW_MS) {
      throw new InvalidBroadcastError('airedAt is in the future');
    }
    if (input.date && !/^\d{4}-\d{2}-\d{2}$/.test(input.date)) {
      throw new InvalidBroadcastError('date must be YYYY-MM-DD');
    }
    return this.dataSource.transaction(async (m) => {
      const rows: Array<{ id: string; status: string; finished_at: Date | null }> = await m.query(
        `SELECT dl.id, c.status, c.finished_at FROM deliveries dl JOIN campaigns c ON c.id = dl.campaign_id
          WHERE dl.channel = 'radio' AND dl.recipient_key = $1 AND dl.campaign_id = $2
            AND c.status IN ('running','paused','completed','cancelled') AND c.launched_at IS NOT NULL`,
        [station.code, scriptId],
      );
      const row = rows[0];
      if (!row) throw new UnknownScriptError(`Script ${scriptId} is not in the feed of station ${station.code}`);
      if (row.status === 'cancelled' && row.finished_at && input.airedAt > new Date(row.finished_at)) {
        throw new WithdrawnScriptError(`Script ${scriptId} was withdrawn before ${input.airedAt.toISOString()}`);
      }
      // The slot's date: as given, else the local date (the day before or after, around midnight) whose slot
      // time is nearest to the airing.
      const [{ air_date }]: Array<{ air_date: string }> = await m.query(
        `SELECT to_char(COALESCE($4::date, (
           SELECT d FROM (VALUES (0), (-1), (1)) AS v(k),
                  LATERAL (SELECT (($1::timestamptz AT TIME ZONE $3)::date + k) AS d) x
            ORDER BY abs(extract(epoch FROM ((d + $2::time) AT TIME ZONE $3) - $1::timestamptz)) LIMIT 1)),
           'YYYY-MM-DD') AS air_date`,
        [input.airedAt, input.slot, station.timeZone, input.date ?? null],
      );
      const inserted: unknown[] = await m.query(
        `INSERT INTO broadcast_confirmations (campaign_id, station_id, air_date, slot, aired_at, duration_seconds, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (campaign_id, station_id, air_date, slot) DO NOTHING RETURNING id`,
        [
          scriptId,
          station.id,
          air_date,
          input.slot,
          input.airedAt,
          input.durationSeconds,
          input.note?.normalize('NFC') ?? null,
        ],
      );
      await markRadioConfirmed(m, row.id);
      return { scriptId, slot: input.slot, date: air_date, created: inserted.length > 0 };
    });
  }

  /** The original confirmation route: the same report, by path. */
  async confirm(
    station: StationEntity,
    scriptId: string,
    input: { slot: string; airedAt: Date; durationSeconds: number | null; note: string | null; date?: string | null },
  ): Promise<{ created: boolean; date: string }> {
    const r = await this.recordBroadcast(station, { scriptId, ...input });
    return { created: r.created, date: r.date };
  }
}
