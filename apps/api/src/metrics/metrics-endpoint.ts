import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { LoaMetrics } from '@loa/metrics';
import { mayScrape } from '@loa/metrics';

/** `GET /metrics`: the Prometheus exposition, to allowed scrapers only (401 otherwise, naming the header). */
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

/**
 * Times every request the API answers, labelled by the route pattern Express matched (`/api/campaigns/:id`, never
 * the concrete path, so the label set stays small); requests no route matched are `unmatched`.
 */
export function httpDurationMiddleware(metrics: LoaMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const path = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.httpDuration.observe({ method: req.method, route, status_code: String(res.statusCode) }, seconds);
    });
    next();
  };
}
