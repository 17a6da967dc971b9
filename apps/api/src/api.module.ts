import { AdminUnitsModule } from '@loa/admin-units';
import { AdminUnitsController } from './areas/admin-units.controller';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuditQueryService } from '@loa/audit';
import { AuthModule } from '@loa/auth';
import { BannerModule } from '@loa/banner';
import { CampaignsModule } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { EmailModule } from '@loa/email';
import { DirectoryModule } from '@loa/directory';
import {
  DirectiveIntakeService,
  ResultReportService,
  DirectivesRepository,
  DirectivesService,
  DirectoryMatchService,
} from '@loa/directives';
import { QueueModule } from '@loa/queue';
import { RadioModule } from '@loa/radio';
import { AudienceModule, SmsModule } from '@loa/sms';
import { AuditController } from './admin/audit.controller';
import { AgenciesAdminController, CarriersAdminController, PortalsAdminController } from './admin/directory.controller';
import { StationsAdminController } from './admin/stations-admin.controller';
import { TestListController } from './admin/test-list.controller';
import { BannerPreviewController } from './campaigns/banner-preview.controller';
import { CampaignTestSmsController } from './campaigns/campaign-test-sms.controller';
import { PortalWebmasterController } from './partners/portal-webmaster.controller';
import { UsersAdminController } from './admin/users.controller';
import { PartnerKeysController } from './admin/partner-keys.controller';
import { AuthController } from './auth/auth.controller';
import { OperatorGuard } from './auth/operator.guard';
import { CarrierGuard } from './auth/carrier.guard';
import { StationGuard } from './auth/station.guard';
import { PortalGuard } from './auth/portal.guard';
import { AudienceController } from './campaigns/audience.controller';
import { CampaignAcknowledgementsController } from './campaigns/campaign-acknowledgements.controller';
import { CampaignFollowUpsController } from './campaigns/campaign-follow-ups.controller';
import { CampaignRadioController } from './campaigns/campaign-radio.controller';
import { ResultReportController } from './campaigns/result-report.controller';
import { CampaignTestEmailController } from './campaigns/campaign-test-email.controller';
import { CampaignsController } from './campaigns/campaigns.controller';
import { DirectivesController } from './campaigns/directives.controller';
import { OptOutsController } from './campaigns/opt-outs.controller';
import { CarrierOrdersController } from './partners/carrier-orders.controller';
import { StationsController } from './partners/stations.controller';
import { TwilioWebhookController } from './partners/twilio-webhook.controller';
import { DEFAULT_THROTTLE } from './http/rate-limits';
import { RateLimitStorageModule, RedisThrottlerStorage } from './http/redis-throttler.storage';
import { AcknowledgementsController } from './public/acknowledgements.controller';
import { EmbedEdge } from './public/embed-edge';
import { LoggingModule } from '@loa/logging';
import { MetricsModule } from '@loa/metrics';
import { QueueDepthMetrics } from './metrics/queue-depth-metrics';
import { QueuesAdminController } from './admin/queues.controller';
import { QueueDirectory } from './queues/queue-directory';
import { QueueOverviewService } from './queues/queue-overview.service';
import { BannerImagesController } from './campaigns/banner-images.controller';
import { HealthController } from './public/health.controller';
import { PortalsController } from './public/portals.controller';

@Module({
  imports: [
    ConfigModule,
    AdminUnitsModule,
    LoggingModule,
    MetricsModule,
    DbModule,
    QueueModule,
    AuthModule,
    DirectoryModule,
    CampaignsModule,
    AudienceModule,
    // Every channel's module (each brings its fan-out, which FanoutService finds by discovery).
    SmsModule,
    EmailModule,
    RadioModule,
    BannerModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStorageModule],
      inject: [RedisThrottlerStorage],
      useFactory: (storage: RedisThrottlerStorage) => ({
        throttlers: [DEFAULT_THROTTLE],
        storage,
        errorMessage: 'Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests, retry later',
      }),
    }),
  ],
  controllers: [
    AuthController,
    DirectivesController,
    CampaignsController,
    CampaignRadioController,
    CampaignAcknowledgementsController,
    CampaignFollowUpsController,
    BannerPreviewController,
    BannerImagesController,
    CampaignTestSmsController,
    PortalWebmasterController,
    ResultReportController,
    CampaignTestEmailController,
    AudienceController,
    PortalsController,
    AcknowledgementsController,
    StationsController,
    TwilioWebhookController,
    HealthController,
    PartnerKeysController,
    AuditController,
    UsersAdminController,
    AgenciesAdminController,
    PortalsAdminController,
    StationsAdminController,
    TestListController,
    CarriersAdminController,
    OptOutsController,
    CarrierOrdersController,
    AdminUnitsController,
    QueuesAdminController,
  ],
  providers: [
    EmbedEdge,
    QueueDirectory,
    QueueDepthMetrics,
    QueueOverviewService,
    AuditQueryService,
    DirectivesService,
    DirectivesRepository,
    DirectoryMatchService,
    DirectiveIntakeService,
    ResultReportService,
    StationGuard,
    PortalGuard,
    CarrierGuard,
    // Order matters: shed load before any database work.
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: OperatorGuard },
  ],
})
export class ApiModule {}
