import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { LifecycleService, LifecycleTickResult } from '@loa/campaigns';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { QUEUES } from '@loa/queue';
import { JobSchedulerKeeper } from './job-scheduler-keeper';

/** The reconciler tick, scheduled once for the whole cluster by a BullMQ job scheduler. */
@Processor(QUEUES.lifecycle)
export class LifecycleProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private scheduler: JobSchedulerKeeper | null = null;

  constructor(
    private readonly lifecycle: LifecycleService,
    @InjectQueue(QUEUES.lifecycle) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.scheduler = new JobSchedulerKeeper(
      this.queue,
      'lifecycle-tick',
      this.config.delivery.lifecycleIntervalMs,
      'tick',
    );
    await this.scheduler.start();
  }

  onApplicationShutdown(): void {
    this.scheduler?.stop();
  }

  process(_job: Job): Promise<LifecycleTickResult> {
    return this.lifecycle.tick();
  }
}
