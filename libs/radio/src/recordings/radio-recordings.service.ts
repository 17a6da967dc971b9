import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { CampaignStatus, statusAfterEdit } from '@loa/common';
import type { Queryable } from '@loa/db';
import { audioExtension, writeAudioAtomically } from '../audio/audio-files';
import { AudioProbe, AudioProbeError, probeAudio } from '../audio/audio-probe';
import { RadioAudioRepository, type StationAudioView } from '../audio/radio-audio.repository';
import { RadioAudioService } from '../audio/radio-audio.service';
import { RadioConflictError, RadioForbiddenError, RadioInputError } from '../radio-errors';
import { RADIO_CONFIG, RadioConfig } from '../radio-config';
import { RadioPlan, radioPlan } from '../radio-plan';
import {
  APPROVER_ROLES,
  BEFORE_LAUNCH,
  LoadedRadioCampaign,
  ON_AIR,
  loadRadioCampaign,
  resetAudio,
  writeRevision,
} from '../revisions/radio-campaign';
import { PlanStation, RadioCampaignsRepository } from '../revisions/radio-campaigns.repository';
import { MIN_RECORDING_SECONDS, describeMisfits, recordingMisfits } from './recording-fit';

export type { StationAudioView } from '../audio/radio-audio.repository';

export interface UploadedRecording {
  bytes: Buffer;
  originalName: string | null;
}

export interface RecordingAccepted {
  stations: string[];
  mimeType: string;
  bytes: number;
  durationSeconds: number;
  sha1: string;
  /** The radio plan's revision the recording belongs to (a new one when the campaign is on air). */
  revision: number;
  /** The campaign's status afterwards (an approved campaign goes back for approval). */
  campaignStatus: string;
}

export interface RecordingRemoved {
  /** Stations whose recording was removed (empty when none had one). */
  stations: string[];
  revision: number;
  campaignStatus: string;
}

/** A station a recording is for, with the slots its fit is checked against. */
type TargetStation = PlanStation;

/**
 * Recordings operators upload instead of synthesised speech. The bytes decide what the file is (MP3, WAV or Ogg)
 * and how long it plays; it must fit every target station's slot read as many times as the plan says. Before
 * launch an upload is an edit (an approved campaign goes back for approval); on air it is a revision only an
 * approver may make. Each change runs in one transaction holding the campaign's row lock (`campaigns.transaction`).
 */
@Injectable()
export class RadioRecordingsService {
  constructor(
    private readonly campaigns: RadioCampaignsRepository,
    private readonly audioRows: RadioAudioRepository,
    @Inject(RADIO_CONFIG) private readonly config: RadioConfig,
    private readonly audit: AuditService,
    private readonly audio: RadioAudioService,
  ) {}

  async upload(
    actor: Actor & { type: 'user' },
    campaignId: string,
    file: UploadedRecording | null,
    stationCode: string | null,
    requestId: string | null,
  ): Promise<RecordingAccepted> {
    // The campaign first (another organisation's id is unknown whatever the request holds), and every check
    // before the file touches the disk; they are made again under the lock.
    const before = await this.targets(null, actor, campaignId, stationCode, null, false);
    if (!file) {
      throw new RadioInputError('file', 'gửi tệp âm thanh trong trường "file" / send the audio in the field "file"');
    }
    const probe = this.checkedProbe(file.bytes);
    assertFits(probe, before.plan, before.stations);
    const sha1 = createHash('sha1').update(file.bytes).digest('hex');
    const fileName = join('uploads', campaignId, `${sha1}.${audioExtension(probe.mimeType)}`);
    await writeAudioAtomically(join(this.config.audioDir, fileName), file.bytes);

    return this.campaigns.transaction(async (m) => {
      const { campaign, stations } = await this.targets(m, actor, campaignId, stationCode, probe, true);
      const { revision, status } = await audioChanged(
        this.campaigns,
        m,
        actor,
        campaign,
        `Bản ghi âm mới / new recording: ${stations.map((s) => s.code).join(', ')}`,
      );
      const originalName = file.originalName ? file.originalName.normalize('NFC').slice(0, 255) : null;
      await this.audioRows.storeRecording(m, campaignId, {
        stationIds: stations.map((s) => s.id),
        revision,
        mimeType: probe.mimeType,
        fileName,
        bytes: file.bytes.length,
        durationSeconds: Math.round(probe.durationSeconds * 100) / 100,
        sha1,
        uploadedBy: actor.id,
        originalName,
      });
      await this.audit.record(
        {
          actor,
          action: 'campaign.radio.recording',
          targetType: 'campaign',
          targetId: campaignId,
          before: { status: campaign.status, revision: campaign.revision },
          after: {
            status,
            revision,
            stations: stations.map((s) => s.code),
            mimeType: probe.mimeType,
            durationSeconds: probe.durationSeconds,
            bytes: file.bytes.length,
            sha1,
            originalName,
          },
          requestId,
        },
        m,
      );
      return {
        stations: stations.map((s) => s.code),
        mimeType: probe.mimeType,
        bytes: file.bytes.length,
        durationSeconds: Math.round(probe.durationSeconds * 100) / 100,
        sha1,
        revision,
        campaignStatus: status,
      };
    });
  }

