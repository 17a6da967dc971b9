import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { LoaMetrics, mayScrape } from '@loa/metrics';

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
    const token = this.config.metrics.token;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      if (!mayScrape(req, token)) {
        res
          .writeHead(401, { 'WWW-Authenticate': 'Bearer' })
          .end('authorization: Bearer token required (METRICS_TOKEN)\n');
        return;
      }
      this.metrics.exposition().then(
        ({ contentType, body }) => res.writeHead(200, { 'Content-Type': contentType }).end(body),
        (e: unknown) => res.writeHead(500).end(`metrics not collected: ${String(e)}\n`),
      );
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
