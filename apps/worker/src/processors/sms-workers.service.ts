import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DelayedError, Queue, Worker } from 'bullmq';
import { RetryLaterError } from '@loa/delivery';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { CarrierEntity } from '@loa/db';
import { InboundSmsJob, QUEUES, ReceiptJob, SmsSendJob, bullConnection, receiptJobId, smsQueueName } from '@loa/queue';
import { AwaitingReceiptsService, SmsDispatchService, SmsProvider, createSmsProvider } from '@loa/sms';

/** How long a carrier's queue rests after the carrier answered "throttled". */
const THROTTLE_PAUSE_MS = 2000;

/**
 * One BullMQ worker and one provider connection per enabled carrier (carriers are data, so these are built at
 * boot rather than declared with @Processor). A carrier whose SMSC is down keeps its jobs waiting and retrying.
 * Periodically (receiptCheckEveryMs), each connected carrier is asked about SMS whose receipt has not come.
 */
@Injectable()
export class SmsWorkersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('sms-workers');
  private readonly workers: Worker[] = [];
  private readonly providers: SmsProvider[] = [];
  /** Carriers whose connection is up, with the sender name their messages went out with. */
  private readonly connected: Array<{ provider: SmsProvider; senderName: string }> = [];
  private receiptCheckTimer: NodeJS.Timeout | null = null;
  private receiptCheck: Promise<void> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QUEUES.receipts) private readonly receipts: Queue<ReceiptJob | InboundSmsJob>,
    private readonly dispatch: SmsDispatchService,
    private readonly awaitingReceipts: AwaitingReceiptsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const carriers = await this.dataSource
      .getRepository(CarrierEntity)
      .find({ where: { enabled: true }, order: { code: 'ASC' } });
    for (const carrier of carriers) {
      const provider = createSmsProvider(carrier, this.config.http.publicBaseUrl);
      this.providers.push(provider);
      void this.startWithRetry(provider).then((started) => {
        if (started) this.connected.push({ provider, senderName: carrier.senderName });
      });
      const worker = new Worker<SmsSendJob>(
        smsQueueName(carrier.code),
        async (job, token) => {
          const result = await this.dispatch.sendBatch(job.data, provider).catch(async (e: unknown) => {
            if (e instanceof RetryLaterError && e.throttled) {
              // The carrier asked to slow down: pause this carrier's whole queue, not just retry this job.
              await worker.rateLimit(THROTTLE_PAUSE_MS);
              throw Worker.RateLimitError();
            }
            throw e;
          });
          if ('deferUntil' in result) {
            // Quiet hours: the batch waits for the window, without using up a retry.
            await job.moveToDelayed(result.deferUntil.getTime(), token);
            throw new DelayedError();
          }
          return result;
        },
        {
          connection: bullConnection(this.config.redis.url),
          prefix: this.config.redis.queuePrefix,
          concurrency: 1,
        },
      );
      worker.on('failed', (job, err) => this.logger.warn(`${carrier.code} job ${job?.id} failed: ${err.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`SMS workers for: ${carriers.map((c) => `${c.code}(${c.provider})`).join(', ') || 'none'}`);
    if (this.awaitingReceipts.enabled) {
      this.receiptCheckTimer = setInterval(() => {
        this.receiptCheck ??= this.checkAwaitingReceipts().finally(() => (this.receiptCheck = null));
      }, receiptCheckEveryMs(this.config.delivery));
    }
  }

  /** One carrier after the other; a round still running when the next is due is not doubled. */
  private async checkAwaitingReceipts(): Promise<void> {
    for (const { provider, senderName } of [...this.connected]) {
      if (this.stopped) return;
      await this.awaitingReceipts
        .check(provider, senderName)
        .catch((e: unknown) =>
          this.logger.warn(`${provider.carrierCode}: receipt check failed: ${(e as Error).message}`),
        );
    }
  }

  /** Drain: stop taking jobs, let running batches finish, then close carrier connections. */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.receiptCheckTimer) clearInterval(this.receiptCheckTimer);
    await this.receiptCheck;
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(this.providers.map((p) => p.stop().catch(() => undefined)));
  }

  /** True once connected; false when the worker stopped first. */
  private async startWithRetry(provider: SmsProvider): Promise<boolean> {
    for (let delay = 500; !this.stopped; delay = Math.min(delay * 2, 30_000)) {
      try {
        await provider.start(
          (r) => this.enqueueReceipt(r),
          (m) => this.enqueueInbound(m),
        );
        return true;
      } catch (e) {
        this.logger.warn(`${provider.carrierCode}: cannot connect (${(e as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return false;
  }

  private async enqueueInbound(m: InboundSmsJob): Promise<void> {
    await this.receipts.add('inbound', m);
  }

  private async enqueueReceipt(r: ReceiptJob): Promise<void> {
    await this.receipts.add('receipt', r, {
      jobId: receiptJobId(r.carrierCode, r.providerMessageId, r.providerStatus),
    });
  }
}

/**
 * How often to look for SMS to ask about: a tenth of RECEIPT_QUERY_AFTER_SECONDS (so a message is asked about at
 * most 10 % late), at most once a minute, never more often than the lifecycle interval.
 */
export function receiptCheckEveryMs(d: { lifecycleIntervalMs: number; receiptQueryAfterSeconds: number }): number {
  return Math.max(d.lifecycleIntervalMs, Math.min(60_000, d.receiptQueryAfterSeconds * 100));
}
