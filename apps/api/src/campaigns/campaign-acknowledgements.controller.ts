import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CampaignsService } from '@loa/campaigns';
import { AcknowledgementService } from '@loa/email';
import type { LoaRequest } from '../http/request-context';
import { AgencyAcknowledgementDto } from './campaign-acknowledgements.dto';
import { operator } from './operator';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class CampaignAcknowledgementsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly acks: AcknowledgementService,
  ) {}

  /** Every agency the campaign's e-mail went to: when it was sent and when (if) the agency acknowledged it. */
  @Get(':id/acknowledgements')
  async list(@Param('id') id: string, @Req() req: LoaRequest): Promise<AgencyAcknowledgementDto[]> {
    const campaign = await this.campaigns.get(operator(req).organizationId, id);
    return (await this.acks.forCampaign(campaign.id)).map((a) => ({
      agencyCode: a.agencyCode,
      agencyName: a.agencyName,
      email: a.email,
      status: a.status,
      sentAt: a.sentAt?.toISOString() ?? null,
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
      reminders: a.reminders,
      escalatedAt: a.escalatedAt?.toISOString() ?? null,
    }));
  }
}
