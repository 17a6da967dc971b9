import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';

/** Paths the API itself answers; everything else that asks for a page gets the console. */
const API_PATHS = /^\/(api|ack|embed|stations|portals|partners|health)(\/|$)/;

/**
 * Serves the operators' console (a single-page app built by Vite) at `/`: hashed assets cached for a year, and
 * `index.html` (no-cache) for any other page a browser asks for, so deep links such as /campaigns/<id> load.
 * Assets go out as the build compressed them (tools/build/precompress.mjs): Brotli to a browser that takes it,
 * else gzip; a file the build left alone is gzipped on the way.
 */
export function serveConsole(app: NestExpressApplication, dir: string): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('console').warn(`no console at ${root} (npm run build makes it): serving the API alone`);
    return;
  }
  // The bundle is ~2.8 MB of JavaScript and CSS, ~0.6 MB in Brotli: on a district office's line or a commune
  // station's phone that is the difference. Compressing it per request would cost the API ~0.2 s of CPU a visitor.
  app.use('/assets', compression());
  app.use(
    '/assets',
    expressStaticGzip(join(root, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gz'],
      index: false,
      serveStatic: { immutable: true, maxAge: '365d', index: false },
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
