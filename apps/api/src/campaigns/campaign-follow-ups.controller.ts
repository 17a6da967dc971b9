import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CampaignsService, OverdueFollowUpsRepository } from '@loa/campaigns';
import type { LoaRequest } from '../http/request-context';
import { OverdueFollowUpDto } from './campaign-follow-ups.dto';
import { operator } from './operator';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class CampaignFollowUpsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly followUps: OverdueFollowUpsRepository,
  ) {}

  /** Reminders and escalations about the campaign's stations and carrier orders, oldest first. */
  @Get(':id/follow-ups')
  async list(@Param('id') id: string, @Req() req: LoaRequest): Promise<OverdueFollowUpDto[]> {
    const campaign = await this.campaigns.get(operator(req).organizationId, id);
    return (await this.followUps.forCampaign(campaign.id)).map((f) => ({
      subjectType: f.subjectType,
      subjectName: f.subjectName,
      problem: f.problem,
      kind: f.kind,
      seq: f.seq,
      recipients: f.recipients,
      status: f.status,
      createdAt: f.createdAt.toISOString(),
      sentAt: f.sentAt?.toISOString() ?? null,
      error: f.error,
    }));
  }
}
