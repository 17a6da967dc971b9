import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { BannerCounters } from '@loa/banner';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';
import { READER_AGENT } from '../../tools/run/demo-campaign';

const TARGET = 'https://vandongxahoi.mattran.org.vn/ung-ho';
const LETTER =
  'UBND TỈNH SÓC TRĂNG\nSở Thông tin và Truyền thông\nV/v tuyên truyền trên cổng thông tin\nKính gửi: Các cổng';

/**
 * Banners served from memory by the API's embed edge (in-process API, real PostgreSQL and Redis): no database
 * statement per view, counts added in batches per day, caching that still rotates, priorities and emergencies,
 * invalidation across API processes, signed clicks, and a per-address limit that spares shared addresses.
 */
describe('banners at portal scale', () => {
  let api: InProcessApi;
  let editor: string;
  let approver: string;
  let embedKey: string;
  let portalId: string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });
  const urls = new Map<INestApplication, string>();
  /** Requests over a real socket to a listening app (the edge sits on the HTTP server itself). */
  const http = (app: INestApplication = api.app) => request(urls.get(app)!);
  async function listening(app: INestApplication): Promise<void> {
    await app.listen(0, '127.0.0.1');
    urls.set(app, (await app.getUrl()).replace('[::1]', '127.0.0.1'));
  }
  const created: string[] = [];

  /** A banner campaign through four-eyes approval to running; returns its id. */
  async function runningBanner(
    title: string,
    opts: { priority?: number; emergency?: boolean; targetUrl?: string } = {},
  ): Promise<string> {
    const d = await http().post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const c = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: d.body.id,
        title,
        emergency: opts.emergency ?? false,
        channels: {
          banner: {
            headline: `${title}: chung tay ủng hộ đồng bào`,
            body: 'Mỗi tấm lòng là một món quà ý nghĩa.',
            targetUrl: opts.targetUrl ?? TARGET,
            ...(opts.priority ? { priority: opts.priority } : {}),
          },
        },
      })
      .expect(201);
    await http().post(`/api/campaigns/${c.body.id}/submit`).set(as(editor)).expect(200);
    await http().post(`/api/campaigns/${c.body.id}/approve`).set(as(approver)).expect(200);
    await http().post(`/api/campaigns/${c.body.id}/launch`).set(as(editor)).expect(200);
    created.push(c.body.id);
    return c.body.id;
  }

  async function cancelAll(): Promise<void> {
    while (created.length) {
      await http().post(`/api/campaigns/${created.pop()}/cancel`).set(as(editor)).send({ reason: 'xong' }).expect(200);
    }
  }

  /** The campaign the embed page shows ('' for the empty page). */
  async function shown(app?: INestApplication): Promise<string> {
    const r = await http(app).get(`/embed/${embedKey}`).set('user-agent', READER_AGENT).expect(200);
    return /data-campaign="([^"]+)"/.exec(r.text)?.[1] ?? '';
  }

  async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = await probe();
      if (v !== null) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const viewUrl = (html: string) => /<img class="loa-view" src="(\/embed\/[^"]+)"/.exec(html)![1];
  const clickUrl = (html: string) => {
    return /<a class="loa-banner" href="(\/embed\/[^"]+)"/.exec(html)![1].replace(/&amp;/g, '&');
  };

  beforeAll(async () => {
    api = await startInProcessApi({ BANNER_VERSION_POLL_MS: '100', BANNER_FLUSH_MS: '600000' });
    await listening(api.app);
    const login = (role: string) => loginAs(api, role);
    editor = await login('editor');
    approver = await login('approver');
    embedKey = api.seed.portals[0].embedKey;
    [{ id: portalId }] = await api.ds.query(`SELECT id FROM portals WHERE embed_key = $1`, [embedKey]);
  });

  afterEach(async () => {
    await cancelAll();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('serves views, pixels and clicks without a database statement', async () => {
    const id = await runningBanner('Tháng cao điểm');
    const first = await until('the banner shows', async () => ((await shown()) === id ? true : null));
    expect(first).toBe(true);
    const page = await http().get(`/embed/${embedKey}`).set('user-agent', READER_AGENT).expect(200);
    // Every statement the API's DataSource runs (the repositories' only way to the database), bar the version poll.
    const ds = api.app.get<DataSource>(getDataSourceToken());
    const statements: string[] = [];
    const original = ds.query.bind(ds);
    ds.query = ((sql: string, ...rest: unknown[]) => {
      if (!sql.includes('banner_catalog_version')) statements.push(sql);
      return original(sql, ...(rest as [unknown[]]));
    }) as DataSource['query'];
    try {
      for (let i = 0; i < 100; i++) {
        await http().get(`/embed/${embedKey}`).set('user-agent', READER_AGENT).expect(200);
        await http().get(viewUrl(page.text)).set('user-agent', READER_AGENT).expect(200);
      }
      for (let i = 0; i < 10; i++) {
        await http().get(clickUrl(page.text)).set('user-agent', READER_AGENT).expect(302).expect('location', TARGET);
      }
    } finally {
      ds.query = original;
    }
    expect(statements).toEqual([]);
  });

  it("counts people's views and clicks, not bots', and adds them per Vietnam day and to the totals", async () => {
    const id = await runningBanner('Đếm lượt xem');
    await until('the banner shows', async () => ((await shown()) === id ? true : null));
    const page = await http().get(`/embed/${embedKey}`).set('user-agent', READER_AGENT).expect(200);
    const counters = api.app.get(BannerCounters);
    await counters.flush();
    for (let i = 0; i < 40; i++) await http().get(viewUrl(page.text)).set('user-agent', READER_AGENT).expect(200);
    for (let i = 0; i < 7; i++) await http().get(viewUrl(page.text)).set('user-agent', 'curl/8.5.0').expect(200);
    await http().get(viewUrl(page.text)).expect(200); // no user agent at all
    for (let i = 0; i < 2; i++) await http().get(clickUrl(page.text)).set('user-agent', READER_AGENT).expect(302);
    await http()
      .get(clickUrl(page.text))
      .set('user-agent', 'Googlebot/2.1 (+http://www.google.com/bot.html)')
      .expect(302);
    await http().get(`/embed/${embedKey}`).set('user-agent', READER_AGENT).expect(200); // a page alone counts nothing

    const before = await api.ds.query(`SELECT count(*)::int AS n FROM banner_daily_stats WHERE campaign_id = $1`, [id]);
    expect(before[0].n).toBe(0); // counted in memory, nothing written yet
    await counters.flush();

    const [{ today }] = await api.ds.query(
      `SELECT to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS today`,
    );
    const days = await http().get(`/api/campaigns/${id}/banner-days`).set(as(editor)).expect(200);
    expect(days.body).toEqual([
      {
        day: today,
        portalCode: api.seed.portals[0].code,
        portalName: expect.any(String),
        campaignId: id,
        impressions: 40,
        clicks: 2,
        clickThroughRate: 0.05,
      },
    ]);
    const [totals] = await api.ds.query(
      `SELECT impressions, clicks FROM banner_stats WHERE campaign_id = $1 AND portal_id = $2`,
      [id, portalId],
    );
    expect({ impressions: Number(totals.impressions), clicks: Number(totals.clicks) }).toEqual({
      impressions: 40,
      clicks: 2,
    });
    // People's impressions and clicks also reach the API's Prometheus metrics.
    const metrics = (await http().get('/metrics').expect(200)).text;
    expect(Number(/^loa_banner_counted_total\{what="impressions"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(
      40,
    );
    const portals = await http().get(`/api/campaigns/${id}/banner-portals`).set(as(editor)).expect(200);
    expect(portals.body.find((p: { portalCode: string }) => p.portalCode === api.seed.portals[0].code)).toMatchObject({
      impressions: 40,
      clicks: 2,
      clickThroughRate: 0.05,
    });
  });

  it('lets browsers keep the page briefly, answers 304 to one that has it, gzips it, and keeps its strict policy', async () => {
    const id = await runningBanner('Bộ nhớ đệm');
    await until('the banner shows', async () => ((await shown()) === id ? true : null));
    const gz = await http().get(`/embed/${embedKey}`).set('accept-encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=30');
    expect(gz.headers['vary']).toBe('Accept-Encoding');
    expect(gz.headers['content-security-policy']).toContain("default-src 'none'");
    expect(gz.headers['content-security-policy']).not.toContain('script-src');
    expect(gz.headers['x-frame-options']).toBeUndefined();
    expect(gz.text).toContain('Bộ nhớ đệm: chung tay ủng hộ đồng bào'); // supertest unzipped it
    const plain = await http().get(`/embed/${embedKey}`).set('accept-encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(gz.text);
    const etag = gz.headers['etag'];
    expect(etag).toMatch(/^"[\w-]{20}"$/);
    const again = await http().get(`/embed/${embedKey}`).set('if-none-match', etag).expect(304);
    expect(again.text ?? '').toBe('');
    await http().get(`/embed/${embedKey}`).set('if-none-match', '"something-else-entirely"').expect(200);
    await http().post(`/embed/${embedKey}`).expect(405);
    await http().get('/embed/no-such-portal-key').expect(404);
  });

  it('shares views by priority, and an emergency campaign takes every view while it runs', async () => {
    const high = await runningBanner('Ưu tiên cao', { priority: 3 });
    const normal = await runningBanner('Bình thường');
    await until('both show', async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 8; i++) seen.add(await shown());
      return seen.has(high) && seen.has(normal) ? true : null;
    });
    const tally = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const c = await shown();
      tally.set(c, (tally.get(c) ?? 0) + 1);
    }
    expect(Math.abs((tally.get(high) ?? 0) - 150)).toBeLessThanOrEqual(3);
    expect(Math.abs((tally.get(normal) ?? 0) - 50)).toBeLessThanOrEqual(3);

    const emergency = await runningBanner('Khẩn cấp: bão số 3', { emergency: true });
    await until('the emergency shows', async () => ((await shown()) === emergency ? true : null));
    for (let i = 0; i < 50; i++) expect(await shown()).toBe(emergency);
  });

  it('drops a cancelled campaign from another API process within a second or so', async () => {
    const { createApi } = await import('../../apps/api/src/create-api');
    const second = await createApi();
    await listening(second);
    try {
      const id = await runningBanner('Hai tiến trình');
      await until('the second process shows it', async () => ((await shown(second)) === id ? true : null));
      await http().post(`/api/campaigns/${created.pop()}/cancel`).set(as(editor)).send({ reason: 'rút' }).expect(200);
      const gone = Date.now();
      await until('the second process drops it', async () => ((await shown(second)) === '' ? true : null), 3000);
      expect(Date.now() - gone).toBeLessThan(2000);
    } finally {
      await second.close();
    }
  });

  it('refuses forged click links, and leads a signed link of an ended banner to its target uncounted', async () => {
    const id = await runningBanner('Liên kết ký');
    await until('the banner shows', async () => ((await shown()) === id ? true : null));
    const page = await http().get(`/embed/${embedKey}`).set('user-agent', READER_AGENT).expect(200);
    const signed = clickUrl(page.text);
    await http()
      .get(signed.replace(/s=[\w-]+/, 's=AAAAAAAAAAAAAAAAAAAAAA'))
      .expect(404);
    await http()
      .get(signed.replace(/s=[\w-]+/, ''))
      .expect(404);
    await http()
      .get(`/embed/${embedKey}/click/${created[0] ?? id}`)
      .expect(404);
    const counters = api.app.get(BannerCounters);
    await counters.flush();
    await http().post(`/api/campaigns/${created.pop()}/cancel`).set(as(editor)).send({ reason: 'hết' }).expect(200);
    await until('it is withdrawn', async () => ((await shown()) === '' ? true : null));
    await http().get(signed).set('user-agent', READER_AGENT).expect(302).expect('location', TARGET);
    await counters.flush();
    const rows = await api.ds.query(`SELECT clicks FROM banner_daily_stats WHERE campaign_id = $1`, [id]);
    expect(rows.map((r: { clicks: string }) => Number(r.clicks))).toEqual([]);
  });

  it('answers a whole office behind one address, and sheds a flood over the configured limit', async () => {
    // Default limit: 3,000 requests from one address in a burst (the API's old public limit was 1,200 a minute).
    const statuses: number[] = [];
    for (let wave = 0; wave < 15; wave++) {
      const answers = await Promise.all(Array.from({ length: 200 }, () => http().head(`/embed/${embedKey}`)));
      statuses.push(...answers.map((r) => r.status));
    }
    expect(statuses.length).toBe(3000);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    process.env.BANNER_PER_IP_PER_MINUTE = '200';
    const { createApi } = await import('../../apps/api/src/create-api');
    const strict = await createApi();
    delete process.env.BANNER_PER_IP_PER_MINUTE;
    await listening(strict);
    try {
      const flood: number[] = [];
      for (let i = 0; i < 260; i++) flood.push((await http(strict).head(`/embed/${embedKey}`)).status);
      expect(flood.slice(0, 200).every((s) => s === 200)).toBe(true);
      expect(flood.slice(200).every((s) => s === 429)).toBe(true);
      const refused = await http(strict).get(`/embed/${embedKey}`).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    } finally {
      await strict.close();
    }
  });
});
