import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { LifecycleService, LifecycleTickResult } from '@loa/campaigns';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { QUEUES } from '@loa/queue';

/** The reconciler tick, scheduled once for the whole cluster by a BullMQ job scheduler. */
@Processor(QUEUES.lifecycle)
export class LifecycleProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly lifecycle: LifecycleService,
    @InjectQueue(QUEUES.lifecycle) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'lifecycle-tick',
      { every: this.config.delivery.lifecycleIntervalMs },
      { name: 'tick', opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 }, attempts: 1 } },
    );
  }

  process(_job: Job): Promise<LifecycleTickResult> {
    return this.lifecycle.tick();
  }
}
