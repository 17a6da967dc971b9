import { startApp, waitForHttp, waitUntil } from '../../tools/run/processes';
import { viewAndClickBanner } from '../../tools/run/demo-campaign';
import { loginAs, submitApproveLaunch } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';

const LETTER =
  'UBND TỈNH SÓC TRĂNG\nSở Thông tin và Truyền thông\nV/v tuyên truyền trên cổng thông tin\nKính gửi: Các cổng';

/**
 * Banner counts live in the API process's memory between flushes: a stop writes them all, a crash (SIGKILL) loses
 * at most what was counted since the last flush, nothing flushed before. The api is a separate OS process on real
 * PostgreSQL and Redis.
 */
describe('banner counts across an API stop and an API crash', () => {
  let stack: Stack;
  let campaignId: string;
  let embedKey: string;

  const stored = async () => {
    const rows: Array<{ impressions: string; clicks: string }> = await stack.ds.query(
      `SELECT impressions, clicks FROM banner_stats WHERE campaign_id = $1`,
      [campaignId],
    );
    return rows.reduce(
      (t, r) => ({ impressions: t.impressions + Number(r.impressions), clicks: t.clicks + Number(r.clicks) }),
      { impressions: 0, clicks: 0 },
    );
  };
  const views = async (n: number, clicks = 0) => {
    for (let i = 0; i < n; i++) await viewAndClickBanner(stack.baseUrl, embedKey, i < clicks);
  };
  /** The page shows the campaign (asked without its view pixel: nothing counted). */
  const showing = async () =>
    (await (await fetch(`${stack.baseUrl}/embed/${embedKey}`)).text()).includes(campaignId) || null;
  const restartApi = async (env: Record<string, string>) => {
    stack.api = startApp('api', { ...stack.env, ...env });
    await waitForHttp(`${stack.baseUrl}/health`, 30_000, stack.api);
  };

  beforeAll(async () => {
    stack = await startStack({ BANNER_FLUSH_MS: '600000' });
    embedKey = stack.seed.portals[0].embedKey;
    const editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    const approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    campaignId = (
      await editor.request<{ id: string }>('POST', '/api/campaigns', {
        directiveId: directive.id,
        title: 'Đếm qua khởi động lại',
        channels: {
          banner: { headline: 'Chung tay vì người nghèo', targetUrl: 'https://vandongxahoi.mattran.org.vn' },
        },
      })
    ).id;
    await submitApproveLaunch(editor, approver, campaignId);
    await waitUntil('the banner on the portal', showing, 5000, 100);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('writes every count when the API stops', async () => {
    const before = await stored();
    expect(before).toEqual({ impressions: 0, clicks: 0 });
    await views(30, 3);
    expect(await stored()).toEqual(before); // held in memory: the flush interval is ten minutes
    await stack.api.stop();
    expect(await stored()).toEqual({ impressions: before.impressions + 30, clicks: before.clicks + 3 });
  });

  it('loses at most what was counted since the last flush when the API is killed', async () => {
    await restartApi({ BANNER_FLUSH_MS: '300' });
    await waitUntil('the banner on the portal again', showing, 5000, 100);
    const start = await stored();
    await views(20, 2);
    const flushed = await waitUntil(
      'the 20 views flushed',
      async () => {
        const now = await stored();
        return now.impressions >= start.impressions + 20 && now.clicks >= start.clicks + 2 ? now : null;
      },
      5000,
      50,
    );
    await views(5);
    await stack.api.kill();
    const after = await stored();
    // Whatever was flushed stays; of the last five views, those counted since the last flush may be gone.
    expect(after.clicks).toBe(flushed.clicks);
    expect(after.impressions).toBeGreaterThanOrEqual(flushed.impressions);
    expect(after.impressions).toBeLessThanOrEqual(flushed.impressions + 5);

    await restartApi({});
    await views(4, 1);
    await stack.api.stop();
    expect(await stored()).toEqual({ impressions: after.impressions + 4, clicks: after.clicks + 1 });
  });
});
