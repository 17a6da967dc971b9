import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isUuid } from '@loa/common';
import { QUEUES, handOver } from '@loa/queue';
import { RADIO_CONFIG, RadioConfig } from '../radio-config';
import { radioPlan, voiceFor } from '../radio-plan';
import { scriptFor } from '../script-source';
import { AudioOutcome, RadioAudioRepository } from './radio-audio.repository';
import { AudioFileEntry, supersededAudioFiles } from './superseded-audio';
import { TtsUnavailableError, synthesize } from './text-to-speech';

/** One script's audio: the named station's programme for a campaign (relaying stations air the same). */
export interface RadioAudioJob {
  campaignId: string;
  stationId: string;
  /** The script revision to speak (1 = as launched); a job for an older revision does nothing. */
  revision?: number;
}

/** Deterministic (BullMQ refuses ':'): a duplicate enqueue of the same script revision's audio is ignored. */
export function radioAudioJobId(job: RadioAudioJob): string {
  const revision = job.revision ?? 1;
  return `radio-audio-${job.campaignId}-${job.stationId}${revision > 1 ? `-r${revision}` : ''}`;
}

/** Where the audio of a station's script revision is written (relative to the audio directory, no extension). */
export function speechFileStem(campaignId: string, stationCode: string, revision: number): string {
  const safe = stationCode.replace(/[^a-zA-Z0-9_-]/g, '_');
  return join(campaignId, revision > 1 ? `${safe}-r${revision}` : safe);
}

/** How often, at most, the scan also deletes superseded audio files. */
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** A pending row this old has lost its job (Redis restarted, say): enqueue it again. */
const PENDING_REQUEUE_SECONDS = 300;
/** How long an operator's request waits for Redis to take its render jobs. */
const HANDOVER_WAIT_MS = 2_000;
const UNAVAILABLE_TTS = 'Không có espeak-ng trên máy chủ nên chưa tạo được âm thanh';
const DISABLED_TTS = 'Chức năng đọc tự động đang tắt (RADIO_TTS_ENABLED=false)';

/**
 * Audio for station scripts: finds scripts of running campaigns without audio (one per named station), and
 * renders each with espeak-ng in the station's regional voice. A missing espeak-ng is not an error that retries:
 * the row says audio is unavailable, and the script goes out as text.
 */
@Injectable()
export class RadioAudioService {
  private readonly logger = new Logger(RadioAudioService.name);
  private lastSweepMs = 0;

  constructor(
    private readonly audioRows: RadioAudioRepository,
    @Inject(RADIO_CONFIG) private readonly config: RadioConfig,
    @InjectQueue(QUEUES.radioAudio) private readonly queue: Queue<RadioAudioJob>,
  ) {}

  /** Creates rows for scripts that need audio and enqueues their jobs (idempotent). Returns how many it enqueued. */
  async scanAndEnqueue(): Promise<number> {
    const status = this.config.ttsEnabled ? 'pending' : 'unavailable';
    const created = await this.audioRows.createMissing(status, this.config.ttsEnabled ? null : DISABLED_TTS);
    const stale = await this.audioRows.touchStalePending(PENDING_REQUEUE_SECONDS);
    const jobs: RadioAudioJob[] = [...(this.config.ttsEnabled ? created : []), ...stale].map((r) => ({
      campaignId: r.campaignId,
      stationId: r.stationId,
      revision: r.revision,
    }));
    await this.enqueue(jobs);
    return jobs.length;
  }

  /**
   * Deletes audio files no row names any more (earlier revisions' speech, replaced or removed recordings, partial
   * writes) once they are `keepSupersededSeconds` old. Runs at most every ten minutes unless forced. Returns how
   * many files it deleted.
   */
  async sweepSuperseded(opts: { now?: Date; force?: boolean } = {}): Promise<number> {
    const nowMs = (opts.now ?? new Date()).getTime();
    if (!opts.force && nowMs - this.lastSweepMs < SWEEP_INTERVAL_MS) return 0;
    this.lastSweepMs = nowMs;
    const files = [
      ...(await this.listCampaignFiles(this.config.audioDir, '')),
      ...(await this.listCampaignFiles(join(this.config.audioDir, 'uploads'), 'uploads/')),
    ];
    if (!files.length) return 0;
    const campaigns = [...new Set(files.map((f) => f.campaignId))];
    const named = await this.audioRows.fileNames(campaigns);
    const doomed = supersededAudioFiles(files, new Set(named), nowMs, this.config.keepSupersededSeconds * 1000);
    for (const path of doomed) await rm(join(this.config.audioDir, path), { force: true });
    if (doomed.length) this.logger.log(`deleted ${doomed.length} superseded audio file(s)`);
    return doomed.length;
  }

