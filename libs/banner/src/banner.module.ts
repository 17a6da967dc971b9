import { Module } from '@nestjs/common';
import { BannerFanout } from './banner-fanout';
import { BannerRepository } from './banner.repository';
import { BannerService } from './banner.service';
import { BannerCatalog } from './serving/banner-catalog';
import { BannerCounters } from './serving/banner-counters';
import { BannerImagesRepository } from './images/banner-images.repository';
import { BannerImagesService } from './images/banner-images.service';
import { AuditService } from '@loa/audit';

/**
 * Banners on portals: what each portal may show held in memory (BannerCatalog), views and clicks counted in memory
 * and flushed in batches (BannerCounters), operators' and webmasters' figures, and the launch's counter rows.
 * Needs DbModule.
 */
@Module({
  providers: [
    AuditService,
    BannerRepository,
    BannerService,
    BannerFanout,
    BannerCatalog,
    BannerCounters,
    BannerImagesRepository,
    BannerImagesService,
  ],
  exports: [BannerService, BannerCatalog, BannerCounters, BannerImagesService],
})
export class BannerModule {}
