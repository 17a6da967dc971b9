import { Module } from '@nestjs/common';
import { DeliveryModule } from '@loa/delivery';
import { EmailDispatchService } from './email-dispatch.service';
import { MailTransport } from './mail-transport';

@Module({
  imports: [DeliveryModule],
  providers: [MailTransport, EmailDispatchService],
  exports: [EmailDispatchService],
})
export class EmailModule {}
