import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import {
  BannerCatalog,
  BannerCounters,
  BannerService,
  EMBED_CSP,
  BannerSize,
  PortalEntry,
  PreparedPage,
  ServedImage,
  bannerSize,
  isLikelyBot,
  isValidClickSignature,
} from '@loa/banner';
import { isUuid } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { LoaMetrics } from '@loa/metrics';
import { LocalWindowCounter } from '../http/local-window-counter';

/** A transparent 1×1 GIF: the view pixel. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
/** Uploaded images: an id names the same bytes for ever. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const MINUTE_MS = 60_000;

/**
 * `/embed/…`, the one public path every page view of every portal hits, answered before the framework from what
 * this process holds in memory (BannerCatalog) and counted in memory (BannerCounters): no database read or write
 * per view or click.
 *
 * - `GET /embed/<key>`: the banner page (rotation among the campaigns showing; an emergency takes every view),
 *   gzipped when asked, with an ETag (`304` when the browser has it) and a short `max-age`.
 * - `GET /embed/<key>/view/<campaign>`: the pixel in that page; counts the impression (one per page view; never a
 *   bot's), `no-store`.
 * - `GET /embed/<key>/click/<campaign>?s=<signature>`: counts the click (never a bot's) and redirects to the
 *   campaign's stored official address; an unsigned or forged link is refused.
 * - `GET /embed/<key>/image/<id>`: an uploaded image of a banner the portal shows (immutable).
 * - `GET /embed/<key>/banner/<size>` and `/embed/<key>/go`: the plain `<a><img>` snippet for sites that strip
 *   iframes — the leading banner as an image (counts the impression) and the link to its target (counts the click).
 *
 * One address gets `BANNER_PER_IP_PER_MINUTE` requests a minute per process (a ministry's whole staff behind one
 * address fits; a flood is answered 429).
 */
@Injectable()
export class EmbedEdge {
  private readonly log = new Logger(EmbedEdge.name);
  private readonly perIp = new LocalWindowCounter();
  private readonly pageCacheControl: string;

  constructor(
    private readonly catalog: BannerCatalog,
    private readonly counters: BannerCounters,
    private readonly banners: BannerService,
    private readonly metrics: LoaMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.pageCacheControl = `public, max-age=${config.banner.maxAgeSeconds}`;
  }

