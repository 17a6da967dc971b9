import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { RadioAudioRepository } from '../audio/radio-audio.repository';
import { RadioAudioService } from '../audio/radio-audio.service';
import { RADIO_CONFIG, RadioConfig } from '../radio-config';
import { RadioPlanPatch, amendRadioPlan } from './amend-plan';
import { LoadedRadioCampaign, assertOnAir, loadRadioCampaign, resetAudio, writeRevision } from './radio-campaign';
import { RadioCampaignsRepository, type RadioRevisionView } from './radio-campaigns.repository';

export type { RadioRevisionView } from './radio-campaigns.repository';

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

export interface AppliedAmendment {
  revision: number;
  created: boolean;
  changed: string[];
  reset: Array<{ stationId: string; wasRecording: boolean }>;
}

/**
 * Revisions of a launched campaign's radio plan. Each amendment (proposed, then approved by a second person) is a
 * numbered revision (kept with the content before and after), audited, and shown to stations as an update (CAP
 * msgType Update). When the spoken words change, the
 * audio is made again, and the old audio leaves the feeds in the same transaction.
 */
@Injectable()
export class RadioRevisionsService {
  constructor(
    private readonly campaigns: RadioCampaignsRepository,
    private readonly audioRows: RadioAudioRepository,
    @Inject(RADIO_CONFIG) private readonly config: RadioConfig,
    private readonly audio: RadioAudioService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Applies an approved amendment to a campaign locked by the caller's transaction (see RadioAmendmentsService):
   * a new revision with the content before and after, who proposed and who approved it; the audio goes back to
   * pending when the spoken words change; audited as the approver's act. Changes nothing when the patch no longer
   * changes anything. Call `renderAfterCommit` once the transaction has committed.
   */
  async applyInTransaction(
    m: EntityManager,
    approver: Actor & { type: 'user' },
    campaign: LoadedRadioCampaign,
    change: { patch: RadioPlanPatch; reason: string; proposedBy: string; amendment: number },
    requestId: string | null,
  ): Promise<AppliedAmendment> {
    assertOnAir(campaign);
    const amendment = amendRadioPlan(campaign.content, change.patch);
    if (!amendment.changed.length) return { revision: campaign.revision, created: false, changed: [], reset: [] };
    const revision = await writeRevision(this.campaigns, m, campaign, {
      content: amendment.content,
      previousContent: campaign.content,
      changed: amendment.changed,
      reason: change.reason,
      createdBy: change.proposedBy,
      approvedBy: approver.id,
    });
    const reset = amendment.spokenChanged
      ? await resetAudio(this.audioRows, m, campaign.id, revision, this.config.ttsEnabled)
      : [];
    await this.audit.record(
      {
        actor: approver,
        action: 'campaign.radio.amend',
        targetType: 'campaign',
        targetId: campaign.id,
        before: { revision: campaign.revision, ...pick(campaign.content, amendment.changed) },
        after: {
          revision,
          ...pick(amendment.content, amendment.changed),
          reason: change.reason.normalize('NFC'),
          amendment: change.amendment,
          proposedBy: change.proposedBy,
        },
        requestId,
      },
      m,
    );
    return { revision, created: true, changed: amendment.changed, reset };
  }

  /** After the commit: a job enqueued earlier could read the old revision (it would then do nothing). */
  async renderAfterCommit(campaignId: string, applied: AppliedAmendment): Promise<RadioAmended> {
    if (this.config.ttsEnabled && applied.reset.length) {
      await this.audio.handOver(
        applied.reset.map((r) => ({ campaignId, stationId: r.stationId, revision: applied.revision })),
      );
    }
    return {
      revision: applied.revision,
      created: applied.created,
      changed: applied.changed,
      audioReset: applied.reset.length,
      recordingsWithdrawn: applied.reset.filter((r) => r.wasRecording).length,
    };
  }

  /** The revision history of an organisation's campaign, newest first (revision 1 is the plan as launched). */
  async history(organizationId: string, campaignId: string): Promise<RadioRevisionView[]> {
    await loadRadioCampaign(this.campaigns, null, organizationId, campaignId, { lock: false });
    return this.campaigns.history(campaignId);
  }
}

function pick(content: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, content[f] ?? null]));
}
