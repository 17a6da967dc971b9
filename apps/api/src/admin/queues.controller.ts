import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { operator } from '../campaigns/operator';
import type { LoaRequest } from '../http/request-context';
import { QueueOverviewService } from '../queues/queue-overview.service';
import { FailedJobsDto, QueueCountsListDto } from '../queues/queues.dto';

/** The job queues for an organisation's admin: depths by state, and its own failed jobs to retry. */
@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/admin/queues')
export class QueuesAdminController {
  constructor(private readonly overview: QueueOverviewService) {}

  /** Every queue's jobs by state (the console polls this). */
  @Get()
  async index(): Promise<QueueCountsListDto> {
    return { queues: await this.overview.counts() };
  }

  /** The organisation's failed jobs, newest first (at most 50). */
  @Get('failed')
  async failed(@Req() req: LoaRequest): Promise<FailedJobsDto> {
    return { failed: await this.overview.failed(operator(req).organizationId) };
  }

  /** Puts a failed job of the organisation's campaigns back to wait (audited `queue.job_retry`). */
  @Post(':queue/jobs/:jobId/retry')
  @HttpCode(204)
  async retry(@Param('queue') queue: string, @Param('jobId') jobId: string, @Req() req: LoaRequest): Promise<void> {
    await this.overview.retry(operator(req), queue, jobId, req.requestId);
  }
}
