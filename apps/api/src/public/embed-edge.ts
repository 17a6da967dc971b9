import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import {
  BannerCatalog,
  BannerCounters,
  BannerService,
  EMBED_CSP,
  PortalEntry,
  PreparedPage,
  isLikelyBot,
  isValidClickSignature,
} from '@loa/banner';
import { isUuid } from '@loa/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { LocalWindowCounter } from '../http/local-window-counter';

/** A transparent 1×1 GIF: the view pixel. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
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
    const parts = (q < 0 ? url : url.slice(0, q)).split('/'); // ['', 'embed', key, kind?, campaign?]
    const key = decodeSegment(parts[2]);
    if (!key || !KEY.test(key) || parts.length > 5 || (parts.length === 4 && parts[3] !== '')) {
      return this.plain(res, 404, 'Not found');
    }
    const kind = parts.length === 5 ? parts[3] : 'page';
    const campaignId = parts.length === 5 ? decodeSegment(parts[4]) : null;
    if (kind !== 'page' && (!campaignId || !isUuid(campaignId) || (kind !== 'view' && kind !== 'click'))) {
      return this.plain(res, 404, 'Not found');
    }
    const held = this.catalog.cached(key, nowMs);
    if (held !== undefined) return this.answer(req, res, held, kind, campaignId, q < 0 ? '' : url.slice(q + 1), nowMs);
    this.catalog.portal(key, nowMs).then(
      (entry) => this.answer(req, res, entry, kind, campaignId, q < 0 ? '' : url.slice(q + 1), Date.now()),
      (e: unknown) => {
        this.log.warn(`embed ${key}: portal not read (${String(e)})`);
        this.plain(res, 503, 'Temporarily unavailable', { 'Retry-After': '5' });
      },
    );
  }

  private answer(
    req: IncomingMessage,
    res: ServerResponse,
    entry: PortalEntry | null,
    kind: string,
    campaignId: string | null,
    query: string,
    nowMs: number,
  ): void {
    if (!entry) return this.plain(res, 404, 'Unknown portal key', { 'Cache-Control': this.pageCacheControl });
    if (kind === 'page') return this.page(req, res, entry, nowMs);
    const banner = entry.banners.find((b) => b.campaignId === campaignId);
    const person = !isLikelyBot(req.headers['user-agent']);
    if (kind === 'view') {
      if (banner && person) this.counters.count(banner.campaignId, entry.portal.id, 'impressions', nowMs);
      res.writeHead(200, { 'Content-Type': 'image/gif', 'Content-Length': PIXEL.length, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : PIXEL);
      return;
    }
    const signature = new URLSearchParams(query).get('s');
    if (
      !isValidClickSignature(this.config.acknowledgements.linkSecret, entry.portal.embedKey, campaignId!, signature)
    ) {
      return this.plain(res, 404, 'Unknown link');
    }
    if (banner) {
      if (person) this.counters.count(banner.campaignId, entry.portal.id, 'clicks', nowMs);
      return this.redirect(res, banner.targetUrl);
    }
    // Signed, but no longer served here: still leads where it did, uncounted.
    this.banners.targetOf(entry.portal.embedKey, campaignId!).then(
      (target) => (target ? this.redirect(res, target) : this.plain(res, 404, 'No such banner')),
      () => this.plain(res, 503, 'Temporarily unavailable', { 'Retry-After': '5' }),
    );
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

function decodeSegment(s: string | undefined): string | null {
  if (s === undefined || s === '') return null;
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}
