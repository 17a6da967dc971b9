import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiExtraModels, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditQueryService } from '@loa/audit';
import {
  CampaignPlansRepository,
  CampaignReportService,
  CampaignTimelineRepository,
  CampaignsRepository,
  CampaignsService,
  CarrierResumeService,
  NotFoundError,
  campaignReportCsv,
} from '@loa/campaigns';
import type { AudienceReport } from '@loa/sms';
import { AuditPageDto } from '../admin/audit-page.dto';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { CampaignListPageDto, CampaignListQuery, CampaignTimelineDto, TimelineQuery } from './campaign-list.dto';
import {
  CampaignPlanViewDto,
  CampaignReportDto,
  CampaignWithAudienceDto,
  CarrierCountersDto,
} from './campaign-report.dto';
import { CreateCampaignDto, RejectDto, UpdateCampaignDto } from './campaign.dto';
import { operator } from './operator';

@ApiTags('campaigns')
@ApiBearerAuth()
@ApiExtraModels(CarrierCountersDto)
@Controller('api/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly reports: CampaignReportService,
    private readonly list: CampaignsRepository,
    private readonly audit: AuditQueryService,
    private readonly plans: CampaignPlansRepository,
    private readonly timelines: CampaignTimelineRepository,
    private readonly carrierResume: CarrierResumeService,
  ) {}

  /** The organisation's campaigns, newest first: searched, filtered and paginated (the console's list). */
  @Get()
  async index(@Query() q: CampaignListQuery, @Req() req: LoaRequest): Promise<CampaignListPageDto> {
    const { page, pageSize } = q;
    const { items, total } = await this.list.list(operator(req).organizationId, {
      q: q.q,
      statuses: q.status,
      channel: q.channel,
      modes: q.mode,
      from: q.from,
      to: q.to,
      createdBy: q.createdBy,
      page,
      pageSize,
    });
    return { items, total, page, pageSize };
  }

  @Post()
  @Roles('editor')
  async create(@Body() body: CreateCampaignDto, @Req() req: LoaRequest): Promise<CampaignWithAudienceDto> {
    const { campaign, audience } = await this.campaigns.create(operator(req), body, req.requestId);
    return {
      ...(await this.reports.report(campaign)),
      audience: audienceSummary(audience),
    };
  }

  @Get(':id')
  async get(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.get(operator(req).organizationId, id));
  }

  /** What the campaign will send on each channel and to whom (the directory as it is now). */
  @Get(':id/plan')
  async plan(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignPlanViewDto> {
    const view = await this.plans.view(operator(req).organizationId, id);
    if (!view) throw new NotFoundError('campaign', id);
    return { ...view, area: this.reports.area(view.areaCodes, view.startsAt) };
  }

  /** One channel's deliveries over time (handed over, delivered, failed), in round buckets: the report's chart. */
  @Get(':id/timeline')
  async timeline(
    @Param('id') id: string,
    @Query() q: TimelineQuery,
    @Req() req: LoaRequest,
  ): Promise<CampaignTimelineDto> {
    const campaign = await this.campaigns.get(operator(req).organizationId, id);
    return this.timelines.timeline(campaign.id, q.channel ?? 'sms');
  }

  /** The report as CSV, one figure a line (channel, group, metric, value), for a spreadsheet. */
  @Get(':id/report.csv')
  @ApiProduces('text/csv')
  async reportCsv(@Param('id') id: string, @Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    const campaign = await this.campaigns.get(operator(req).organizationId, id);
    const csv = campaignReportCsv(await this.reports.report(campaign));
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="bao-cao-${campaign.id}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.send(csv);
  }

  /** The campaign's audit trail (every state change, who and when), newest first; for every operator. */
  @Get(':id/audit')
  async trail(@Param('id') id: string, @Req() req: LoaRequest): Promise<AuditPageDto> {
    const org = operator(req).organizationId;
    await this.campaigns.get(org, id);
    return this.audit.list(org, { targetType: 'campaign', targetId: id, limit: 200 });
  }

  /** Edit before launch; an approved campaign goes back for approval. */
  @Patch(':id')
  @Roles('editor')
  async update(
    @Param('id') id: string,
    @Body() body: UpdateCampaignDto,
    @Req() req: LoaRequest,
  ): Promise<CampaignWithAudienceDto> {
    const { campaign, audience } = await this.campaigns.update(operator(req), id, body, req.requestId);
    return {
      ...(await this.reports.report(campaign)),
      audience: audienceSummary(audience),
    };
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Roles('editor')
  async submit(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.submit(operator(req), id, req.requestId));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('approver')
  async approve(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.approve(operator(req), id, req.requestId));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('approver')
  async reject(@Param('id') id: string, @Body() body: RejectDto, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.reject(operator(req), id, body.reason, req.requestId));
  }

  @Post(':id/launch')
  @HttpCode(200)
  @Roles('editor', 'approver')
  async launch(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.launch(operator(req), id, req.requestId));
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('editor', 'approver')
  async pause(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.pause(operator(req), id, req.requestId));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('editor', 'approver')
  async resume(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.resume(operator(req), id, req.requestId));
  }

  /**
   * Resumes a carrier paused for this campaign by its failure rate (see the report's `sms.carrierPauses`): its rows
   * still queued go out again; 404 when the carrier is not paused.
   */
  @Post(':id/carriers/:carrierCode/resume')
  @HttpCode(200)
  @Roles('editor', 'approver')
  async resumeCarrier(
    @Param('id') id: string,
    @Param('carrierCode') carrierCode: string,
    @Req() req: LoaRequest,
  ): Promise<CampaignReportDto> {
    await this.carrierResume.resume(operator(req), id, carrierCode, req.requestId);
    return this.reports.report(await this.campaigns.get(operator(req).organizationId, id));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('editor', 'approver')
  async cancel(@Param('id') id: string, @Req() req: LoaRequest): Promise<CampaignReportDto> {
    return this.reports.report(await this.campaigns.cancel(operator(req), id, req.requestId));
  }
}

/** What the operator sees of the subscriber list: counts, and each rejected input with its reason. */
function audienceSummary(a: AudienceReport | null) {
  return a && { accepted: a.accepted.length, duplicates: a.duplicates, optedOut: a.optedOut, rejected: a.rejected };
}
