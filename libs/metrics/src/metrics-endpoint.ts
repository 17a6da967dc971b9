import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoaMetrics } from './loa-metrics';
import { mayScrape } from './metrics-access';

/**
 * `GET /metrics` as a plain Node handler (the API mounts it before its routes, a worker on METRICS_PORT): the
 * Prometheus exposition to allowed scrapers only, 401 naming the header otherwise.
 */
export function metricsEndpoint(metrics: LoaMetrics, token: string | null) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (!mayScrape(req, token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' });
      res.end('authorization: Bearer token required (METRICS_TOKEN)\n');
      return;
    }
    metrics.exposition().then(
      ({ contentType, body }) => {
        res.writeHead(200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
        res.end(body);
      },
      (e: unknown) => {
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(`metrics not collected: ${String(e)}\n`);
      },
    );
  };
}
