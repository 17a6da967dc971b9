import { type Server, createServer } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { BannerCounters } from '@loa/banner';
import { SCREENSHOTS, launchChromium } from '../support/browser';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';
import { READER_AGENT } from '../../tools/run/demo-campaign';

const TARGET = 'https://vandongxahoi.mattran.org.vn/ung-ho-dong-bao';
const HEADLINE = 'Chung tay ủng hộ đồng bào vùng lũ — Ủy ban MTTQ tỉnh';
const LETTER =
  'UBND TỈNH SÓC TRĂNG\nSở Thông tin và Truyền thông\nV/v tuyên truyền trên cổng thông tin\nKính gửi: Các cổng';

/**
 * A portal page on another origin (127.0.0.2) pastes the webmaster's snippets; real Chromium loads them from the
 * API (in-process, real PostgreSQL and Redis). The official site the click leads to is on the internet, which this
 * machine cannot reach: the test follows the browser to its request for it, which then fails.
 */
describe('a banner embedded in a portal page on another origin (Chromium)', () => {
  let api: InProcessApi;
  let base: string;
  let host: Server;
  let hostUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let campaignId: string;
  let portalCode: string;

  beforeAll(async () => {
    api = await startInProcessApi({ BANNER_FLUSH_MS: '600000' });
    await api.app.listen(0, '127.0.0.1');
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const http = () => request(base);
    const token = async (role: string) => {
      const u = api.seed.users.find((x) => x.role === role)!;
      return (await http().post('/api/auth/login').send({ email: u.email, password: u.password }).expect(200)).body
        .token as string;
    };
    const [editor, approver] = [await token('editor'), await token('approver')];
    const as = (t: string) => ({ authorization: `Bearer ${t}` });
    portalCode = api.seed.portals[0].code;
    const d = await http().post('/api/directives').set(as(editor)).send({ text: LETTER }).expect(201);
    const c = await http()
      .post('/api/campaigns')
      .set(as(editor))
      .send({
        directiveId: d.body.id,
        title: 'Ủng hộ vùng lũ',
        channels: {
          banner: {
            headline: HEADLINE,
            body: 'Mỗi tấm lòng là một món quà ý nghĩa. Quyên góp qua cổng vận động xã hội của Mặt trận.',
            targetUrl: TARGET,
            portalCodes: [portalCode],
          },
        },
      })
      .expect(201);
    campaignId = c.body.id;
    await http().post(`/api/campaigns/${campaignId}/submit`).set(as(editor)).expect(200);
    await http().post(`/api/campaigns/${campaignId}/approve`).set(as(approver)).expect(200);
    await http().post(`/api/campaigns/${campaignId}/launch`).set(as(editor)).expect(200);

    // The portal's page: every snippet the webmaster can paste, as the console gives them (with the API's address).
    const portals = await http().get('/api/portals').set(as(editor)).expect(200);
    const snippets: Array<{ size: string; html: string; imageHtml: string | null }> = portals.body.find(
      (p: { code: string }) => p.code === portalCode,
    ).snippets;
    const publicBase = 'http://127.0.0.1:3000';
    const body =
      '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin điện tử tỉnh</title>' +
      '<style>body{font-family:"Liberation Sans",sans-serif;margin:16px;background:#f4f6f8}section{margin:12px 0}' +
      'h2{font-size:14px;margin:4px 0;color:#333}</style></head><body><h1 id="host-title">Cổng thông tin điện tử tỉnh</h1>' +
      '<p id="host-secret">Nội dung của cổng — banner không được chạm vào.</p>' +
      snippets.map((s) => `<section><h2>${s.size}</h2>${s.html.replace(publicBase, base)}</section>`).join('') +
      // The plain snippet, for sites whose editor strips iframes, in two sizes.
      snippets
        .filter((s) => s.size === '300x250' || s.size === '320x50')
        .map(
          (s) =>
            `<section class="plain"><h2>${s.size} (ảnh)</h2>${s.imageHtml!.replaceAll(publicBase, base)}</section>`,
        )
        .join('') +
      '</body></html>';
    host = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.2', resolve));
    hostUrl = `http://127.0.0.2:${(host.address() as { port: number }).port}/tin-tuc`;

    browser = await launchChromium();
    // A person's Chromium: headless Chromium names itself HeadlessChrome, and bots are not counted.
    context = await browser.newContext({ userAgent: READER_AGENT, viewport: { width: 1100, height: 2200 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
    await api?.close();
  });

  const figures = async () => {
    await api.app.get(BannerCounters).flush();
    const rows: Array<{ impressions: string; clicks: string }> = await api.ds.query(
      `SELECT impressions, clicks FROM banner_stats WHERE campaign_id = $1`,
      [campaignId],
    );
    return rows.reduce(
      (t, r) => ({ impressions: t.impressions + Number(r.impressions), clicks: t.clicks + Number(r.clicks) }),
      {
        impressions: 0,
        clicks: 0,
      },
    );
  };

  it('shows the banner with its Vietnamese text in every standard size, counting one impression per view', async () => {
    await page.goto(hostUrl);
    const frames = page.locator('iframe');
    await expect(frames.count()).resolves.toBe(6);
    for (let i = 0; i < 6; i++) {
      await frames.nth(i).contentFrame().getByText(HEADLINE).waitFor();
    }
    const medium = page.locator('iframe[width="300"][height="250"]').contentFrame();
    await expect(medium.locator('a.loa-banner span').innerText()).resolves.toContain(
      'Mỗi tấm lòng là một món quà ý nghĩa',
    );
    // The plain snippets: the banner drawn as an image of each size (Pango, Liberation Sans).
    const plain = page.locator('section.plain img');
    await page.waitForLoadState('networkidle');
    await expect(
      plain.evaluateAll((imgs) =>
        imgs.map((i) => [(i as HTMLImageElement).naturalWidth, (i as HTMLImageElement).naturalHeight]),
      ),
    ).resolves.toEqual([
      [300, 250],
      [320, 50],
    ]);
    await page.screenshot({ path: join(SCREENSHOTS, '20-banner-on-portal.png'), fullPage: true });
    await expect(figures()).resolves.toEqual({ impressions: 8, clicks: 0 });
  });

  it('cannot touch the host page: no script, no same origin, no top navigation', async () => {
    const sandboxes = await page.locator('iframe').evaluateAll((els) => els.map((e) => e.getAttribute('sandbox')));
    for (const s of sandboxes) {
      expect(s?.split(/\s+/).sort()).toEqual(['allow-popups', 'allow-popups-to-escape-sandbox']);
    }
    // The host cannot read the frame either (another origin), and the frame's document holds no script.
    await expect(
      page.evaluate(() => Array.from(document.querySelectorAll('iframe')).map((f) => f.contentDocument)),
    ).resolves.toEqual([null, null, null, null, null, null]);
    const frame = page.locator('iframe').first().contentFrame();
    await expect(frame.locator('script').count()).resolves.toBe(0);
    const embed = await request(base).get(`/embed/${api.seed.portals[0].embedKey}`).expect(200);
    expect(embed.headers['content-security-policy']).not.toMatch(/script-src/);
    await expect(page.locator('#host-secret').innerText()).resolves.toBe(
      'Nội dung của cổng — banner không được chạm vào.',
    );
    await expect(page.title()).resolves.toBe('Cổng thông tin điện tử tỉnh');
  });

  it('counts a click and sends the reader to the official site in a new tab, the portal staying put', async () => {
    const toTarget = context.waitForEvent('request', (r) => r.url() === TARGET);
    const popup = context.waitForEvent('page');
    await page.locator('iframe[width="728"]').contentFrame().getByText(HEADLINE).click();
    const [tab, request] = await Promise.all([popup, toTarget]);
    // The new tab asked our signed click link, which redirected it to the target (unreachable from here).
    expect(request.isNavigationRequest()).toBe(true);
    expect(request.frame().page()).toBe(tab);
    expect(request.redirectedFrom()?.url()).toMatch(
      new RegExp(`^${base}/embed/[\\w-]+/click/${campaignId}\\?s=[\\w-]{22}$`),
    );
    expect(page.url()).toBe(hostUrl);
    await expect(figures()).resolves.toEqual({ impressions: 8, clicks: 1 });
  });
});
