import type { AppConfig } from '@loa/config';
import type { BannerCountRow, BannerRepository } from '../banner.repository';
import { BannerCounters } from './banner-counters';

/** A stand-in for the repository's addCounts (the database side is tested in banner-serving.int-spec). */
class CountsStore {
  stored: BannerCountRow[] = [];
  failNext = 0;
  async addCounts(rows: BannerCountRow[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('connection refused');
    }
    this.stored.push(...rows.map((r) => ({ ...r })));
  }
}

const config = { banner: { flushMs: 600_000 } } as AppConfig;
const NOON_VN = Date.parse('2026-12-04T05:00:00Z');

describe('banner counters', () => {
  it('adds up views and clicks per campaign, portal and day, and writes them in one batch', async () => {
    const store = new CountsStore();
    const counters = new BannerCounters(store as unknown as BannerRepository, config);
    for (let i = 0; i < 5; i++) counters.count('c1', 'p1', 'impressions', NOON_VN);
    counters.count('c1', 'p1', 'clicks', NOON_VN);
    counters.count('c1', 'p2', 'impressions', NOON_VN);
    counters.count('c1', 'p1', 'impressions', NOON_VN + 12 * 3600_000); // the next day in Vietnam
    await counters.flush();
    expect(store.stored).toEqual([
      { campaignId: 'c1', portalId: 'p1', day: '2026-12-04', impressions: 5, clicks: 1 },
      { campaignId: 'c1', portalId: 'p2', day: '2026-12-04', impressions: 1, clicks: 0 },
      { campaignId: 'c1', portalId: 'p1', day: '2026-12-05', impressions: 1, clicks: 0 },
    ]);
    await counters.onModuleDestroy();
  });

  it('keeps what the database refused and adds it with the next flush, nothing lost or doubled', async () => {
    const store = new CountsStore();
    const counters = new BannerCounters(store as unknown as BannerRepository, config);
    for (let i = 0; i < 3; i++) counters.count('c1', 'p1', 'impressions', NOON_VN);
    store.failNext = 1;
    await expect(counters.flush()).rejects.toThrow('connection refused');
    counters.count('c1', 'p1', 'impressions', NOON_VN);
    counters.count('c1', 'p1', 'clicks', NOON_VN);
    await counters.flush();
    await counters.flush(); // nothing left
    expect(store.stored).toEqual([{ campaignId: 'c1', portalId: 'p1', day: '2026-12-04', impressions: 4, clicks: 1 }]);
    await counters.onModuleDestroy();
  });

  it('writes what is counted when the process stops', async () => {
    const store = new CountsStore();
    const counters = new BannerCounters(store as unknown as BannerRepository, config);
    counters.count('c9', 'p1', 'clicks', NOON_VN);
    await counters.onModuleDestroy();
    expect(store.stored).toHaveLength(1);
  });
});
