import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DelayedError, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { RetryLaterError } from '@loa/delivery';
import { SMS_TEST_JOB, SmsCarrierJob, SmsSendJob, SmsTestJob, bullConnection, smsQueueName } from '@loa/queue';
import {
  CarrierConnection,
  CarrierConnections,
  CarrierRouteSelector,
  SMS_BATCHES_AT_ONCE,
  SmsDispatchService,
  SmsTestSends,
} from '@loa/sms';

/** How long a carrier's queue rests after the carrier answered "throttled". */
const THROTTLE_PAUSE_MS = 2000;

/**
 * The BullMQ side of sending SMS: one worker per enabled carrier's queue (carriers are data, so these are built at
 * boot rather than declared with @Processor), each sending its batches through that carrier's connection
 * (CarrierConnections, libs/sms). A worker takes jobs once its carrier is first bound (a process without one of
 * the carrier's allowed sessions leaves them to those that have one); a carrier whose SMSC goes down later keeps
 * its jobs waiting and retrying; a carrier that
 * says "throttled" pauses its whole queue; a batch in quiet hours waits for the window without using a retry.
 */
@Injectable()
export class SmsWorkersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('sms-workers');
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly connections: CarrierConnections,
    private readonly dispatch: SmsDispatchService,
    private readonly tests: SmsTestSends,
    private readonly routes: CarrierRouteSelector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const connection of await this.connections.open()) this.workers.push(this.workerFor(connection));
  }

  /** Queue names this process has a worker for (the start-up check counts them). */
  queueNames(): string[] {
    return this.workers.map((w) => w.name);
  }

  /** Drain: stop taking jobs, let running batches finish, then close carrier connections. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.connections.close();
  }

  /**
   * Takes the carrier's jobs only once one of its routes is up (within its allowed sessions): until then they wait.
   * Each job goes wholly by the route chosen when it starts (CarrierRouteSelector: the primary, or the second route
   * while the primary fails).
   */
  private workerFor(connection: CarrierConnection): Worker<SmsCarrierJob> {
    const { carrier, ready } = connection;
    const worker: Worker<SmsCarrierJob> = new Worker<SmsCarrierJob>(
      smsQueueName(carrier.code),
      async (job, token) => {
        const { provider } = await this.routes.choose(connection);
        // An operator's test of a campaign's SMS: sent once, its outcome audited, never retried.
        if (job.name === SMS_TEST_JOB) return this.tests.send(job.data as SmsTestJob, provider);
        const result = await this.dispatch.sendBatch(job.data as SmsSendJob, provider).catch(async (e: unknown) => {
          if (e instanceof RetryLaterError && e.throttled) {
            // The carrier asked to slow down: pause this carrier's whole queue, not just retry this job.
            await worker.rateLimit(THROTTLE_PAUSE_MS);
            throw Worker.RateLimitError();
          }
          throw e;
        });
        if ('deferUntil' in result && result.deferUntil) {
          // Quiet hours: the batch waits for the window, without using up a retry.
          await job.moveToDelayed(result.deferUntil.getTime(), token);
          throw new DelayedError();
        }
        return result;
      },
      {
        connection: bullConnection(this.config.redis.url),
        prefix: this.config.redis.queuePrefix,
        // Two batches at once, sharing the carrier's window: one starts while the other drains.
        concurrency: SMS_BATCHES_AT_ONCE,
        autorun: false,
      },
    );
    worker.on('failed', (job, err) => this.logger.warn(`${carrier.code} job ${job?.id} failed: ${err.message}`));
    void ready.then((connected) => {
      if (connected && !worker.closing)
        worker
          .run()
          .catch((e: unknown) => this.logger.error(`${carrier.code} worker stopped: ${(e as Error).message}`));
    });
    return worker;
  }
}
