import { Module } from '@nestjs/common';
import { QueueModule } from '@loa/queue';
import { RadioAudioService } from './audio/radio-audio.service';
import { RADIO_CONFIG, radioConfig } from './radio-config';
import { StationFeedService } from './station-feed.service';

/** Radio: station feeds and broadcast reports (api), script audio (worker). Needs ConfigModule and DbModule. */
@Module({
  imports: [QueueModule],
  providers: [{ provide: RADIO_CONFIG, useFactory: radioConfig }, StationFeedService, RadioAudioService],
  exports: [RADIO_CONFIG, StationFeedService, RadioAudioService],
})
export class RadioModule {}
