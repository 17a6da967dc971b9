import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { DeliveriesRepository, receiptErrorText } from '@loa/delivery';
import { InboundSmsJob, QUEUES, ReceiptJob } from '@loa/queue';
import { InboundSmsService } from '@loa/sms';

/**
 * Applies receipts (one that arrives before its submit response was stored is retried, with backoff) and
 * subscribers' replies (an opt-out keyword records an opt-out).
 */
@Processor(QUEUES.receipts, { concurrency: 20 })
export class ReceiptsProcessor extends WorkerHost {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly inbound: InboundSmsService,
  ) {
    super();
  }

  async process(job: Job<ReceiptJob | InboundSmsJob>): Promise<string> {
    if (job.name === 'inbound') return this.inbound.handle(job.data as InboundSmsJob);
    const r = job.data as ReceiptJob;
    const error = receiptErrorText(r.outcome, r.providerStatus, r.errorCode);
    const result = await this.deliveries.applyReceipt(r.carrierCode, r.providerMessageId, r.outcome, error);
    if (result === 'no-such-message') throw new Error(`no ${r.carrierCode} message ${r.providerMessageId} yet`);
    return result;
  }
}
