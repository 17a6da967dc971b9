import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { RadioAudioService } from '../audio/radio-audio.service';
import { RadioConflictError } from '../radio-errors';
import { RADIO_CONFIG, RadioConfig } from '../radio-config';
import { RadioPlanPatch, amendRadioPlan } from './amend-plan';
import { BEFORE_LAUNCH, ON_AIR, loadRadioCampaign, resetAudio, writeRevision } from './radio-campaign';

export interface RadioAmended {
  /** The plan's revision after the request (unchanged when the request changed nothing). */
  revision: number;
  created: boolean;
  changed: string[];
  /** Stations whose audio is being made again (synthesised) because the words changed. */
  audioReset: number;
  /** Stations whose uploaded recording was withdrawn because it no longer matches. */
  recordingsWithdrawn: number;
}

export interface RadioRevisionView {
  revision: number;
  changed: string[];
  reason: string;
  createdBy: string | null;
  createdAt: string;
}

/**
 * Amendments of a launched campaign's radio plan. Each is a numbered revision (kept with the content before and
 * after), audited, and shown to stations as an update (CAP msgType Update). When the spoken words change, the
 * audio is made again, and the old audio leaves the feeds in the same transaction.
 */
@Injectable()
export class RadioRevisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RADIO_CONFIG) private readonly config: RadioConfig,
    private readonly audio: RadioAudioService,
    private readonly audit: AuditService,
  ) {}

  async amend(
    actor: Actor & { type: 'user' },
    campaignId: string,
    patch: RadioPlanPatch,
    reason: string,
    requestId: string | null,
  ): Promise<RadioAmended> {
    const result = await this.dataSource.transaction(async (m) => {
      const campaign = await loadRadioCampaign(m, actor.organizationId, campaignId);
      if (!(ON_AIR as readonly string[]).includes(campaign.status)) {
        const hint = (BEFORE_LAUNCH as readonly string[]).includes(campaign.status)
          ? 'sửa trước khi phát động bằng PATCH /api/campaigns/:id / edit it with PATCH /api/campaigns/:id before launch'
          : 'chiến dịch đã kết thúc / the campaign has ended';
        throw new RadioConflictError(`Cannot amend the radio plan of a campaign that is ${campaign.status}: ${hint}`);
      }
      const amendment = amendRadioPlan(campaign.content, patch);
      if (!amendment.changed.length) {
        return { revision: campaign.revision, created: false, changed: [], reset: [] };
      }
      const revision = await writeRevision(m, campaign, {
        content: amendment.content,
        previousContent: campaign.content,
        changed: amendment.changed,
        reason,
        createdBy: actor.id,
      });
      const reset = amendment.spokenChanged ? await resetAudio(m, campaignId, revision, this.config.ttsEnabled) : [];
      await this.audit.record(
        {
          actor,
          organizationId: actor.organizationId,
          action: 'campaign.radio.amend',
          targetType: 'campaign',
          targetId: campaignId,
          before: { revision: campaign.revision, ...pick(campaign.content, amendment.changed) },
          after: { revision, ...pick(amendment.content, amendment.changed), reason: reason.normalize('NFC') },
          requestId,
        },
        m,
      );
      return { revision, created: true, changed: amendment.changed, reset };
    });
    // After the commit: a job enqueued earlier could read the old revision (it would then do nothing).
    if (this.config.ttsEnabled && result.reset.length) {
      await this.audio.enqueue(
        result.reset.map((r) => ({ campaignId, stationId: r.stationId, revision: result.revision })),
      );
    }
    return {
      revision: result.revision,
      created: result.created,
      changed: result.changed,
      audioReset: result.reset.length,
      recordingsWithdrawn: result.reset.filter((r) => r.wasRecording).length,
    };
  }

  /** The revision history of an organisation's campaign, newest first (revision 1 is the plan as launched). */
  async history(organizationId: string, campaignId: string): Promise<RadioRevisionView[]> {
    await loadRadioCampaign(this.dataSource.manager, organizationId, campaignId, { lock: false });
    const rows: Array<{
      revision: number;
      changed: string[];
      reason: string;
      created_by: string | null;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT revision, changed, reason, created_by, created_at FROM radio_script_revisions
        WHERE campaign_id = $1 ORDER BY revision DESC`,
      [campaignId],
    );
    return rows.map((r) => ({
      revision: r.revision,
      changed: r.changed,
      reason: r.reason,
      createdBy: r.created_by,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}

function pick(content: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, content[f] ?? null]));
}
