import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AdminUnitsModule } from '@loa/admin-units';
import { AuditService } from '@loa/audit';
import { DeliveryModule } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { SmsModule } from '@loa/sms';
import { AreaOptionsService } from './area/area-options.service';
import { CampaignReferencesRepository } from './campaign-references.repository';
import { CampaignReportRepository } from './campaign-report.repository';
import { CampaignReportService } from './campaign-report.service';
import { CampaignTimelineRepository } from './campaign-timeline.repository';
import { CampaignPlansRepository, CampaignsRepository } from './campaigns.repository';
import { CampaignsService } from './campaigns.service';
import { CarrierResumeService } from './carrier-pauses/carrier-resume.service';
import { FanoutService } from './fanout.service';
import { OverdueFollowUpsRepository } from './follow-ups/overdue-follow-ups.repository';
import { LifecycleService } from './lifecycle.service';
import { TestListRepository } from './test-list/test-list.repository';
import { TestListService } from './test-list/test-list.service';

/** What this module provides is what it exports: the campaign services and the repositories that hold their SQL. */
const PROVIDERS = [
  AreaOptionsService,
  AuditService,
  CampaignsRepository,
  CampaignPlansRepository,
  CampaignTimelineRepository,
  CampaignReferencesRepository,
  CampaignReportRepository,
  CampaignsService,
  CampaignReportService,
  CarrierResumeService,
  FanoutService,
  LifecycleService,
  OverdueFollowUpsRepository,
  TestListRepository,
  TestListService,
];

@Module({
  // DiscoveryModule: FanoutService finds each channel's fan-out (@FanoutForChannel) among the application's providers.
  // SmsModule: the carrier router and opt-outs campaign plans are checked against.
  // AdminUnitsModule: the map a campaign's area is read on.
  imports: [DiscoveryModule, QueueModule, DeliveryModule, SmsModule, AdminUnitsModule],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class CampaignsModule {}
