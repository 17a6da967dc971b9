import { Module } from '@nestjs/common';
import { BannerFanout } from './banner-fanout';
import { BannerRepository } from './banner.repository';
import { BannerService } from './banner.service';
import { BannerCatalog } from './serving/banner-catalog';
import { BannerCounters } from './serving/banner-counters';

/**
 * Banners on portals: what each portal may show held in memory (BannerCatalog), views and clicks counted in memory
 * and flushed in batches (BannerCounters), operators' and webmasters' figures, and the launch's counter rows.
 * Needs DbModule.
 */
@Module({
  providers: [BannerRepository, BannerService, BannerFanout, BannerCatalog, BannerCounters],
  exports: [BannerService, BannerCatalog, BannerCounters],
})
export class BannerModule {}
