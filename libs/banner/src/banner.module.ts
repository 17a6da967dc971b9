import { Module } from '@nestjs/common';
import { BannerFanout } from './banner-fanout';
import { BannerRepository } from './banner.repository';
import { BannerService } from './banner.service';

/** Banners on portals: the embed the portals pull, its counters, and the launch's counter rows. Needs DbModule. */
@Module({
  providers: [BannerRepository, BannerService, BannerFanout],
  exports: [BannerService],
})
export class BannerModule {}