  /**
   * Takes recordings back (all the plan's stations, or `?station=`): synthesised speech airs instead. Before launch
   * it is an edit; on air a revision only an approver makes, and the speech is rendered at once. Removing where
   * there is no recording changes nothing.
   */
  async remove(
    actor: Actor & { type: 'user' },
    campaignId: string,
    stationCode: string | null,
    requestId: string | null,
  ): Promise<RecordingRemoved> {
    const result = await this.campaigns.transaction(async (m) => {
      const { campaign, stations } = await this.targets(m, actor, campaignId, stationCode, null, true);
      const recorded = await this.audioRows.lockRecorded(
        m,
        campaignId,
        stations.map((s) => s.id),
      );
      const removed = stations.filter((s) => recorded.includes(s.id));
      if (!removed.length) {
        return { stations: [], revision: campaign.revision, campaignStatus: campaign.status, render: [] };
      }
      const codes = removed.map((s) => s.code);
      const { revision, status } = await audioChanged(
        this.campaigns,
        m,
        actor,
        campaign,
        `Gỡ bản ghi âm / recording removed: ${codes.join(', ')}`,
      );
      const ids = removed.map((s) => s.id);
      let render: string[] = [];
      if ((ON_AIR as readonly string[]).includes(campaign.status)) {
        const reset = await resetAudio(this.audioRows, m, campaignId, revision, this.config.ttsEnabled, {
          onlyRecordingsOf: ids,
          note: null,
        });
        render = reset.map((r) => r.stationId);
      } else {
        // Not launched yet: the launch makes speech for stations without audio.
        await this.audioRows.deleteRecordings(m, campaignId, ids);
      }
      await this.audit.record(
        {
          actor,
          action: 'campaign.radio.recording.remove',
          targetType: 'campaign',
          targetId: campaignId,
          before: { status: campaign.status, revision: campaign.revision },
          after: { status, revision, stations: codes },
          requestId,
        },
        m,
      );
      return { stations: codes, revision, campaignStatus: status, render };
    });
    if (this.config.ttsEnabled && result.render.length) {
      await this.audio.handOver(
        result.render.map((stationId) => ({ campaignId, stationId, revision: result.revision })),
      );
    }
    return { stations: result.stations, revision: result.revision, campaignStatus: result.campaignStatus };
  }

  /**
   * The audio of every station of the campaign's radio plan: synthesised or recorded, its state and facts. A station
   * with nothing made yet (a draft, before synthesis at launch) is listed `unavailable`, so that a recording can be
   * uploaded for it alone.
   */
  async list(organizationId: string, campaignId: string): Promise<StationAudioView[]> {
    const campaign = await loadRadioCampaign(this.campaigns, null, organizationId, campaignId, { lock: false });
    const rows = await this.audioRows.list(campaignId);
    const known = new Set(rows.map((r) => r.station));
    const missing = radioPlan(campaign.content, campaign).stationCodes.filter((code) => !known.has(code));
    const nothingYet = missing.length ? await this.campaigns.stations(organizationId, missing) : [];
    return [...rows, ...nothingYet.map((s) => nothingMadeFor(s.code, campaign.revision))].sort((a, b) =>
      a.station.localeCompare(b.station),
    );
  }

