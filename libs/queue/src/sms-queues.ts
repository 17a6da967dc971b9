import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { smsQueueName } from './queue-names';
import { bullConnection } from './redis-connection';
import type { SmsCarrierJob } from './job-contracts';

/** One BullMQ queue per carrier, created on first use (carriers are data, so these cannot be static). */
@Injectable()
export class SmsQueues implements OnModuleDestroy {
  private readonly queues = new Map<string, Queue<SmsCarrierJob>>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  forCarrier(carrierCode: string): Queue<SmsCarrierJob> {
    let q = this.queues.get(carrierCode);
    if (!q) {
      q = new Queue<SmsCarrierJob>(smsQueueName(carrierCode), {
        connection: bullConnection(this.config.redis.url),
        prefix: this.config.redis.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      this.queues.set(carrierCode, q);
    }
    return q;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
