import sharp from 'sharp';
import { escapeHtml } from '@loa/common';
import type { BannerSize } from '../serving/banner-sizes';

/**
 * A text banner drawn as a PNG of one standard size, for the plain `<a><img>` snippet of sites that strip iframes:
 * the same colours as the embed page, the text set by Pango (fontconfig's fonts; Liberation and DejaVu carry every
 * Vietnamese glyph) and fitted to the box.
 */
export async function renderTextBannerPng(
  size: BannerSize,
  banner: { headline: string; body: string | null },
): Promise<Buffer> {
  const border = size.height <= 64 ? 2 : 3;
  const pad = size.height <= 64 ? 4 : size.height <= 130 ? 8 : 14;
  const compact = size.height <= 130;
  const markup =
    `<span foreground="#ffffff"><b>${escapeHtml(banner.headline)}</b>` +
    (banner.body && !compact ? `\n<span size="small">${escapeHtml(banner.body)}</span>` : '') +
    `${compact ? '  ' : '\n'}<span foreground="#fbc02d" size="small">Xem chi tiết »</span></span>`;
  const box = { width: size.width - 2 * (border + pad), height: size.height - 2 * (border + pad) };
  const draw = (fit: { dpi: number } | { height: number }) =>
    sharp({ text: { text: markup, font: 'Liberation Sans', width: box.width, rgba: true, wrap: 'word', ...fit } })
      .png()
      .toBuffer({ resolveWithObject: true });
  // A comfortable reading size when it fits; otherwise as large as fits the box.
  let text = await draw({ dpi: compact ? 80 : 120 });
  if (text.info.height > box.height || text.info.width > box.width) text = await draw({ height: box.height });
  const frame = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">` +
      `<rect x="${border / 2}" y="${border / 2}" width="${size.width - border}" height="${size.height - border}"` +
      ` fill="#b71c1c" stroke="#fbc02d" stroke-width="${border}"/></svg>`,
  );
  return sharp(frame)
    .composite([
      {
        input: text.data,
        left: border + pad,
        top: Math.max(border + pad, Math.round((size.height - text.info.height) / 2)),
      },
    ])
    .png({ compressionLevel: 9, palette: true })
    .toBuffer();
}
