import { Injectable } from '@nestjs/common';
import { Actor, AuditService } from '@loa/audit';
import { CarrierPause, CarrierPausesRepository } from '@loa/sms';
import { CampaignsRepository } from '../campaigns.repository';
import { CampaignsService } from '../campaigns.service';
import { NotFoundError } from '../errors';

/**
 * An operator resumes a carrier paused for a campaign by its failure rate: the pause is closed and audited, and a
 * running campaign starts a new dispatch round so its rows still queued for that carrier go out (rows already
 * sent are never claimed again). A paused campaign's rows go when the campaign itself is resumed.
 */
@Injectable()
export class CarrierResumeService {
  constructor(
    private readonly campaignsService: CampaignsService,
    private readonly campaigns: CampaignsRepository,
    private readonly pauses: CarrierPausesRepository,
    private readonly audit: AuditService,
  ) {}

  async resume(
    actor: Actor & { type: 'user' },
    campaignId: string,
    carrierCode: string,
    requestId: string | null,
  ): Promise<CarrierPause> {
    const campaign = await this.campaignsService.get(actor.organizationId, campaignId);
    const { pause, epoch } = await this.campaigns.transaction(async (m) => {
      const closed = await this.pauses.resume(m, campaign.id, carrierCode, actor.id);
      if (!closed) throw new NotFoundError('open pause of carrier', carrierCode);
      const round = await this.campaigns.nextDispatchRound(m, campaign.id);
      await this.audit.record(
        {
          actor,
          organizationId: campaign.organizationId,
          action: 'campaign.carrier_resume',
          targetType: 'campaign',
          targetId: campaign.id,
          before: { carrier: carrierCode, pausedAt: closed.pausedAt.toISOString(), failures: closed.failures },
          after: { carrier: carrierCode, dispatchRound: round },
          requestId,
        },
        m,
      );
      return { pause: closed, epoch: round };
    });
    if (epoch !== null) await this.campaignsService.handOverFanout(campaign.id, epoch);
    return pause;
  }
}
