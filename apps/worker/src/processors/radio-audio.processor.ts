import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QUEUES } from '@loa/queue';
import { JobSchedulerKeeper } from './job-scheduler-keeper';
import { RADIO_CONFIG, RadioAudioJob, RadioAudioService, RadioConfig } from '@loa/radio';

/** Text-to-speech for station scripts: a periodic scan enqueues scripts without audio; each job renders one. */
@Processor(QUEUES.radioAudio, { concurrency: 1 })
export class RadioAudioProcessor extends WorkerHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private scheduler: JobSchedulerKeeper | null = null;

  constructor(
    private readonly audio: RadioAudioService,
    @InjectQueue(QUEUES.radioAudio) private readonly queue: Queue,
    @Inject(RADIO_CONFIG) private readonly config: RadioConfig,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.scheduler = new JobSchedulerKeeper(this.queue, 'radio-audio-scan', this.config.audioScanIntervalMs, 'scan');
    await this.scheduler.start();
  }

  onApplicationShutdown(): void {
    this.scheduler?.stop();
  }

  async process(job: Job<RadioAudioJob>): Promise<unknown> {
    if (job.name === 'scan') {
      const enqueued = await this.audio.scanAndEnqueue();
      return { enqueued, deleted: await this.audio.sweepSuperseded() };
    }
    return this.audio.render(job.data, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }
}
