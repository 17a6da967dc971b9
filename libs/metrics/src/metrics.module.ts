import { Global, Module } from '@nestjs/common';
import { LoaMetrics } from './loa-metrics';

/** One LoaMetrics per application, available everywhere (a metric may be recorded from any lib). */
@Global()
@Module({ providers: [LoaMetrics], exports: [LoaMetrics] })
export class MetricsModule {}
