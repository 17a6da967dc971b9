import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { LoaMetrics, metricsEndpoint } from '@loa/metrics';

/**
 * A worker has no HTTP server of its own; with METRICS_PORT set it serves `GET /metrics` there (on HOST), to the
 * same scrapers the API allows (METRICS_TOKEN, or this machine only).
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger(WorkerMetricsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly metrics: LoaMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metrics.workerPort;
    if (port === 0) return;
    const scrape = metricsEndpoint(this.metrics, this.config.metrics.token);
    this.server = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') scrape(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, this.config.http.host, () => resolve());
    });
    this.log.log(`metrics on http://${this.config.http.host}:${port}/metrics`);
  }

  async onModuleDestroy(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
