import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Queryable, updateReturning } from '@loa/db';
import type { StoredDirectiveFields } from '../script-source';

/** One script's audio row: a campaign's programme for a named station, at a script revision. */
export interface AudioKey {
  campaignId: string;
  stationId: string;
  revision: number;
}

/** What rendering a script's audio reads: the row, its campaign, radio plan, directive and station. */
export interface AudioRenderSource {
  status: string;
  scriptRevision: number;
  campaignStatus: string;
  emergency: boolean | null;
  title: string;
  content: unknown;
  fields: StoredDirectiveFields | null;
  stationCode: string;
  stationName: string;
  region: string | null;
  broadcastSlots: unknown;
}

/** Columns a finished render sets; a field left undefined keeps its column as it is. */
export interface AudioOutcome {
  voice?: string | null;
  mimeType?: string | null;
  fileName?: string | null;
  bytes?: number | null;
  durationSeconds?: number | null;
  sha1?: string | null;
  textSha256?: string | null;
  error?: string | null;
}

const OUTCOME_COLUMNS: Record<keyof AudioOutcome, string> = {
  voice: 'voice',
  mimeType: 'mime_type',
  fileName: 'file_name',
  bytes: 'bytes',
  durationSeconds: 'duration_seconds',
  sha1: 'sha1',
  textSha256: 'text_sha256',
  error: 'error',
};

/** Audio as a station feed shows it. */
export interface FeedAudioRow {
  campaignId: string;
  stationId: string;
  status: string;
  mimeType: string | null;
  bytes: number | null;
  durationSeconds: number | null;
  sha1: string | null;
  voice: string | null;
  source: 'tts' | 'upload';
}

/** A ready audio file, named relative to the audio directory. */
export interface ReadyAudioFile {
  fileName: string | null;
  mimeType: string | null;
  bytes: number | null;
  sha1: string | null;
}

export interface StationAudioView {
  station: string;
  status: string;
  source: 'tts' | 'upload';
  revision: number;
  mimeType: string | null;
  bytes: number | null;
  durationSeconds: number | null;
  voice: string | null;
  originalName: string | null;
  error: string | null;
  /** Null when nothing was made yet. */
  updatedAt: string | null;
}

/** An operator's recording, stored as the audio of some stations at a revision. */
export interface StoredRecording {
  stationIds: string[];
  revision: number;
  mimeType: string;
  fileName: string;
  bytes: number;
  durationSeconds: number;
  sha1: string;
  uploadedBy: string;
  originalName: string | null;
}

/** How audio that no longer airs is reset (see `reset`). */
export interface AudioReset {
  /** 'pending' to render again, 'unavailable' when text-to-speech is off. */
  status: 'pending' | 'unavailable';
  /** The row's error when unavailable. */
  unavailableNote: string;
  /** The row's error when it held a recording (null: none). */
  recordingNote: string | null;
  /** Only these stations' recordings; null: every row of the campaign. */
  onlyRecordingsOf: string[] | null;
}

/**
 * The SQL of `radio_audio`: one row per campaign and named station, synthesised (tts) or recorded (upload). Rows
 * are made by the scan, finished by the render job (compare-and-set on pending at the same revision), replaced by
 * recordings, reset when the words change, and read by station feeds.
 */