  /** Files one level inside each campaign directory (named by the campaign's id) under `dir`. */
  private async listCampaignFiles(
    dir: string,
    prefix: string,
  ): Promise<Array<AudioFileEntry & { campaignId: string }>> {
    const campaigns = (await readdir(dir).catch(() => [] as string[])).filter(isUuid);
    const out: Array<AudioFileEntry & { campaignId: string }> = [];
    for (const campaignId of campaigns) {
      for (const name of await readdir(join(dir, campaignId)).catch(() => [] as string[])) {
        const s = await stat(join(dir, campaignId, name)).catch(() => null);
        if (s?.isFile()) out.push({ path: `${prefix}${campaignId}/${name}`, mtimeMs: s.mtimeMs, campaignId });
      }
    }
    return out;
  }

  /**
   * From an operator's request, after its change committed: enqueues the renders, waiting at most
   * HANDOVER_WAIT_MS for Redis. When Redis is down the request still answers; the scan re-enqueues audio left
   * pending (after PENDING_REQUEUE_SECONDS).
   */
  handOver(jobs: RadioAudioJob[]): Promise<void> {
    return handOver(
      this.enqueue(jobs),
      HANDOVER_WAIT_MS,
      this.logger,
      `${jobs.length} render job(s)`,
      'the audio scan',
    );
  }

  /** Enqueues render jobs (ids per script revision, so a repeated enqueue of the same revision is ignored). */
  async enqueue(jobs: RadioAudioJob[]): Promise<void> {
    if (!jobs.length) return;
    await this.queue.addBulk(jobs.map((j) => ({ name: 'render', data: j, opts: { jobId: radioAudioJobId(j) } })));
  }

  /**
   * Renders one script's audio. Throws on a transient failure so the job retries; on the last attempt the row is
   * marked failed instead. `finalAttempt` comes from the job.
   */
  async render(job: RadioAudioJob, finalAttempt: boolean): Promise<'ready' | 'unavailable' | 'failed' | 'skipped'> {
    const row = await this.audioRows.renderSource(job.campaignId, job.stationId);
    if (!row || row.status !== 'pending') return 'skipped';
    if (job.revision !== undefined && job.revision !== row.scriptRevision) return 'skipped';
    const revision = row.scriptRevision;
    if (!['running', 'paused'].includes(row.campaignStatus)) {
      await this.finish(job, revision, 'failed', {
        error: `Chiến dịch đã ${row.campaignStatus}; không tạo âm thanh nữa`,
      });
      return 'failed';
    }
    const plan = radioPlan(row.content, row);
    const script = scriptFor({ title: row.title, directiveFields: row.fields }, plan, {
      name: row.stationName,
      region: row.region,
      broadcastSlots: row.broadcastSlots,
    });
    const voice = voiceFor(row.region);
    const relative = speechFileStem(job.campaignId, row.stationCode, revision);
    try {
      const file = await synthesize(script.text, voice, join(this.config.audioDir, relative), {
        espeakBin: this.config.espeakBin,
        lameBin: this.config.lameBin,
        soxiBin: this.config.soxiBin,
        rate: this.config.speechRate,
      });
      await this.finish(job, revision, 'ready', {
        voice,
        mimeType: file.mimeType,
        fileName: `${relative}.${file.path.split('.').pop()}`,
        bytes: file.bytes,
        durationSeconds: file.durationSeconds,
        sha1: file.sha1,
        textSha256: createHash('sha256').update(script.text).digest('hex'),
        error: null,
      });
      return 'ready';
    } catch (e) {
      if (e instanceof TtsUnavailableError) {
        this.logger.warn(`audio for ${job.campaignId}/${row.stationCode} not produced: ${e.message}`);
        await this.finish(job, revision, 'unavailable', { voice, error: `${UNAVAILABLE_TTS} (${e.message})` });
        return 'unavailable';
      }
      if (!finalAttempt) throw e;
      await this.finish(job, revision, 'failed', { voice, error: e instanceof Error ? e.message : String(e) });
      return 'failed';
    }
  }

  /** Stores the render's outcome, unless the row moved on meanwhile (see RadioAudioRepository.finish). */
  private finish(job: RadioAudioJob, revision: number, status: string, outcome: AudioOutcome): Promise<void> {
    return this.audioRows.finish({ campaignId: job.campaignId, stationId: job.stationId, revision }, status, outcome);
  }
}
