import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { DeliveryModule } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { AcknowledgementService } from './acknowledgements/acknowledgement.service';
import { AcknowledgementsRepository } from './acknowledgements/acknowledgements.repository';
import { AcknowledgementFollowUps } from './acknowledgements/follow-ups.service';
import { EmailBatchRepository } from './email-batch.repository';
import { EmailDispatchService } from './email-dispatch.service';
import { EmailFanout } from './email-fanout';
import { MailTransport } from './mail-transport';

/** Email to agencies: the launch's rows and batches (EmailFanout), their sending (worker), their acknowledgements. */
@Module({
  imports: [DeliveryModule, QueueModule],
  providers: [
    AuditService,
    MailTransport,
    EmailBatchRepository,
    EmailDispatchService,
    EmailFanout,
    AcknowledgementsRepository,
    AcknowledgementService,
    AcknowledgementFollowUps,
  ],
  exports: [EmailDispatchService, AcknowledgementService, AcknowledgementFollowUps, MailTransport],
})
export class EmailModule {}
