import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Actor, AuditService } from '@loa/audit';
import { CampaignsRepository } from '@loa/campaigns';
import { QueueDirectory } from './queue-directory';

export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
  paused: boolean;
}

export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  campaignId: string;
  campaignTitle: string;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

/** Failed jobs looked at per queue (newest first): enough for an operator's page, bounded for Redis. */
const FAILED_SCAN = 200;
const FAILED_SHOWN = 50;

const campaignOf = (job: Job): string | null => {
  const id = (job.data as { campaignId?: unknown } | null)?.campaignId;
  return typeof id === 'string' ? id : null;
};

/**
 * What an admin sees of the job queues: how many jobs each holds, by state (counts only: the queues are shared by
 * every organisation), and the failed jobs of the admin's own organisation's campaigns, which can be retried.
 */
@Injectable()
export class QueueOverviewService {
  constructor(
    private readonly queues: QueueDirectory,
    private readonly campaigns: CampaignsRepository,
    private readonly audit: AuditService,
  ) {}

  /** Every queue's jobs by state: a handful of Redis reads, cheap enough for a page that refreshes itself. */
  async counts(): Promise<QueueCounts[]> {
    const all = await this.queues.all();
    return Promise.all(
      all.map(async ({ name, queue }) => {
        const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
        return {
          name,
          waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
          paused: await queue.isPaused(),
        };
      }),
    );
  }

  /**
   * The organisation's failed jobs, newest first: reads up to 200 failed jobs per queue, so the console asks for
   * them when the page opens and when a queue's failed count changes, not on every refresh.
   */
  async failed(organizationId: string): Promise<FailedJob[]> {
    const all = await this.queues.all();
    const failedJobs = (
      await Promise.all(
        all.map(async ({ name, queue }) =>
          (await queue.getFailed(0, FAILED_SCAN - 1)).map((job) => ({ queue: name, job })),
        ),
      )
    ).flat();
    const owned = await this.campaigns.ownedBy(organizationId, [
      ...new Set(failedJobs.map((f) => campaignOf(f.job)).filter((id): id is string => id !== null)),
    ]);
    return failedJobs
      .filter((f) => owned.has(campaignOf(f.job) ?? ''))
      .map(({ queue, job }): FailedJob => ({
        queue,
        id: String(job.id),
        name: job.name,
        campaignId: campaignOf(job)!,
        campaignTitle: owned.get(campaignOf(job)!)!,
        failedReason: job.failedReason ?? '',
        attemptsMade: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      }))
      .sort((a, b) => (b.failedAt ?? '').localeCompare(a.failedAt ?? ''))
      .slice(0, FAILED_SHOWN);
  }

  /** Puts a failed job of the organisation's back to wait (audited); 404 for another's, 409 for one not failed. */
  async retry(actor: Actor & { type: 'user' }, queueName: string, jobId: string, requestId: string | null) {
    const queue = await this.queues.named(queueName);
    const job = queue ? await queue.getJob(jobId) : null;
    const campaignId = job ? campaignOf(job) : null;
    const owned = campaignId ? await this.campaigns.ownedBy(actor.organizationId, [campaignId]) : new Map();
    if (!job || !campaignId || !owned.has(campaignId))
      throw new NotFoundException(`no job ${jobId} of your organisation in queue ${queueName}`);
    if (!(await job.isFailed()))
      throw new ConflictException(`job ${jobId} is ${await job.getState()}, not failed: only a failed job is retried`);
    await this.audit.record({
      actor,
      action: 'queue.job_retry',
      targetType: 'campaign',
      targetId: campaignId,
      after: { queue: queueName, job: jobId, failedReason: job.failedReason ?? '' },
      requestId,
    });
    await job.retry('failed');
  }
}
