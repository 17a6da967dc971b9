import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** The API and its docs: nothing may frame them; scripts only from our origin (Swagger UI). */
const apiHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      // A station's audio is fetched with its key and played from memory (blob:).
      mediaSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
});

/**
 * Banner pages are meant to be framed by any portal: no frame-ancestors limit, no X-Frame-Options; the embed
 * controller sets its own strict CSP (no script at all).
 */
const embedHeaders = helmet({
  contentSecurityPolicy: false,
  frameguard: false,
  crossOriginResourcePolicy: false,
  referrerPolicy: { policy: 'no-referrer' },
});

export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/embed/')) embedHeaders(req, res, next);
  else apiHeaders(req, res, next);
}