@Injectable()
export class RadioAudioRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Rows for the named stations of running campaigns that have none yet (`status` and `error` as given). Returns
   * the rows made.
   */
  async createMissing(status: string, error: string | null): Promise<AudioKey[]> {
    const rows = await updateReturning<KeyRow>(
      this.dataSource,
      `INSERT INTO radio_audio (campaign_id, station_id, status, error)
       SELECT c.id, s.id, $1, $2
         FROM campaigns c
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
         JOIN deliveries dl ON dl.campaign_id = c.id AND dl.channel = 'radio'
         JOIN stations s ON s.code = dl.recipient_key
        WHERE c.status = 'running' AND p.content->'stationCodes' ? s.code
          AND NOT EXISTS (SELECT 1 FROM radio_audio a WHERE a.campaign_id = c.id AND a.station_id = s.id)
       ON CONFLICT DO NOTHING
       RETURNING campaign_id, station_id, script_revision`,
      [status, error],
    );
    return rows.map(toKey);
  }

  /** Touches pending rows older than `seconds` (their job was lost) and returns them, to enqueue again. */
  async touchStalePending(seconds: number): Promise<AudioKey[]> {
    const rows = await updateReturning<KeyRow>(
      this.dataSource,
      `UPDATE radio_audio SET updated_at = now()
        WHERE status = 'pending' AND updated_at < now() - make_interval(secs => $1)
        RETURNING campaign_id, station_id, script_revision`,
      [seconds],
    );
    return rows.map(toKey);
  }

  /** The files rows of these campaigns name (relative to the audio directory). */
  async fileNames(campaignIds: string[]): Promise<string[]> {
    const rows: Array<{ file_name: string }> = await this.dataSource.query(
      `SELECT file_name FROM radio_audio WHERE campaign_id = ANY($1::uuid[]) AND file_name IS NOT NULL`,
      [campaignIds],
    );
    return rows.map((r) => r.file_name);
  }

  /** What rendering one row's audio needs, or null when there is no such row (or plan). */
  async renderSource(campaignId: string, stationId: string): Promise<AudioRenderSource | null> {
    const [row]: Array<{
      status: string;
      script_revision: number;
      campaign_status: string;
      emergency: boolean | null;
      title: string;
      content: unknown;
      fields: StoredDirectiveFields | null;
      station_code: string;
      station_name: string;
      region: string | null;
      broadcast_slots: unknown;
    }> = await this.dataSource.query(
      `SELECT a.status, a.script_revision, c.status AS campaign_status, c.emergency, c.title, p.content, d.fields, s.code AS station_code,
              s.name AS station_name, s.region, s.broadcast_slots
         FROM radio_audio a
         JOIN campaigns c ON c.id = a.campaign_id
         JOIN channel_plans p ON p.campaign_id = c.id AND p.channel = 'radio'
         JOIN directives d ON d.id = c.directive_id
         JOIN stations s ON s.id = a.station_id
        WHERE a.campaign_id = $1 AND a.station_id = $2`,
      [campaignId, stationId],
    );
    if (!row) return null;
    return {
      status: row.status,
      scriptRevision: row.script_revision,
      campaignStatus: row.campaign_status,
      emergency: row.emergency,
      title: row.title,
      content: row.content,
      fields: row.fields,
      stationCode: row.station_code,
      stationName: row.station_name,
      region: row.region,
      broadcastSlots: row.broadcast_slots,
    };
  }

  /**
   * Compare-and-set from pending at the same script revision, so neither a duplicate job nor a render of a
   * revision amended meanwhile (nor one overtaken by an uploaded recording) overwrites the row.
   */
  async finish(key: AudioKey, status: string, outcome: AudioOutcome): Promise<void> {
    const cols = (Object.keys(OUTCOME_COLUMNS) as Array<keyof AudioOutcome>).filter((k) => outcome[k] !== undefined);
    await this.dataSource.query(
      `UPDATE radio_audio SET status = $3, attempts = attempts + 1, updated_at = now()
              ${cols.map((c, i) => `, ${OUTCOME_COLUMNS[c]} = $${i + 5}`).join('')}
        WHERE campaign_id = $1 AND station_id = $2 AND status = 'pending' AND source = 'tts'
          AND script_revision = $4`,
      [key.campaignId, key.stationId, status, key.revision, ...cols.map((c) => outcome[c])],
    );
  }

  /**
   * Audio (synthesised or recorded) that no longer airs goes back to text-to-speech at `revision`, with `status`;
   * every row of the campaign, or only some stations' recordings. Runs in the caller's transaction (rows locked).
   * Returns the rows reset and whether each held a recording.
   */
  async reset(
    q: Queryable,
    campaignId: string,
    revision: number,
    r: AudioReset,
  ): Promise<Array<{ stationId: string; wasRecording: boolean }>> {
    const rows = await updateReturning<{ station_id: string; was_recording: boolean }>(
      q,
      `UPDATE radio_audio a SET status = $3, script_revision = $2, source = 'tts', attempts = 0, updated_at = now(),
              error = CASE WHEN $3 = 'unavailable' THEN $5 WHEN a.source = 'upload' THEN $4 ELSE NULL END,
              uploaded_by = NULL, original_name = NULL, voice = NULL, mime_type = NULL, file_name = NULL,
              bytes = NULL, duration_seconds = NULL, sha1 = NULL, text_sha256 = NULL
         FROM (SELECT station_id, source FROM radio_audio WHERE campaign_id = $1 FOR UPDATE) old
        WHERE a.campaign_id = $1 AND a.station_id = old.station_id
          AND ($6::uuid[] IS NULL OR (a.station_id = ANY($6::uuid[]) AND old.source = 'upload'))
        RETURNING a.station_id, old.source = 'upload' AS was_recording`,
      [campaignId, revision, r.status, r.recordingNote, r.unavailableNote, r.onlyRecordingsOf],
    );
    return rows.map((x) => ({ stationId: x.station_id, wasRecording: x.was_recording }));
  }

  /** Makes a recording the ready audio of these stations (replacing what they had), in the caller's transaction. */
  async storeRecording(q: Queryable, campaignId: string, r: StoredRecording): Promise<void> {
    await q.query(
      `INSERT INTO radio_audio (campaign_id, station_id, status, source, script_revision, voice, mime_type, file_name,
                                bytes, duration_seconds, sha1, text_sha256, error, uploaded_by, original_name)
       SELECT $1, s, 'ready', 'upload', $3, NULL, $4, $5, $6, $7, $8, NULL, NULL, $9, $10 FROM unnest($2::uuid[]) s
       ON CONFLICT (campaign_id, station_id) DO UPDATE SET
         status = 'ready', source = 'upload', script_revision = EXCLUDED.script_revision, voice = NULL,
         mime_type = EXCLUDED.mime_type, file_name = EXCLUDED.file_name, bytes = EXCLUDED.bytes,
         duration_seconds = EXCLUDED.duration_seconds, sha1 = EXCLUDED.sha1, text_sha256 = NULL, error = NULL,
         uploaded_by = EXCLUDED.uploaded_by, original_name = EXCLUDED.original_name, attempts = 0,
         updated_at = now()`,
      [
        campaignId,
        r.stationIds,
        r.revision,
        r.mimeType,
        r.fileName,
        r.bytes,
        r.durationSeconds,
        r.sha1,
        r.uploadedBy,
        r.originalName,
      ],
    );
  }

  /** Which of these stations air a recording, their rows locked until the caller's transaction ends. */
  async lockRecorded(q: Queryable, campaignId: string, stationIds: string[]): Promise<string[]> {
    const rows = (await q.query(
      `SELECT station_id FROM radio_audio WHERE campaign_id = $1 AND station_id = ANY($2::uuid[]) AND source = 'upload'
         FOR UPDATE`,
      [campaignId, stationIds],
    )) as Array<{ station_id: string }>;
    return rows.map((r) => r.station_id);
  }

  /** Deletes these stations' recordings (before launch: the launch makes speech for them), in the caller's transaction. */
  async deleteRecordings(q: Queryable, campaignId: string, stationIds: string[]): Promise<void> {
    await q.query(
      `DELETE FROM radio_audio WHERE campaign_id = $1 AND station_id = ANY($2::uuid[]) AND source = 'upload'`,
      [campaignId, stationIds],
    );
  }

  /** The audio of each station of a campaign, by station code. */
  async list(campaignId: string): Promise<StationAudioView[]> {
    const rows: Array<{
      code: string;
      status: string;
      source: 'tts' | 'upload';
      script_revision: number;
      mime_type: string | null;
      bytes: number | null;
      duration_seconds: string | null;
      voice: string | null;
      original_name: string | null;
      error: string | null;
      updated_at: Date;
    }> = await this.dataSource.query(
      `SELECT s.code, a.status, a.source, a.script_revision, a.mime_type, a.bytes, a.duration_seconds, a.voice,
              a.original_name, a.error, a.updated_at
         FROM radio_audio a JOIN stations s ON s.id = a.station_id
        WHERE a.campaign_id = $1 ORDER BY s.code`,
      [campaignId],
    );
    return rows.map((r) => ({
      station: r.code,
      status: r.status,
      source: r.source,
      revision: r.script_revision,
      mimeType: r.mime_type,
      bytes: r.bytes,
      durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
      voice: r.voice,
      originalName: r.original_name,
      error: r.error,
      updatedAt: new Date(r.updated_at).toISOString(),
    }));
  }

  /** The audio rows of these (campaign, station) pairs, for a feed. */
  async forFeed(pairs: Array<[campaignId: string, stationId: string]>): Promise<FeedAudioRow[]> {
    if (!pairs.length) return [];
    const rows: Array<{
      campaign_id: string;
      station_id: string;
      status: string;
      mime_type: string | null;
      bytes: number | null;
      duration_seconds: string | null;
      sha1: string | null;
      voice: string | null;
      source: 'tts' | 'upload';
    }> = await this.dataSource.query(
      `SELECT a.campaign_id, a.station_id, a.status, a.mime_type, a.bytes, a.duration_seconds, a.sha1, a.voice,
              a.source
         FROM radio_audio a JOIN unnest($1::uuid[], $2::uuid[]) AS x(c, s) ON a.campaign_id = x.c AND a.station_id = x.s`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    return rows.map((r) => ({
      campaignId: r.campaign_id,
      stationId: r.station_id,
      status: r.status,
      mimeType: r.mime_type,
      bytes: r.bytes,
      durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
      sha1: r.sha1,
      voice: r.voice,
      source: r.source,
    }));
  }

  /** The ready audio of a campaign for a named station, or null. */
  async readyFile(campaignId: string, stationId: string): Promise<ReadyAudioFile | null> {
    const [a]: Array<{
      file_name: string | null;
      mime_type: string | null;
      bytes: number | null;
      sha1: string | null;
    }> = await this.dataSource.query(
      `SELECT file_name, mime_type, bytes, sha1 FROM radio_audio WHERE campaign_id = $1 AND station_id = $2 AND status = 'ready'`,
      [campaignId, stationId],
    );
    return a ? { fileName: a.file_name, mimeType: a.mime_type, bytes: a.bytes, sha1: a.sha1 } : null;
  }
}

interface KeyRow {
  campaign_id: string;
  station_id: string;
  script_revision: number;
}

function toKey(r: KeyRow): AudioKey {
  return { campaignId: r.campaign_id, stationId: r.station_id, revision: r.script_revision };
}
