import { Module } from '@nestjs/common';
import { CampaignsModule } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DeliveryModule } from '@loa/delivery';
import { EmailModule } from '@loa/email';
import { QueueModule } from '@loa/queue';
import { RadioModule } from '@loa/radio';
import { AwaitingReceiptsService, InboundSmsService, SmsDispatchService } from '@loa/sms';
import { EmailProcessor } from './processors/email.processor';
import { FanoutProcessor } from './processors/fanout.processor';
import { LifecycleProcessor } from './processors/lifecycle.processor';
import { RadioAudioProcessor } from './processors/radio-audio.processor';
import { ReceiptsProcessor } from './processors/receipts.processor';
import { SmsWorkersService } from './processors/sms-workers.service';

@Module({
  imports: [ConfigModule, DbModule, QueueModule, DeliveryModule, CampaignsModule, EmailModule, RadioModule],
  providers: [
    InboundSmsService,
    FanoutProcessor,
    EmailProcessor,
    ReceiptsProcessor,
    LifecycleProcessor,
    RadioAudioProcessor,
    SmsDispatchService,
    AwaitingReceiptsService,
    SmsWorkersService,
  ],
})
export class WorkerModule {}
