import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { QueueModule } from '@loa/queue';
import { RadioAudioService } from './audio/radio-audio.service';
import { RADIO_CONFIG, radioConfig } from './radio-config';
import { RadioRecordingsService } from './recordings/radio-recordings.service';
import { RadioAmendmentsService } from './revisions/radio-amendments.service';
import { RadioRevisionsService } from './revisions/radio-revisions.service';
import { StationFeedService } from './station-feed.service';

/** Radio: station feeds and broadcast reports, amendments and recordings (api), script audio (worker). Needs ConfigModule and DbModule. */
@Module({
  imports: [QueueModule],
  providers: [
    { provide: RADIO_CONFIG, useFactory: radioConfig },
    AuditService,
    StationFeedService,
    RadioAudioService,
    RadioRevisionsService,
    RadioAmendmentsService,
    RadioRecordingsService,
  ],
  exports: [
    RADIO_CONFIG,
    StationFeedService,
    RadioAudioService,
    RadioRevisionsService,
    RadioAmendmentsService,
    RadioRecordingsService,
  ],
})
export class RadioModule {}
