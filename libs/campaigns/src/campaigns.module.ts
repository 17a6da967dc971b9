import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { DeliveryModule } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { OptOutsService } from '@loa/sms';
import { CampaignReportService } from './campaign-report.service';
import { CampaignTimelineRepository } from './campaign-timeline.repository';
import { CampaignPlansRepository, CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { FanoutService } from './fanout.service';
import { LifecycleService } from './lifecycle.service';

/** What this module provides is what it exports: the campaign services and the repositories they read with. */
const PROVIDERS = [
  AuditService,
  OptOutsService,
  CampaignsRepository,
  CampaignPlansRepository,
  CampaignTimelineRepository,
  CampaignsService,
  CampaignReportService,
  FanoutService,
  LifecycleService,
];

@Module({
  imports: [QueueModule, DeliveryModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class CampaignsModule {}
