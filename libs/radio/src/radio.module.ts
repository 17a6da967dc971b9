import { AdminUnitsModule } from '@loa/admin-units';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { AuditService } from '@loa/audit';
import { QueueModule } from '@loa/queue';
import { RadioAudioRepository } from './audio/radio-audio.repository';
import { RadioAudioService } from './audio/radio-audio.service';
import { RadioBroadcastsRepository } from './radio-broadcasts.repository';
import { RADIO_CONFIG } from './radio-config';
import { RadioRecordingsService } from './recordings/radio-recordings.service';
import { RadioAmendmentsRepository } from './revisions/radio-amendments.repository';
import { RadioAmendmentsService } from './revisions/radio-amendments.service';
import { RadioCampaignsRepository } from './revisions/radio-campaigns.repository';
import { RadioRevisionsService } from './revisions/radio-revisions.service';
import { StationFeedRepository } from './station-feed.repository';
import { StationFeedService } from './station-feed.service';
import { RadioFanout } from './radio-fanout';

/** Radio: station feeds and broadcast reports, amendments and recordings (api), script audio (worker). Needs ConfigModule and DbModule. */
@Module({
  // AdminUnitsModule: a station's unit named on today's map in its CAP area.
  imports: [QueueModule, AdminUnitsModule],
  providers: [
    { provide: RADIO_CONFIG, useFactory: (config: AppConfig) => config.radio, inject: [APP_CONFIG] },
    AuditService,
    StationFeedRepository,
    RadioBroadcastsRepository,
    RadioAudioRepository,
    RadioCampaignsRepository,
    RadioAmendmentsRepository,
    StationFeedService,
    RadioAudioService,
    RadioRevisionsService,
    RadioAmendmentsService,
    RadioRecordingsService,
    RadioFanout,
  ],
  exports: [
    RADIO_CONFIG,
    StationFeedRepository,
    RadioBroadcastsRepository,
    RadioAudioRepository,
    RadioCampaignsRepository,
    RadioAmendmentsRepository,
    StationFeedService,
    RadioAudioService,
    RadioRevisionsService,
    RadioAmendmentsService,
    RadioRecordingsService,
  ],
})
export class RadioModule {}
