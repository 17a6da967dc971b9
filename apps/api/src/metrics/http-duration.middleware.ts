import type { NextFunction, Request, Response } from 'express';
import type { LoaMetrics } from '@loa/metrics';

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
