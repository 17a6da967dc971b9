import type { Queryable } from '@loa/db';
import type { FakeRadioCampaignsRepository } from '../revisions/radio-campaigns.repository.fake';
import type {
  AudioKey,
  AudioOutcome,
  AudioRenderSource,
  AudioReset,
  FeedAudioRow,
  RadioAudioRepository,
  ReadyAudioFile,
  StationAudioView,
  StoredRecording,
} from './radio-audio.repository';

/** A `radio_audio` row as the fake keeps it. */
export interface FakeAudioRow {
  campaignId: string;
  stationId: string;
  status: string;
  source: 'tts' | 'upload';
  revision: number;
  mimeType: string | null;
  fileName: string | null;
  bytes: number | null;
  durationSeconds: number | null;
  sha1: string | null;
  voice: string | null;
  error: string | null;
  uploadedBy: string | null;
  originalName: string | null;
  attempts: number;
  updatedAt: Date;
}

const key = (campaignId: string, stationId: string) => `${campaignId}|${stationId}`;

/**
 * In-memory RadioAudioRepository for the services that change audio rows (revisions, recordings, feeds). Writes
 * must join the transaction of the FakeRadioCampaignsRepository given, which restores the rows when it fails.
 * The scan and render reads join campaigns, plans, directives and stations: they are tested against PostgreSQL.
 */
export class FakeRadioAudioRepository implements Pick<RadioAudioRepository, keyof RadioAudioRepository> {
  readonly rows = new Map<string, FakeAudioRow>();

  constructor(private readonly campaigns: FakeRadioCampaignsRepository) {
    campaigns.attach(() => {
      const before = [...this.rows.values()].map((r) => ({ ...r }));
      return () => {
        this.rows.clear();
        before.forEach((r) => this.rows.set(key(r.campaignId, r.stationId), r));
      };
    });
  }

  /** A row as stored: ready speech at revision 1 unless given. */
  seed(row: Partial<FakeAudioRow> & { campaignId: string; stationId: string }): FakeAudioRow {
    const r: FakeAudioRow = {
      status: 'ready',
      source: 'tts',
      revision: 1,
      mimeType: 'audio/mpeg',
      fileName: `${row.campaignId}/station.mp3`,
      bytes: 1000,
      durationSeconds: 30,
      sha1: 'a'.repeat(40),
      voice: 'vi',
      error: null,
      uploadedBy: null,
      originalName: null,
      attempts: 1,
      updatedAt: new Date('2025-03-03T00:00:00.000Z'),
      ...row,
    };
    this.rows.set(key(r.campaignId, r.stationId), r);
    return r;
  }

  row(campaignId: string, stationId: string): FakeAudioRow | undefined {
    return this.rows.get(key(campaignId, stationId));
  }

  createMissing(): Promise<AudioKey[]> {
    throw new Error('fake: RadioAudioRepository.createMissing is not faked (tested against PostgreSQL)');
  }

  async touchStalePending(seconds: number): Promise<AudioKey[]> {
    const limit = Date.now() - seconds * 1000;
    const stale = [...this.rows.values()].filter((r) => r.status === 'pending' && r.updatedAt.getTime() < limit);
    stale.forEach((r) => (r.updatedAt = new Date()));
    return stale.map((r) => ({ campaignId: r.campaignId, stationId: r.stationId, revision: r.revision }));
  }

  async fileNames(campaignIds: string[]): Promise<string[]> {
    return [...this.rows.values()]
      .filter((r) => campaignIds.includes(r.campaignId) && r.fileName !== null)
      .map((r) => r.fileName as string);
  }

  renderSource(): Promise<AudioRenderSource | null> {
    throw new Error('fake: RadioAudioRepository.renderSource is not faked (tested against PostgreSQL)');
  }

  async finish(k: AudioKey, status: string, outcome: AudioOutcome): Promise<void> {
    const r = this.row(k.campaignId, k.stationId);
    if (!r || r.status !== 'pending' || r.source !== 'tts' || r.revision !== k.revision) return;
    Object.assign(r, { status, attempts: r.attempts + 1, updatedAt: new Date() });
    for (const [field, value] of Object.entries(outcome)) {
      if (value !== undefined && field !== 'textSha256') Object.assign(r, { [field]: value });
    }
  }

