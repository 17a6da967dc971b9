import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { LoaMetrics } from '@loa/metrics';
import { VN_TIME_ZONE } from '@loa/common';
import { BannerCountRow, BannerRepository } from '../banner.repository';

/** Vietnam's calendar day of an instant, YYYY-MM-DD, worked out at most once a minute. */
export class LocalDayClock {
  private day = '';
  private validUntilMs = 0;
  private readonly format = new Intl.DateTimeFormat('en-CA', {
    timeZone: VN_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });

  dayOf(nowMs: number): string {
    if (nowMs >= this.validUntilMs || nowMs < this.validUntilMs - 60_000) {
      this.day = this.format.format(nowMs);
      this.validUntilMs = nowMs - (nowMs % 60_000) + 60_000;
    }
    return this.day;
  }
}

/** Counted rows kept while the database does not answer; past it the oldest flush is given up (and logged). */
const MAX_PENDING_ROWS = 100_000;

/**
 * Impressions and clicks counted in this process's memory and added to the database in one transaction every
 * `BANNER_FLUSH_MS` (and when the process stops): a view costs no database write. A crash loses at most one
 * interval's counts; a flush the database refuses is kept and tried again with the next.
 */
@Injectable()
export class BannerCounters implements OnModuleDestroy {
  private readonly log = new Logger(BannerCounters.name);
  private readonly clock = new LocalDayClock();
  private pending = new Map<string, BannerCountRow>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly repository: BannerRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(LoaMetrics) private readonly metrics: LoaMetrics | null = null,
  ) {}

  count(campaignId: string, portalId: string, what: 'impressions' | 'clicks', nowMs: number): void {
    const day = this.clock.dayOf(nowMs);
    const key = `${campaignId}|${portalId}|${day}`;
    let row = this.pending.get(key);
    if (!row) {
      row = { campaignId, portalId, day, impressions: 0, clicks: 0 };
      this.pending.set(key, row);
    }
    row[what] += 1;
    this.metrics?.bannerCounted.labels(what).inc();
    if (!this.timer) {
      this.timer = setInterval(() => void this.flush().catch(() => undefined), this.config.banner.flushMs);
      this.timer.unref();
    }
  }

  /** Adds what is counted so far to the database (one flush at a time); kept for the next flush if it fails. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.repository
      .addCounts([...batch.values()])
      .catch((e: unknown) => {
        this.keep(batch);
        this.log.warn(`banner counts not stored yet (${String(e)}); ${this.pending.size} rows kept for the next flush`);
        throw e;
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }

  private keep(batch: Map<string, BannerCountRow>): void {
    for (const [key, row] of batch) {
      const now = this.pending.get(key);
      if (now) {
        now.impressions += row.impressions;
        now.clicks += row.clicks;
      } else if (this.pending.size < MAX_PENDING_ROWS) this.pending.set(key, row);
    }
    if (this.pending.size >= MAX_PENDING_ROWS)
      this.log.error(`banner counts: ${MAX_PENDING_ROWS} rows unsent, newer ones dropped`);
  }
}
