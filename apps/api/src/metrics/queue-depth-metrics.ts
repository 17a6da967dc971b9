import { Injectable, OnModuleInit } from '@nestjs/common';
import { LoaMetrics } from '@loa/metrics';
import { QueueDirectory } from '../queues/queue-directory';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized', 'waiting-children'] as const;

/** Queue depths for `/metrics`: every static queue and each enabled carrier's SMS queue, read when scraped. */
@Injectable()
export class QueueDepthMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: LoaMetrics,
    private readonly queues: QueueDirectory,
  ) {}

  onModuleInit(): void {
    this.metrics.readQueueDepthsFrom(async () => {
      const queues = await this.queues.all();
      const counts = await Promise.all(queues.map(({ queue }) => queue.getJobCounts(...STATES)));
      return queues.flatMap(({ name }, i) =>
        STATES.map((state) => ({ queue: name, state, jobs: counts[i][state] ?? 0 })),
      );
    });
  }
}
