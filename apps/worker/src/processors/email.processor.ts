import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { EmailDispatchService } from '@loa/email';
import { QUEUES, SendBatchJob } from '@loa/queue';

@Processor(QUEUES.email, { concurrency: 2 })
export class EmailProcessor extends WorkerHost {
  constructor(private readonly email: EmailDispatchService) {
    super();
  }

  async process(job: Job<SendBatchJob>): Promise<void> {
    await this.email.sendBatch(job.data);
  }
}
