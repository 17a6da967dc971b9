import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { BannerRepository, CatalogBanner, PortalBannerSet } from '../banner.repository';
import { RotationCandidate, SmoothWeightedRotation, showingNow } from './banner-rotation';
import { clickSignature } from './click-signature';
import { renderEmbedPage } from './render-embed';

/** An embed page made once and served from memory: its bytes, gzipped bytes and ETag. */
export interface PreparedPage {
  html: Buffer;
  gzip: Buffer;
  etag: string;
}

/** A banner a portal may show, with its page ready. */
export interface ServedBanner extends RotationCandidate {
  targetUrl: string;
  page: PreparedPage;
}

/** A portal's banners as served: what may show, and the portal's own rotation. */
export interface PortalEntry {
  portal: PortalBannerSet['portal'];
  banners: ServedBanner[];
  rotation: SmoothWeightedRotation;
  loadedAtMs: number;
}

/** More portals than this in one process: the cache starts afresh (unknown keys included, so a flood of them cannot grow it). */
const MAX_ENTRIES = 20_000;
/** Whatever the version says, an entry is read again after this long. */
const MAX_ENTRY_AGE_MS = 5 * 60_000;
/** A version poll that fails is logged at most this often. */
const FAILURE_LOG_EVERY_MS = 30_000;

export function preparePage(html: string): PreparedPage {
  const bytes = Buffer.from(html, 'utf8');
  const etag = `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 20)}"`;
  return { html: bytes, gzip: gzipSync(bytes, { level: 9 }), etag };
}

/**
 * The banners each portal may show, held in this process so that serving a view reads no database. A portal is
 * read on its first view; every entry is dropped when the catalog version (bumped by triggers on campaigns, banner
 * plans and portals) moves, which each process checks every `BANNER_VERSION_POLL_MS` — so a cancelled campaign
 * leaves every portal within about a second, across any number of API processes. Whether a banner is inside its
 * window is decided at each view. If the database does not answer, what is held keeps being served.
 */
@Injectable()
export class BannerCatalog implements OnModuleDestroy {
  private readonly log = new Logger(BannerCatalog.name);
  private readonly entries = new Map<string, PortalEntry | null>();
  private readonly loading = new Map<string, Promise<PortalEntry | null>>();
  private generation = 0;
  private version: string | null = null;
  private started: Promise<void> | null = null;
  private poller: NodeJS.Timeout | null = null;
  private lastFailureLogMs = 0;
  readonly emptyPage = preparePage(renderEmbedPage(null));

  constructor(
    private readonly repository: BannerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The portal's entry if this process holds it (null: no such key), undefined when it must be read. */
  cached(embedKey: string, nowMs: number): PortalEntry | null | undefined {
    if (this.started === null) return undefined;
    const entry = this.entries.get(embedKey);
    if (entry && nowMs - entry.loadedAtMs > MAX_ENTRY_AGE_MS) return undefined;
    return entry;
  }

  /** The portal's entry, read from the database when this process does not hold it; null for an unknown key. */
  async portal(embedKey: string, nowMs: number): Promise<PortalEntry | null> {
    await this.start();
    const held = this.cached(embedKey, nowMs);
    if (held !== undefined) return held;
    let pending = this.loading.get(embedKey);
    if (!pending) {
      pending = this.load(embedKey).finally(() => this.loading.delete(embedKey));
      this.loading.set(embedKey, pending);
    }
    return pending;
  }

  /** The banner this view shows, by window, emergency and rotation; null when nothing may show now. */
  pick(entry: PortalEntry, nowMs: number): ServedBanner | null {
    return entry.rotation.next(showingNow(entry.banners, nowMs));
  }

  /** Drops every entry (the version moved); reads under way are not kept. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Reads the version now; drops every entry when it moved. */
  async checkVersion(): Promise<void> {
    const version = await this.repository.catalogVersion();
    if (this.version !== null && version !== this.version) this.invalidate();
    this.version = version;
  }

  onModuleDestroy(): void {
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
  }

  private start(): Promise<void> {
    this.started ??= this.checkVersion().then(() => {
      this.poller = setInterval(() => void this.poll(), this.config.banner.versionPollMs);
      this.poller.unref();
    });
    // A first read that failed is tried again on the next view.
    return this.started.catch((e: unknown) => {
      this.started = null;
      throw e;
    });
  }

  private async poll(): Promise<void> {
    try {
      await this.checkVersion();
    } catch (e) {
      const now = Date.now();
      if (now - this.lastFailureLogMs < FAILURE_LOG_EVERY_MS) return;
      this.lastFailureLogMs = now;
      this.log.warn(`banner catalog version not read (${String(e)}); serving what is held`);
    }
  }

  private async load(embedKey: string): Promise<PortalEntry | null> {
    const generation = this.generation;
    const set = await this.repository.portalBannerSet(embedKey);
    const entry = set ? this.entryOf(set) : null;
    if (generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(embedKey, entry);
    }
    return entry;
  }

  private entryOf(set: PortalBannerSet): PortalEntry {
    return {
      portal: set.portal,
      banners: set.banners.map((b) => this.served(set.portal.embedKey, b)),
      rotation: new SmoothWeightedRotation(),
      loadedAtMs: Date.now(),
    };
  }

  private served(embedKey: string, b: CatalogBanner): ServedBanner {
    // Paths only: the page is always loaded from our own origin, whatever address (or proxy) portals use for it.
    const base = `/embed/${encodeURIComponent(embedKey)}`;
    const signature = clickSignature(this.config.acknowledgements.linkSecret, embedKey, b.campaignId);
    return {
      campaignId: b.campaignId,
      weight: b.content.priority ?? 1,
      emergency: b.emergency,
      startsAtMs: b.startsAt.getTime(),
      endsAtMs: b.endsAt.getTime(),
      targetUrl: b.content.targetUrl,
      page: preparePage(
        renderEmbedPage({
          campaignId: b.campaignId,
          headline: b.content.headline,
          body: b.content.body ?? null,
          clickUrl: `${base}/click/${b.campaignId}?s=${signature}`,
          viewUrl: `${base}/view/${b.campaignId}`,
        }),
      ),
    };
  }
}
