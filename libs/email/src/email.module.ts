import { Module } from '@nestjs/common';
import { DeliveryModule } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { EmailBatchRepository } from './email-batch.repository';
import { EmailDispatchService } from './email-dispatch.service';
import { EmailFanout } from './email-fanout';
import { MailTransport } from './mail-transport';

/** Email to agencies: the launch's rows and batches (EmailFanout) and their sending (worker). */
@Module({
  imports: [DeliveryModule, QueueModule],
  providers: [MailTransport, EmailBatchRepository, EmailDispatchService, EmailFanout],
  exports: [EmailDispatchService],
})
export class EmailModule {}
