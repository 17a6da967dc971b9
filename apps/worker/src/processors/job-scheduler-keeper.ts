import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** How often the worker checks that its job schedulers still exist. */
export const SCHEDULER_CHECK_MS = 5_000;

/**
 * A BullMQ job scheduler lives only in Redis. When Redis restarts without its data (this deployment keeps none on
 * disk), the scheduler is gone and the periodic job would never run again until a worker restarts: no reconciler,
 * no completion, no audio scan. The keeper registers the scheduler at boot and re-creates it whenever a check finds
 * it missing. Each check is one read; several workers re-creating it at once is harmless (upsert by id).
 */
export class JobSchedulerKeeper {
  private readonly logger = new Logger('job-schedulers');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly queue: Queue,
    private readonly schedulerId: string,
    private readonly everyMs: number,
    private readonly jobName: string,
    private readonly checkEveryMs = SCHEDULER_CHECK_MS,
  ) {}

  async start(): Promise<void> {
    await this.upsert();
    this.timer = setInterval(() => {
      void this.ensure().catch((e: unknown) =>
        this.logger.warn(`${this.schedulerId}: cannot check the job scheduler: ${(e as Error).message}`),
      );
    }, this.checkEveryMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Re-creates the scheduler when Redis no longer has it; true when it had to. */
  async ensure(): Promise<boolean> {
    if (await this.queue.getJobScheduler(this.schedulerId)) return false;
    await this.upsert();
    this.logger.warn(`${this.schedulerId}: job scheduler was missing (Redis lost its data?); re-created`);
    return true;
  }

  private async upsert(): Promise<void> {
    // Periodic jobs are not retried (the next one comes soon) and keep little history.
    await this.queue.upsertJobScheduler(
      this.schedulerId,
      { every: this.everyMs },
      { name: this.jobName, opts: { removeOnComplete: { count: 10 }, removeOnFail: { count: 100 }, attempts: 1 } },
    );
  }
}
