import { escapeHtml } from '@loa/common';
import { BANNER_SIZES, BannerSize } from './banner-sizes';

export interface EmbedBanner {
  campaignId: string;
  headline: string;
  body: string | null;
  /** Our signed click-counting redirect (never the target itself), or the target in a preview. */
  clickUrl: string;
  /** The view pixel that counts the impression; null in a preview (nothing counted). */
  viewUrl: string | null;
  /** Uploaded images by standard size (the text banner shows in the sizes without one). */
  images?: Array<{ size: string; src: string }>;
  /** The images' text alternative. */
  alt?: string;
}

/** The embed page's own policy: no script at all, images only from us (the view pixel). */
export const EMBED_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

const FONT = 'system-ui,"Segoe UI",Roboto,"Liberation Sans",Arial,sans-serif';

/**
 * One responsive layout for every standard size (the iframe's own viewport picks it): a card for 300×250, one row
 * for 728×90 and 320×100, the headline alone for 320×50, a column for 160×600.
 */
const STYLE =
  `html,body{margin:0;height:100%;overflow:hidden;font-family:${FONT}}` +
  'a.loa-banner{box-sizing:border-box;display:flex;flex-direction:column;justify-content:center;gap:.4em;' +
  'height:100%;padding:12px 16px;background:#b71c1c;color:#fff;text-decoration:none;border:3px solid #fbc02d;' +
  'overflow:hidden}' +
  'a.loa-banner strong{font-size:1.15em;line-height:1.25}' +
  'a.loa-banner span{font-size:.9em;line-height:1.3;display:-webkit-box;-webkit-box-orient:vertical;' +
  '-webkit-line-clamp:5;overflow:hidden}' +
  'a.loa-banner em{font-style:normal;font-size:.8em;color:#fbc02d;white-space:nowrap}' +
  '@media (max-height:130px){a.loa-banner{flex-direction:row;align-items:center;gap:12px;padding:6px 12px;' +
  'border-width:2px}a.loa-banner strong{font-size:1em;flex:0 1 auto;max-width:55%;display:-webkit-box;' +
  '-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}' +
  'a.loa-banner span{flex:1 1 0;min-width:0;font-size:.85em;-webkit-line-clamp:2}}' +
  '@media (max-height:130px) and (max-width:480px){a.loa-banner span{display:none}a.loa-banner strong{flex:1 1 0;' +
  'max-width:none;-webkit-line-clamp:3;font-size:.9em}}' +
  '@media (max-height:64px){a.loa-banner{padding:2px 8px;gap:8px}a.loa-banner strong{font-size:.85em;' +
  '-webkit-line-clamp:2;line-height:1.2}a.loa-banner em{font-size:.7em}}' +
  '@media (max-width:200px) and (min-height:300px){a.loa-banner{gap:1em;padding:16px 10px}' +
  'a.loa-banner strong{font-size:1.2em}a.loa-banner span{-webkit-line-clamp:14}}' +
  'img.loa-view{position:absolute;left:0;top:0;width:1px;height:1px;border:0}' +
  'img.loa-i{display:none;width:100%;height:100%;object-fit:cover}' +
  BANNER_SIZES.map(
    (z) =>
      `@media ${z.query}{a.loa-img-${z.name}{padding:0;border:0;background:none}` +
      `a.loa-img-${z.name}>:not(.loa-i-${z.name}){display:none}img.loa-i-${z.name}{display:block}}`,
  ).join('');

/**
 * The page served inside the portal's sandboxed iframe: self-contained (inline CSS, no script, no third-party
 * requests), every text escaped. With no active campaign it renders an empty, transparent page.
 */
export function renderEmbedPage(banner: EmbedBanner | null): string {
  const head =
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">' +
    `<title>Loa</title><style>${STYLE}</style></head><body>`;
  if (!banner) return `${head}</body></html>`;
  const images = (banner.images ?? []).filter((i) => BANNER_SIZES.some((z) => z.name === i.size));
  const alt = escapeHtml(banner.alt ?? banner.headline);
  return (
    head +
    `<a class="${['loa-banner', ...images.map((i) => `loa-img-${i.size}`)].join(' ')}"` +
    ` href="${escapeHtml(banner.clickUrl)}" target="_blank" rel="noopener noreferrer"` +
    ` data-campaign="${escapeHtml(banner.campaignId)}">` +
    images
      .map((i) => `<img class="loa-i loa-i-${i.size}" src="${escapeHtml(i.src)}" alt="${alt}" loading="lazy">`)
      .join('') +
    `<strong>${escapeHtml(banner.headline)}</strong>` +
    (banner.body ? `<span>${escapeHtml(banner.body)}</span>` : '') +
    '<em>Xem chi tiết »</em></a>' +
    (banner.viewUrl ? `<img class="loa-view" src="${escapeHtml(banner.viewUrl)}" alt="">` : '') +
    '</body></html>'
  );
}

const SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';
const TITLE = 'Thông tin tuyên truyền / Public information';

/**
 * The snippet a webmaster pastes for one standard size: a sandboxed iframe (never allow-scripts, never
 * allow-same-origin).
 */
export function renderEmbedSnippet(embedUrl: string, size: BannerSize = BANNER_SIZES[0]): string {
  return (
    `<iframe src="${escapeHtml(embedUrl)}" width="${size.width}" height="${size.height}" loading="lazy"` +
    ` sandbox="${SANDBOX}" referrerpolicy="no-referrer"` +
    ` style="border:0;overflow:hidden" title="${TITLE}"></iframe>`
  );
}

/**
 * The responsive snippet: as wide as the place it is put in (up to 728 px), as high as a leaderboard's
 * proportions give, never lower than a phone banner.
 */
export function renderResponsiveSnippet(embedUrl: string): string {
  return (
    `<iframe src="${escapeHtml(embedUrl)}" loading="lazy" sandbox="${SANDBOX}" referrerpolicy="no-referrer"` +
    ` style="border:0;overflow:hidden;display:block;width:100%;max-width:728px;aspect-ratio:728/90;min-height:50px"` +
    ` title="${TITLE}"></iframe>`
  );
}

/**
 * The plain snippet for sites whose editor strips iframes: a link and an image of one standard size (the banner
 * showing first on the portal, drawn as an image), counted like the iframe.
 */
export function renderImageSnippet(embedUrl: string, size: BannerSize): string {
  return (
    `<a href="${escapeHtml(embedUrl)}/go" target="_blank" rel="noopener noreferrer">` +
    `<img src="${escapeHtml(embedUrl)}/banner/${size.name}" width="${size.width}" height="${size.height}"` +
    ` alt="${TITLE}" style="border:0"></a>`
  );
}

/**
 * Every snippet a webmaster can choose from: each standard size (the iframe, and the plain image for sites that
 * strip iframes), then the responsive iframe.
 */
export function embedSnippets(
  embedUrl: string,
): Array<{ size: string; label: string; html: string; imageHtml: string | null }> {
  return [
    ...BANNER_SIZES.map((s) => ({
      size: s.name,
      label: s.label,
      html: renderEmbedSnippet(embedUrl, s),
      imageHtml: renderImageSnippet(embedUrl, s),
    })),
    { size: 'responsive', label: 'Tự co giãn / Responsive', html: renderResponsiveSnippet(embedUrl), imageHtml: null },
  ];
}
