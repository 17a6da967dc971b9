import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { DEFAULT_JOB_OPTIONS } from './job-options';
import { QUEUES } from './queue-names';
import { bullConnection } from './redis-connection';
import { SmsQueues } from './sms-queues';

/** BullMQ root connection (prefix per deployment or test run) and the static queues. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: bullConnection(config.redis.url),
        prefix: config.redis.queuePrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    BullModule.registerQueue(
      { name: QUEUES.fanout },
      { name: QUEUES.email },
      { name: QUEUES.receipts },
      { name: QUEUES.lifecycle },
      { name: QUEUES.radioAudio },
    ),
  ],
  providers: [SmsQueues],
  exports: [BullModule, SmsQueues],
})
export class QueueModule {}
