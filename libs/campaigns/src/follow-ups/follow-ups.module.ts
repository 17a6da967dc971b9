import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { EmailModule } from '@loa/email';
import { RadioModule } from '@loa/radio';
import { SmsModule } from '@loa/sms';
import { OverdueFollowUpsRepository } from './overdue-follow-ups.repository';
import { OverdueFollowUps } from './overdue-follow-ups.service';

/** The worker's follow-ups of overdue stations and carrier orders (it sends e-mail, so the API does not load it). */
@Module({
  imports: [EmailModule, RadioModule, SmsModule],
  providers: [AuditService, OverdueFollowUpsRepository, OverdueFollowUps],
  exports: [OverdueFollowUps],
})
export class FollowUpsModule {}
