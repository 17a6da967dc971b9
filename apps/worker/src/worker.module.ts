import { AdminUnitsModule } from '@loa/admin-units';
import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BannerModule } from '@loa/banner';
import { CampaignsModule, FollowUpsModule } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DeliveryModule } from '@loa/delivery';
import { EmailModule } from '@loa/email';
import { LoggingModule } from '@loa/logging';
import { MetricsModule } from '@loa/metrics';
import { QueueModule } from '@loa/queue';
import { RadioModule } from '@loa/radio';
import { AudienceModule, SmsModule } from '@loa/sms';
import { EmailProcessor } from './processors/email.processor';
import { FanoutProcessor } from './processors/fanout.processor';
import { LifecycleProcessor } from './processors/lifecycle.processor';
import { RadioAudioProcessor } from './processors/radio-audio.processor';
import { ReceiptsProcessor } from './processors/receipts.processor';
import { SmsWorkersService } from './processors/sms-workers.service';
import { WorkerStartupCheck } from './startup/worker-startup-check';
import { WorkerMetricsServer } from './metrics/worker-metrics-server';

/**
 * The worker: the campaign core and every channel's module (each brings its fan-out), the BullMQ processors as
 * thin adapters, and a start-up check that refuses to run with a queue or a channel nobody handles.
 */
@Module({
  imports: [
    DiscoveryModule,
    ConfigModule,
    AdminUnitsModule,
    LoggingModule,
    MetricsModule,
    DbModule,
    QueueModule,
    DeliveryModule,
    CampaignsModule,
    FollowUpsModule,
    AudienceModule,
    SmsModule,
    EmailModule,
    RadioModule,
    BannerModule,
  ],
  providers: [
    FanoutProcessor,
    EmailProcessor,
    ReceiptsProcessor,
    LifecycleProcessor,
    RadioAudioProcessor,
    SmsWorkersService,
    WorkerStartupCheck,
    WorkerMetricsServer,
  ],
})
export class WorkerModule {}
