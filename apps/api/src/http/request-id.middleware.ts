import { randomUUID } from 'node:crypto';
import type { NextFunction, Response } from 'express';
import type { LoaRequest } from './request-context';

/** Every request gets an id (a sane incoming X-Request-Id is kept), echoed back and written to audit events. */
export function requestIdMiddleware(req: LoaRequest, res: Response, next: NextFunction): void {
  const incoming = req.header('x-request-id');
  req.requestId = incoming && /^[A-Za-z0-9._-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', req.requestId);
  next();
}