  /** Puts the edge in front of the application's HTTP server: `/embed/` here, everything else as before. */
  mount(app: INestApplication): void {
    const server = app.getHttpServer() as Server;
    const others = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/embed/')) this.handle(req, res);
      else for (const listener of others) listener.call(server, req, res);
    });
  }

  handle(req: IncomingMessage, res: ServerResponse): void {
    const nowMs = Date.now();
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return this.plain(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (this.overLimit(req, res, nowMs)) return;
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const route = embedRoute(q < 0 ? url : url.slice(0, q));
    if (!route) return this.plain(res, 404, 'Not found');
    this.metrics.embedRequests.labels(route.kind).inc();
    const query = q < 0 ? '' : url.slice(q + 1);
    const held = this.catalog.cached(route.key, nowMs);
    if (held !== undefined) return this.answer(req, res, held, route, query, nowMs);
    this.catalog.portal(route.key, nowMs).then(
      (entry) => this.answer(req, res, entry, route, query, Date.now()),
      (e: unknown) => this.unavailable(res, `embed ${route.key}: portal not read (${String(e)})`),
    );
  }

  private answer(
    req: IncomingMessage,
    res: ServerResponse,
    entry: PortalEntry | null,
    route: EmbedRoute,
    query: string,
    nowMs: number,
  ): void {
    if (!entry) return this.plain(res, 404, 'Unknown portal key', { 'Cache-Control': this.pageCacheControl });
    const person = !isLikelyBot(req.headers['user-agent']);
    switch (route.kind) {
      case 'page':
        return this.page(req, res, entry, nowMs);
      case 'view': {
        const banner = entry.banners.find((b) => b.campaignId === route.arg);
        if (banner && person) this.counters.count(banner.campaignId, entry.portal.id, 'impressions', nowMs);
        res.writeHead(200, {
          'Content-Type': 'image/gif',
          'Content-Length': PIXEL.length,
          'Cache-Control': 'no-store',
        });
        res.end(req.method === 'HEAD' ? undefined : PIXEL);
        return;
      }
      case 'click':
        return this.click(res, entry, route.arg, new URLSearchParams(query).get('s'), person, nowMs);
      case 'image':
        return this.uploadedImage(req, res, entry, route.arg);
      case 'banner':
        return this.plainBanner(req, res, entry, bannerSize(route.arg), person, nowMs);
      case 'go': {
        const banner = this.catalog.leading(entry, nowMs);
        if (!banner) return this.plain(res, 404, 'No banner now');
        if (person) this.counters.count(banner.campaignId, entry.portal.id, 'clicks', nowMs);
        return this.redirect(res, banner.targetUrl);
      }
    }
  }

  private click(
    res: ServerResponse,
    entry: PortalEntry,
    campaignId: string,
    signature: string | null,
    person: boolean,
    nowMs: number,
  ): void {
    if (!isValidClickSignature(this.config.acknowledgements.linkSecret, entry.portal.embedKey, campaignId, signature)) {
      return this.plain(res, 404, 'Unknown link');
    }
    const banner = entry.banners.find((b) => b.campaignId === campaignId);
    if (banner) {
      if (person) this.counters.count(banner.campaignId, entry.portal.id, 'clicks', nowMs);
      return this.redirect(res, banner.targetUrl);
    }
    // Signed, but no longer served here: still leads where it did, uncounted.
    this.banners.targetOf(entry.portal.embedKey, campaignId).then(
      (target) => (target ? this.redirect(res, target) : this.plain(res, 404, 'No such banner')),
      (e: unknown) => this.unavailable(res, `embed click: target not read (${String(e)})`),
    );
  }

  /** An uploaded image of one of the portal's banners: immutable (its id names its bytes for ever). */
  private uploadedImage(req: IncomingMessage, res: ServerResponse, entry: PortalEntry, id: string): void {
    if (!entry.banners.some((b) => b.images.some((i) => i.id === id))) return this.plain(res, 404, 'No such image');
    this.catalog.image(id).then(
      (image) =>
        image
          ? this.sendImage(
              req,
              res,
              { bytes: image.bytes, contentType: image.contentType, etag: `"${image.sha256.slice(0, 20)}"` },
              IMMUTABLE,
            )
          : this.plain(res, 404, 'No such image'),
      (e: unknown) => this.unavailable(res, `embed image ${id}: not read (${String(e)})`),
    );
  }

  /**
   * The plain snippet's image (sites that strip iframes): the leading banner drawn at one standard size, asked
   * again on every page view (`no-cache` with an ETag), so each view counts one impression.
   */
  private plainBanner(
    req: IncomingMessage,
    res: ServerResponse,
    entry: PortalEntry,
    size: BannerSize | null,
    person: boolean,
    nowMs: number,
  ): void {
    if (!size) return this.plain(res, 404, 'Unknown size');
    const banner = this.catalog.leading(entry, nowMs);
    if (banner && person) this.counters.count(banner.campaignId, entry.portal.id, 'impressions', nowMs);
    this.catalog.drawnImage(banner, size).then(
      (image) => this.sendImage(req, res, image, 'no-cache'),
      (e: unknown) => this.unavailable(res, `embed banner image: not drawn (${String(e)})`),
    );
  }

  private sendImage(req: IncomingMessage, res: ServerResponse, image: ServedImage, cacheControl: string): void {
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', image.etag);
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    if (req.headers['if-none-match'] === image.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': image.contentType, 'Content-Length': image.bytes.length });
    res.end(req.method === 'HEAD' ? undefined : image.bytes);
  }

  private unavailable(res: ServerResponse, problem: string): void {
    this.log.warn(problem);
    if (!res.headersSent) this.plain(res, 503, 'Temporarily unavailable', { 'Retry-After': '5' });
  }

  private page(req: IncomingMessage, res: ServerResponse, entry: PortalEntry, nowMs: number): void {
    const page: PreparedPage = this.catalog.pick(entry, nowMs)?.page ?? this.catalog.emptyPage;
    res.setHeader('Content-Security-Policy', EMBED_CSP);
    res.setHeader('Cache-Control', this.pageCacheControl);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', page.etag);
    if (req.headers['if-none-match'] === page.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? page.gzip : page.html;
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': body.length,
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private overLimit(req: IncomingMessage, res: ServerResponse, nowMs: number): boolean {
    const limit = this.config.banner.perIpPerMinute;
    if (limit === 0) return false;
    const { hits, msToExpire } = this.perIp.increment(req.socket.remoteAddress ?? '?', MINUTE_MS, nowMs);
    if (hits <= limit) return false;
    this.plain(res, 429, 'Too many requests', { 'Retry-After': String(Math.ceil(msToExpire / 1000)) });
    return true;
  }

  private redirect(res: ServerResponse, target: string): void {
    res.writeHead(302, { Location: target, 'Cache-Control': 'no-store', 'Content-Length': 0 });
    res.end();
  }

  private plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
    const body = Buffer.from(`${text}\n`);
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      ...headers,
    });
    res.end(body);
  }
}

type EmbedRoute =
  | { kind: 'page' | 'go'; key: string; arg: '' }
  | { kind: 'view' | 'click' | 'image'; key: string; arg: string }
  | { kind: 'banner'; key: string; arg: string };

/**
 * `/embed/<key>`, `/embed/<key>/go`, `/embed/<key>/(view|click|image)/<uuid>`, `/embed/<key>/banner/<size>`;
 * null for anything else.
 */
function embedRoute(path: string): EmbedRoute | null {
  const parts = path.split('/'); // ['', 'embed', key, kind?, arg?]
  const key = decodeSegment(parts[2]);
  if (!key || !KEY.test(key) || parts.length > 5) return null;
  if (parts.length === 3 || (parts.length === 4 && parts[3] === '')) return { kind: 'page', key, arg: '' };
  if (parts.length === 4) return parts[3] === 'go' ? { kind: 'go', key, arg: '' } : null;
  const arg = decodeSegment(parts[4]);
  if (!arg) return null;
  if (parts[3] === 'banner') return { kind: 'banner', key, arg };
  if ((parts[3] === 'view' || parts[3] === 'click' || parts[3] === 'image') && isUuid(arg)) {
    return { kind: parts[3], key, arg };
  }
  return null;
}

function decodeSegment(s: string | undefined): string | null {
  if (s === undefined || s === '') return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
