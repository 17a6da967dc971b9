import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { FanoutService } from '@loa/campaigns';
import { FanoutJob, QUEUES } from '@loa/queue';

@Processor(QUEUES.fanout)
export class FanoutProcessor extends WorkerHost {
  constructor(private readonly fanout: FanoutService) {
    super();
  }

  process(job: Job<FanoutJob>): Promise<void> {
    return this.fanout.run(job.data.campaignId, job.data.epoch);
  }
}
