import type { CampaignReport } from '@loa/campaigns';
import type { SeedResult } from '../seed/seed-demo';
import { LoaClient } from './loa-client';

/** The campaign report as the API returns it (JSON: dates as strings, the same shape). */
export type CampaignReportJson = CampaignReport;

/** Creates the Sóc Trăng campaign from the letter and takes it through approval (a second person) and launch. */
export async function createAndLaunchDemoCampaign(
  api: LoaClient,
  seed: SeedResult,
  letter: string,
  opts: { windowSeconds: number; subscribers?: string[] },
): Promise<{
  campaignId: string;
  editor: LoaClient;
  approver: LoaClient;
  directive: { id: string; subject: string | null };
}> {
  const editorUser = seed.users.find((u) => u.role === 'editor')!;
  const approverUser = seed.users.find((u) => u.role === 'approver')!;
  const editor = await api.login(editorUser.email, editorUser.password);
  const approver = await api.login(approverUser.email, approverUser.password);
  const directive = await editor.request<{ id: string; subject: string | null }>('POST', '/api/directives', {
    text: letter,
  });
  const now = Date.now();
  const created = await editor.request<{ id: string }>('POST', '/api/campaigns', {
    directiveId: directive.id,
    title: 'Chung tay ủng hộ phòng, chống dịch Covid-19 — vandongxahoi.mattran.org.vn',
    startsAt: new Date(now - 1000).toISOString(),
    endsAt: new Date(now + opts.windowSeconds * 1000).toISOString(),
    channels: {
      sms: {
        text: 'So TTTT Soc Trang: Chung tay ung ho phong, chong dich Covid-19 tai vandongxahoi.mattran.org.vn',
        subscribers: opts.subscribers ?? seed.subscribers,
      },
      email: { agencyGroups: ['so-ban-nganh', 'ubnd-huyen', 'bao-chi'] },
      banner: {
        headline: 'Chung tay ủng hộ phòng, chống dịch Covid-19',
        body: 'Trang thông tin của Tiểu ban Vận động và huy động xã hội',
        targetUrl: 'https://vandongxahoi.mattran.org.vn',
      },
      radio: {
        stationCodes: ['dtt-tp-soctrang', 'dtt-mytu'],
        script:
          'Tiểu ban Vận động và huy động xã hội thuộc Ban Chỉ đạo Quốc gia phòng, chống dịch Covid-19 ra mắt trang thông tin điện tử tại địa chỉ vandongxahoi chấm mattran chấm org chấm vn. Kêu gọi cán bộ, công chức và các tầng lớp nhân dân tham gia ủng hộ kinh phí, nguồn lực cho công tác phòng, chống dịch.',
        slots: ['06:00', '17:00'],
      },
    },
  });
  await editor.request('POST', `/api/campaigns/${created.id}/submit`);
  await approver.request('POST', `/api/campaigns/${created.id}/approve`);
  await editor.request('POST', `/api/campaigns/${created.id}/launch`);
  return { campaignId: created.id, editor, approver, directive };
}

/** What a reader's browser says it is (a request without a browser's user agent is not counted). */
export const READER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/**
 * A reader opening a portal page: the browser loads the iframe and its view pixel (which counts the impression),
 * then (unless `click` is false) the reader clicks the banner once (counted, redirected to the campaign's official site).
 */
export async function viewAndClickBanner(
  baseUrl: string,
  embedKey: string,
  click = true,
): Promise<{ html: string; location: string | null }> {
  const headers = { 'user-agent': READER_AGENT };
  const html = await (await fetch(`${baseUrl}/embed/${embedKey}`, { headers })).text();
  // The page's links are paths on the embed page's own origin.
  const unescape = (s: string | undefined) => (s ? new URL(s.replace(/&amp;/g, '&'), baseUrl).href : null);
  const pixel = unescape(/<img class="loa-view" src="([^"]+)"/.exec(html)?.[1]);
  if (pixel) await (await fetch(pixel, { headers })).arrayBuffer();
  const href = unescape(/href="([^"]+)"/.exec(html)?.[1]);
  if (!href || !click) return { html, location: null };
  const clicked = await fetch(href, { redirect: 'manual', headers });
  return { html, location: clicked.headers.get('location') };
}

/** A station pulling its scripts and confirming each aired in its first slot. */
export async function pullAndConfirm(
  baseUrl: string,
  station: { code: string; key: string },
): Promise<{ scripts: Array<{ scriptId: string; text: string; relayedFrom: string | null; slots: string[] }> }> {
  const client = new LoaClient(baseUrl);
  const headers = { 'x-station-key': station.key };
  const feed = await client.request<{
    scripts: Array<{ scriptId: string; text: string; relayedFrom: string | null; slots: string[] }>;
  }>('GET', `/stations/${station.code}/scripts`, undefined, headers);
  for (const s of feed.scripts) {
    await client.request(
      'POST',
      `/stations/${station.code}/scripts/${s.scriptId}/confirmations`,
      { slot: s.slots[0], airedAt: new Date().toISOString(), durationSeconds: 95 },
      headers,
    );
  }
  return feed;
}
