import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { LoaMetrics } from '@loa/metrics';
import { QUEUES, SmsQueues, smsQueueName } from '@loa/queue';
import { CarriersRepository } from '@loa/sms';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** Queue depths for `/metrics`: every static queue and each enabled carrier's SMS queue, read when scraped. */
@Injectable()
export class QueueDepthMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: LoaMetrics,
    private readonly smsQueues: SmsQueues,
    private readonly carriers: CarriersRepository,
    @InjectQueue(QUEUES.fanout) private readonly fanout: Queue,
    @InjectQueue(QUEUES.email) private readonly email: Queue,
    @InjectQueue(QUEUES.receipts) private readonly receipts: Queue,
    @InjectQueue(QUEUES.lifecycle) private readonly lifecycle: Queue,
    @InjectQueue(QUEUES.radioAudio) private readonly radioAudio: Queue,
  ) {}

  onModuleInit(): void {
    this.metrics.readQueueDepthsFrom(async () => {
      const carriers = await this.carriers.enabled();
      const queues: Array<[string, Queue]> = [
        [QUEUES.fanout, this.fanout],
        [QUEUES.email, this.email],
        [QUEUES.receipts, this.receipts],
        [QUEUES.lifecycle, this.lifecycle],
        [QUEUES.radioAudio, this.radioAudio],
        ...carriers.map((c): [string, Queue] => [smsQueueName(c.code), this.smsQueues.forCarrier(c.code)]),
      ];
      const counts = await Promise.all(queues.map(([, q]) => q.getJobCounts(...STATES)));
      return queues.flatMap(([name], i) =>
        STATES.map((state) => ({ queue: name, state, jobs: counts[i][state] ?? 0 })),
      );
    });
  }
}
