import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, type Job, type Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { AcknowledgementFollowUps, EMAIL_BATCHES_AT_ONCE, EmailDispatchService } from '@loa/email';
import { QUEUES, SendBatchJob } from '@loa/queue';
import { JobSchedulerKeeper } from './job-scheduler-keeper';

/** The periodic job that reminds agencies silent about a dispatch and escalates to the campaign's owners. */
export const ACK_FOLLOW_UP_JOB = 'follow-up-acknowledgements';

/** Sends dispatch e-mails in batches; periodically (one job scheduler for the cluster) follows up acknowledgements. */
@Processor(QUEUES.email, { concurrency: EMAIL_BATCHES_AT_ONCE })
export class EmailProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private scheduler: JobSchedulerKeeper | null = null;

  constructor(
    private readonly email: EmailDispatchService,
    private readonly followUps: AcknowledgementFollowUps,
    @InjectQueue(QUEUES.email) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    const everyMs = this.config.acknowledgements.checkIntervalMs;
    if (everyMs <= 0) return;
    this.scheduler = new JobSchedulerKeeper(this.queue, 'acknowledgement-follow-ups', everyMs, ACK_FOLLOW_UP_JOB);
    await this.scheduler.start();
  }

  onApplicationShutdown(): void {
    this.scheduler?.stop();
  }

  async process(job: Job<SendBatchJob | Record<string, never>>, token?: string): Promise<unknown> {
    if (job.name === ACK_FOLLOW_UP_JOB) return this.followUps.run();
    const result = await this.email.sendBatch(job.data as SendBatchJob);
    if (result.deferUntil) {
      // The campaign starts later: the batch waits for its start, without using up a retry.
      await job.moveToDelayed(result.deferUntil.getTime(), token);
      throw new DelayedError();
    }
    return result;
  }
}
