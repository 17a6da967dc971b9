import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { QueueModule } from '@loa/queue';
import { CampaignReportService } from './campaign-report.service';
import { CampaignsService } from './campaigns.service';
import { FanoutService } from './fanout.service';
import { LifecycleService } from './lifecycle.service';

@Module({
  imports: [QueueModule],
  providers: [AuditService, CampaignsService, CampaignReportService, FanoutService, LifecycleService],
  exports: [AuditService, CampaignsService, CampaignReportService, FanoutService, LifecycleService],
})
export class CampaignsModule {}
