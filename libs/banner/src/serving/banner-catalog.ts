import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import sharp from 'sharp';
import { BannerRepository, CatalogBanner, PortalBannerSet } from '../banner.repository';
import { BannerImageBytes, BannerImagesRepository, StoredBannerImage } from '../images/banner-images.repository';
import { renderTextBannerPng } from '../images/text-banner-image';
import { RotationCandidate, SmoothWeightedRotation, showingNow } from './banner-rotation';
import { BannerSize } from './banner-sizes';
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
  headline: string;
  body: string | null;
  /** Its uploaded images, by standard size. */
  images: StoredBannerImage[];
  page: PreparedPage;
}

/** An image answered to a browser: bytes, type and ETag. */
export interface ServedImage {
  bytes: Buffer;
  contentType: string;
  etag: string;
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
/** Uploaded images held in memory (each at most BANNER_IMAGE_MAX_BYTES); past it the cache starts afresh. */
const MAX_IMAGES = 500;

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
  private readonly imageCache = new Map<string, Promise<BannerImageBytes | null>>();
  private readonly drawn = new Map<string, Promise<ServedImage>>();
  private generation = 0;
  private version: string | null = null;
  private started: Promise<void> | null = null;
  private poller: NodeJS.Timeout | null = null;
  private lastFailureLogMs = 0;
  readonly emptyPage = preparePage(renderEmbedPage(null));

  constructor(
    private readonly repository: BannerRepository,
    private readonly imageRepository: BannerImagesRepository,
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

  /**
   * The banner the plain `<a><img>` snippet shows and leads to: deterministic (no rotation, so the image and the
   * click that follows agree) — an emergency first, then the highest priority, then the latest launch.
   */
  leading(entry: PortalEntry, nowMs: number): ServedBanner | null {
    const showing = showingNow(entry.banners, nowMs);
    return showing.reduce<ServedBanner | null>((best, b) => (!best || b.weight > best.weight ? b : best), null);
  }

  /** An uploaded image's bytes (ids never change what they name, so they are held across versions). */
  image(id: string): Promise<BannerImageBytes | null> {
    let held = this.imageCache.get(id);
    if (!held) {
      if (this.imageCache.size >= MAX_IMAGES) this.imageCache.clear();
      held = this.imageRepository.withBytes([id]).then((rows) => rows[0] ?? null);
      held.catch(() => this.imageCache.delete(id));
      this.imageCache.set(id, held);
    }
    return held;
  }

  /**
   * The banner as one image of a standard size: its uploaded image for that size, otherwise its text drawn as a
   * PNG; a transparent image of that size when nothing shows. Drawn once per version.
   */
  drawnImage(banner: ServedBanner | null, size: BannerSize): Promise<ServedImage> {
    const key = `${banner?.campaignId ?? '-'}|${size.name}`;
    let held = this.drawn.get(key);
    if (!held) {
      held = this.draw(banner, size);
      held.catch(() => this.drawn.delete(key));
      this.drawn.set(key, held);
    }
    return held;
  }

  /** Drops every entry (the version moved); reads under way are not kept. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
    this.drawn.clear();
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

  private async draw(banner: ServedBanner | null, size: BannerSize): Promise<ServedImage> {
    const uploaded = banner?.images.find((i) => i.size === size.name);
    if (uploaded) {
      const stored = await this.image(uploaded.id);
      if (stored)
        return { bytes: stored.bytes, contentType: stored.contentType, etag: `"${stored.sha256.slice(0, 20)}"` };
    }
    const bytes = banner
      ? await renderTextBannerPng(size, { headline: banner.headline, body: banner.body })
      : await sharp({ create: { width: size.width, height: size.height, channels: 4, background: '#0000' } })
          .png()
          .toBuffer();
    const etag = `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 20)}"`;
    return { bytes, contentType: 'image/png', etag };
  }

  private async load(embedKey: string): Promise<PortalEntry | null> {
    const generation = this.generation;
    const set = await this.repository.portalBannerSet(embedKey);
    const imageIds = [...new Set(set?.banners.flatMap((b) => (b.content.images ?? []).map((i) => i.imageId)) ?? [])];
    const images = await this.imageRepository.metaOf(imageIds);
    const entry = set ? this.entryOf(set, images) : null;
    if (generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
      this.entries.set(embedKey, entry);
    }
    return entry;
  }

  private entryOf(set: PortalBannerSet, images: StoredBannerImage[]): PortalEntry {
    return {
      portal: set.portal,
      banners: set.banners.map((b) => this.served(set.portal.embedKey, b, images)),
      rotation: new SmoothWeightedRotation(),
      loadedAtMs: Date.now(),
    };
  }

  private served(embedKey: string, b: CatalogBanner, stored: StoredBannerImage[]): ServedBanner {
    const ids = (b.content.images ?? []).map((i) => i.imageId);
    const images = stored.filter((i) => ids.includes(i.id));
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
      headline: b.content.headline,
      body: b.content.body ?? null,
      images,
      page: preparePage(
        renderEmbedPage({
          campaignId: b.campaignId,
          headline: b.content.headline,
          body: b.content.body ?? null,
          clickUrl: `${base}/click/${b.campaignId}?s=${signature}`,
          viewUrl: `${base}/view/${b.campaignId}`,
          images: images.map((i) => ({ size: i.size, src: `${base}/image/${i.id}` })),
          alt: b.content.imageAlt,
        }),
      ),
    };
  }
}
