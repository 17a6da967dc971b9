import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DeliveriesRepository } from '@loa/delivery';
import { QUEUES, ReceiptJob } from '@loa/queue';

/** Applies receipts; one that arrives before its submit response was stored is retried (with backoff). */
@Processor(QUEUES.receipts, { concurrency: 20 })
export class ReceiptsProcessor extends WorkerHost {
  constructor(private readonly deliveries: DeliveriesRepository) {
    super();
  }

  async process(job: Job<ReceiptJob>): Promise<string> {
    const r = job.data;
    const error = r.outcome === 'failed' ? `${r.providerStatus}${r.errorCode ? ` err:${r.errorCode}` : ''}` : null;
    const result = await this.deliveries.applyReceipt(r.carrierCode, r.providerMessageId, r.outcome, error);
    if (result === 'no-such-message') throw new Error(`no ${r.carrierCode} message ${r.providerMessageId} yet`);
    return result;
  }
}
