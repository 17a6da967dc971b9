import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API itself answers; everything else that asks for a page gets the console. */
const API_PATHS = /^\/(api|ack|embed|stations|portals|partners|health)(\/|$)/;

/**
 * Serves the operators' console (a single-page app built by Vite) at `/`: hashed assets cached for a year, and
 * `index.html` (no-cache) for any other page a browser asks for, so deep links such as /campaigns/<id> load.
 */
export function serveConsole(app: NestExpressApplication, dir: string): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    new Logger('console').warn(`no console at ${root} (npm run build makes it): serving the API alone`);
    return;
  }
  // The bundle is ~2 MB of JavaScript, ~0.6 MB gzipped: on a district office's line that is the difference.
  app.use('/assets', compression());
  app.useStaticAssets(join(root, 'assets'), { prefix: '/assets/', immutable: true, maxAge: '365d', index: false });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
