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

/** Banner pages (`/embed/`) never come here: EmbedEdge answers them with headers of their own. */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  apiHeaders(req, res, next);
}
