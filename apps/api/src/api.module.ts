import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthService } from '@loa/auth';
import { BannerService } from '@loa/banner';
import { CampaignsModule } from '@loa/campaigns';
import { ConfigModule } from '@loa/config';
import { DbModule } from '@loa/db';
import { DirectivesService } from '@loa/directives';
import { QueueModule } from '@loa/queue';
import { StationFeedService } from '@loa/radio';
import { AuthController } from './auth/auth.controller';
import { OperatorGuard } from './auth/operator.guard';
import { StationGuard } from './auth/station.guard';
import { CampaignsController } from './campaigns/campaigns.controller';
import { DirectivesController } from './campaigns/directives.controller';
import { StationsController } from './partners/stations.controller';
import { TwilioWebhookController } from './partners/twilio-webhook.controller';
import { EmbedController } from './public/embed.controller';
import { HealthController } from './public/health.controller';
import { PortalsController } from './public/portals.controller';

@Module({
  imports: [ConfigModule, DbModule, QueueModule, CampaignsModule],
  controllers: [
    AuthController,
    DirectivesController,
    CampaignsController,
    PortalsController,
    EmbedController,
    StationsController,
    TwilioWebhookController,
    HealthController,
  ],
  providers: [
    AuthService,
    DirectivesService,
    BannerService,
    StationFeedService,
    StationGuard,
    { provide: APP_GUARD, useClass: OperatorGuard },
  ],
})
export class ApiModule {}