  private checkedProbe(bytes: Buffer): AudioProbe {
    let probe: AudioProbe;
    try {
      probe = probeAudio(bytes);
    } catch (e) {
      if (e instanceof AudioProbeError) throw new RadioInputError('file', e.message);
      throw e;
    }
    if (probe.durationSeconds < MIN_RECORDING_SECONDS) {
      throw new RadioInputError(
        'file',
        `bản ghi chỉ dài ${probe.durationSeconds.toFixed(2)} giây / the recording is only ${probe.durationSeconds.toFixed(2)} s long`,
      );
    }
    if (probe.durationSeconds > this.config.uploadMaxSeconds) {
      throw new RadioInputError(
        'file',
        `bản ghi dài ${Math.round(probe.durationSeconds)} giây, quá mức ${this.config.uploadMaxSeconds} giây / ` +
          `the recording is ${Math.round(probe.durationSeconds)} s long, over the ${this.config.uploadMaxSeconds} s limit`,
      );
    }
    return probe;
  }

  /**
   * The campaign (checked for state and role), its radio plan and the stations a recording is for (checked for fit
   * when there is a recording to check). `m` null reads outside a transaction (and cannot lock).
   */
  private async targets(
    m: EntityManager | null,
    actor: Actor & { type: 'user' },
    campaignId: string,
    stationCode: string | null,
    probe: AudioProbe | null,
    lock: boolean,
  ): Promise<{ campaign: LoadedRadioCampaign; plan: RadioPlan; stations: TargetStation[] }> {
    const campaign = await loadRadioCampaign(this.campaigns, m, actor.organizationId, campaignId, { lock });
    const onAir = (ON_AIR as readonly string[]).includes(campaign.status);
    if (!onAir && !(BEFORE_LAUNCH as readonly string[]).includes(campaign.status)) {
      throw new RadioConflictError(`Cannot change the audio of a campaign that is ${campaign.status}`);
    }
    if (onAir && !APPROVER_ROLES.includes(actor.role)) {
      throw new RadioForbiddenError(
        'Chiến dịch đang phát: chỉ người phê duyệt được thay bản ghi âm / ' +
          'the campaign is on air: only an approver may replace its recording',
      );
    }
    const plan = radioPlan(campaign.content, campaign);
    const codes = stationCode === null ? plan.stationCodes : [stationCode];
    if (stationCode !== null && !plan.stationCodes.includes(stationCode)) {
      throw new RadioInputError(
        'station',
        `đài ${stationCode} không có trong kế hoạch phát thanh / station ${stationCode} is not named in the radio plan`,
      );
    }
    const targets = await this.campaigns.stations(actor.organizationId, codes, m ?? undefined);
    if (!targets.length) throw new RadioInputError('station', 'no station of the radio plan exists any more');
    if (probe) assertFits(probe, plan, targets);
    return { campaign, plan, stations: targets };
  }
}

/** A station of the plan with no audio made yet: synthesised speech will be made for it at launch. */
function nothingMadeFor(station: string, revision: number): StationAudioView {
  return {
    station,
    status: 'unavailable',
    source: 'tts',
    revision,
    mimeType: null,
    bytes: null,
    durationSeconds: null,
    voice: null,
    originalName: null,
    error: null,
    updatedAt: null,
  };
}

/** Refuses a recording that, read `plan.repeat` times, does not fit a target station's slot (naming them). */
function assertFits(probe: AudioProbe, plan: RadioPlan, stations: TargetStation[]): void {
  const misfits = recordingMisfits(probe.durationSeconds, plan, stations);
  if (misfits.length) throw new RadioInputError('file', describeMisfits(misfits, plan.repeat));
}

/**
 * Records that what a campaign airs changed: on air, a new revision (stations see an update); before launch, an
 * edit (an approved campaign goes back for approval). Returns the revision and the campaign status afterwards.
 */
async function audioChanged(
  campaigns: RadioCampaignsRepository,
  q: Queryable,
  actor: Actor & { type: 'user' },
  campaign: LoadedRadioCampaign,
  reason: string,
): Promise<{ revision: number; status: string }> {
  if ((ON_AIR as readonly string[]).includes(campaign.status)) {
    const revision = await writeRevision(campaigns, q, campaign, {
      content: campaign.content,
      previousContent: campaign.content,
      changed: ['recording'],
      reason,
      createdBy: actor.id,
    });
    return { revision, status: campaign.status };
  }
  const status = statusAfterEdit(campaign.status as CampaignStatus);
  if (status !== campaign.status) await campaigns.setStatusAfterEdit(q, campaign.id, campaign.status, status);
  return { revision: campaign.revision, status };
}
