import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUES, SmsQueues, smsQueueName } from '@loa/queue';
import { CarriersRepository } from '@loa/sms';

/** Every queue the workers take jobs from: the static ones and each enabled carrier's SMS queue. */
@Injectable()
export class QueueDirectory {
  constructor(
    private readonly smsQueues: SmsQueues,
    private readonly carriers: CarriersRepository,
    @InjectQueue(QUEUES.fanout) private readonly fanout: Queue,
    @InjectQueue(QUEUES.email) private readonly email: Queue,
    @InjectQueue(QUEUES.receipts) private readonly receipts: Queue,
    @InjectQueue(QUEUES.lifecycle) private readonly lifecycle: Queue,
    @InjectQueue(QUEUES.radioAudio) private readonly radioAudio: Queue,
  ) {}

  async all(): Promise<Array<{ name: string; queue: Queue }>> {
    const carriers = await this.carriers.enabled();
    return [
      { name: QUEUES.fanout, queue: this.fanout },
      { name: QUEUES.email, queue: this.email },
      { name: QUEUES.receipts, queue: this.receipts },
      { name: QUEUES.lifecycle, queue: this.lifecycle },
      { name: QUEUES.radioAudio, queue: this.radioAudio },
      ...carriers.map((c) => ({ name: smsQueueName(c.code), queue: this.smsQueues.forCarrier(c.code) })),
    ];
  }

  /** The queue of this name, or null when it is not one of them. */
  async named(name: string): Promise<Queue | null> {
    return (await this.all()).find((q) => q.name === name)?.queue ?? null;
  }
}
