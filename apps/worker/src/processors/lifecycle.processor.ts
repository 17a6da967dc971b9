import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { LifecycleService, LifecycleTickResult, OverdueFollowUps, OverdueRun } from '@loa/campaigns';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { QUEUES } from '@loa/queue';
import { JobSchedulerKeeper } from './job-scheduler-keeper';

/** The periodic job that reminds stations behind their schedule and reports carrier orders not acknowledged. */
export const OVERDUE_FOLLOW_UP_JOB = 'follow-up-overdue';

/**
 * The reconciler tick and the overdue follow-ups, each scheduled once for the whole cluster by a BullMQ job
 * scheduler.
 */
@Processor(QUEUES.lifecycle)
export class LifecycleProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private schedulers: JobSchedulerKeeper[] = [];

  constructor(
    private readonly lifecycle: LifecycleService,
    private readonly overdue: OverdueFollowUps,
    @InjectQueue(QUEUES.lifecycle) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.schedulers.push(
      new JobSchedulerKeeper(this.queue, 'lifecycle-tick', this.config.delivery.lifecycleIntervalMs, 'tick'),
    );
    const overdueMs = this.config.overdue.checkIntervalMs;
    if (overdueMs > 0)
      this.schedulers.push(new JobSchedulerKeeper(this.queue, 'overdue-follow-ups', overdueMs, OVERDUE_FOLLOW_UP_JOB));
    for (const s of this.schedulers) await s.start();
  }

  onApplicationShutdown(): void {
    for (const s of this.schedulers) s.stop();
  }

  process(job: Job): Promise<LifecycleTickResult | OverdueRun> {
    return job.name === OVERDUE_FOLLOW_UP_JOB ? this.overdue.run() : this.lifecycle.tick();
  }
}
