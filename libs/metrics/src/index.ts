export { LoaMetrics } from './loa-metrics';
export type { QueueDepthSource } from './loa-metrics';
export { MetricsModule } from './metrics.module';
export { mayScrape } from './metrics-access';
export { metricsEndpoint } from './metrics-endpoint';
