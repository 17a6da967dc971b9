import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { InboundSmsJob, QUEUES, ReceiptJob } from '@loa/queue';
import {
  AwaitingReceiptsService,
  CarrierConnections,
  InboundSmsService,
  QueuedReceipts,
  receiptCheckEveryMs,
} from '@loa/sms';
import { JobSchedulerKeeper } from './job-scheduler-keeper';

/** The periodic job that asks carriers about SMS whose receipt has not come. */
export const RECEIPT_CHECK_JOB = 'check-awaiting';

/**
 * Applies receipts (one that arrives before its message id is stored is kept and applied when the id is; see
 * ReceiptSettlement; what they say counts toward the auto-pause, QueuedReceipts) and
 * subscribers' replies (an opt-out keyword records an opt-out). Periodically, like the other periodic jobs (one
 * BullMQ job scheduler for the whole cluster), asks the carriers this worker is connected to about SMS whose
 * receipt has not come.
 */
@Processor(QUEUES.receipts, { concurrency: 20 })
export class ReceiptsProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private scheduler: JobSchedulerKeeper | null = null;

  constructor(
    private readonly receipts: QueuedReceipts,
    private readonly inbound: InboundSmsService,
    private readonly connections: CarrierConnections,
    private readonly awaitingReceipts: AwaitingReceiptsService,
    @InjectQueue(QUEUES.receipts) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.awaitingReceipts.enabled) return;
    const everyMs = receiptCheckEveryMs(this.config.delivery);
    this.scheduler = new JobSchedulerKeeper(this.queue, 'receipt-check', everyMs, RECEIPT_CHECK_JOB);
    await this.scheduler.start();
  }

  onApplicationShutdown(): void {
    this.scheduler?.stop();
  }

  async process(job: Job<ReceiptJob | InboundSmsJob | Record<string, never>>): Promise<string> {
    if (job.name === RECEIPT_CHECK_JOB) {
      await this.connections.checkAwaitingReceipts();
      return 'checked';
    }
    if (job.name === 'inbound') return this.inbound.handle(job.data as InboundSmsJob);
    const r = job.data as ReceiptJob;
    const result = await this.receipts.apply(r, this.config.delivery.earlyReceiptsMax);
    // Only when the kept receipts are at their bound: retried with backoff, as before.
    if (result === 'no-such-message') throw new Error(`no ${r.carrierCode} message ${r.providerMessageId} yet`);
    return result;
  }
}
