import { escapeHtml } from '@loa/common';

export interface EmbedBanner {
  campaignId: string;
  headline: string;
  body: string | null;
  /** Our click-counting redirect (never the target itself). */
  clickUrl: string;
}

/**
 * The page served inside the portal's sandboxed iframe: self-contained (inline CSS, no script, no third-party
 * requests), every text escaped. With no active campaign it renders an empty, transparent page.
 */
export function renderEmbedPage(banner: EmbedBanner | null): string {
  const head =
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">' +
    '<title>Loa</title><style>' +
    'html,body{margin:0;height:100%;font-family:system-ui,"Segoe UI",Roboto,Arial,sans-serif}' +
    'a.loa-banner{box-sizing:border-box;display:flex;flex-direction:column;justify-content:center;gap:.4em;height:100%;' +
    'padding:12px 16px;background:#b71c1c;color:#fff;text-decoration:none;border:3px solid #fbc02d}' +
    'a.loa-banner strong{font-size:1.15em;line-height:1.25}a.loa-banner span{font-size:.9em;opacity:.95}' +
    'a.loa-banner em{font-style:normal;font-size:.8em;color:#fbc02d}' +
    '</style></head><body>';
  if (!banner) return `${head}</body></html>`;
  return (
    head +
    `<a class="loa-banner" href="${escapeHtml(banner.clickUrl)}" target="_blank" rel="noopener noreferrer"` +
    ` data-campaign="${escapeHtml(banner.campaignId)}">` +
    `<strong>${escapeHtml(banner.headline)}</strong>` +
    (banner.body ? `<span>${escapeHtml(banner.body)}</span>` : '') +
    '<em>Xem chi tiết »</em></a></body></html>'
  );
}

/** The one snippet a webmaster pastes: a sandboxed iframe (no allow-scripts, no allow-same-origin). */
export function renderEmbedSnippet(embedUrl: string, width = 300, height = 250): string {
  return (
    `<iframe src="${escapeHtml(embedUrl)}" width="${width}" height="${height}" loading="lazy"` +
    ` sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer"` +
    ` style="border:0;overflow:hidden" title="Thông tin tuyên truyền / Public information"></iframe>`
  );
}