  async reset(
    q: Queryable,
    campaignId: string,
    revision: number,
    reset: AudioReset,
  ): Promise<Array<{ stationId: string; wasRecording: boolean }>> {
    this.campaigns.assertInTransaction(q, 'audio reset');
    const out: Array<{ stationId: string; wasRecording: boolean }> = [];
    for (const r of this.rows.values()) {
      if (r.campaignId !== campaignId) continue;
      const wasRecording = r.source === 'upload';
      if (reset.onlyRecordingsOf && !(reset.onlyRecordingsOf.includes(r.stationId) && wasRecording)) continue;
      Object.assign(r, {
        status: reset.status,
        revision,
        source: 'tts',
        attempts: 0,
        updatedAt: new Date(),
        error: reset.status === 'unavailable' ? reset.unavailableNote : wasRecording ? reset.recordingNote : null,
        uploadedBy: null,
        originalName: null,
        voice: null,
        mimeType: null,
        fileName: null,
        bytes: null,
        durationSeconds: null,
        sha1: null,
      });
      out.push({ stationId: r.stationId, wasRecording });
    }
    return out;
  }

  async storeRecording(q: Queryable, campaignId: string, rec: StoredRecording): Promise<void> {
    this.campaigns.assertInTransaction(q, 'storeRecording');
    for (const stationId of rec.stationIds) {
      this.seed({
        campaignId,
        stationId,
        status: 'ready',
        source: 'upload',
        revision: rec.revision,
        voice: null,
        mimeType: rec.mimeType,
        fileName: rec.fileName,
        bytes: rec.bytes,
        durationSeconds: rec.durationSeconds,
        sha1: rec.sha1,
        error: null,
        uploadedBy: rec.uploadedBy,
        originalName: rec.originalName,
        attempts: 0,
        updatedAt: new Date(),
      });
    }
  }

  async lockRecorded(q: Queryable, campaignId: string, stationIds: string[]): Promise<string[]> {
    this.campaigns.assertInTransaction(q, 'lockRecorded');
    return stationIds.filter((s) => this.row(campaignId, s)?.source === 'upload');
  }

  async deleteRecordings(q: Queryable, campaignId: string, stationIds: string[]): Promise<void> {
    this.campaigns.assertInTransaction(q, 'deleteRecordings');
    for (const s of stationIds) {
      if (this.row(campaignId, s)?.source === 'upload') this.rows.delete(key(campaignId, s));
    }
  }

  async list(campaignId: string): Promise<StationAudioView[]> {
    const code = (id: string) => this.campaigns.stationRows.find((s) => s.id === id)?.code ?? id;
    return [...this.rows.values()]
      .filter((r) => r.campaignId === campaignId)
      .map((r) => ({
        station: code(r.stationId),
        status: r.status,
        source: r.source,
        revision: r.revision,
        mimeType: r.mimeType,
        bytes: r.bytes,
        durationSeconds: r.durationSeconds,
        voice: r.voice,
        originalName: r.originalName,
        error: r.error,
        updatedAt: r.updatedAt.toISOString(),
      }))
      .sort((a, b) => a.station.localeCompare(b.station));
  }

  async forFeed(pairs: Array<[campaignId: string, stationId: string]>): Promise<FeedAudioRow[]> {
    return pairs.flatMap(([c, s]) => {
      const r = this.row(c, s);
      return r
        ? [
            {
              campaignId: r.campaignId,
              stationId: r.stationId,
              status: r.status,
              mimeType: r.mimeType,
              bytes: r.bytes,
              durationSeconds: r.durationSeconds,
              sha1: r.sha1,
              voice: r.voice,
              source: r.source,
            },
          ]
        : [];
    });
  }

  async readyFile(campaignId: string, stationId: string): Promise<ReadyAudioFile | null> {
    const r = this.row(campaignId, stationId);
    return r && r.status === 'ready'
      ? { fileName: r.fileName, mimeType: r.mimeType, bytes: r.bytes, sha1: r.sha1 }
      : null;
  }
}
