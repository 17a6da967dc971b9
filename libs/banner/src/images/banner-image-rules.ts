import { BANNER_SIZES, BannerSize } from '../serving/banner-sizes';

/** Formats an operator may upload, as sharp names them, with the type each is served as. */
export const BANNER_IMAGE_FORMATS: Record<string, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** How far an image's proportions may be from a standard size's (3 %): it is cropped that little to fit. */
const ASPECT_TOLERANCE = 0.03;
/** An image at least twice the standard size is kept at twice (sharp on high-density screens), any other at once. */
export const MAX_DENSITY = 2;

/** What an uploaded image may be, or why not (Vietnamese first, then English). */
export type ImageVerdict =
  { ok: true; size: BannerSize; width: number; height: number } | { ok: false; reason: string };

const SIZE_LIST = BANNER_SIZES.map((s) => `${s.width}×${s.height}`).join(', ');

/**
 * The standard size an image of `width`×`height` is for: the one with the same proportions (within 3 %), at least
 * as large; the stored image is that size exactly, or twice it when the upload is that large.
 */
export function bannerImageVerdict(
  format: string | undefined,
  width: number,
  height: number,
  frames = 1,
): ImageVerdict {
  if (!format || !(format in BANNER_IMAGE_FORMATS)) {
    return { ok: false, reason: 'chỉ nhận ảnh PNG, JPEG hoặc WebP / only PNG, JPEG or WebP images' };
  }
  if (frames > 1) return { ok: false, reason: 'không nhận ảnh động / animated images are not accepted' };
  const aspect = width / height;
  const size = BANNER_SIZES.find((s) => Math.abs(aspect / (s.width / s.height) - 1) <= ASPECT_TOLERANCE);
  if (!size) {
    return {
      ok: false,
      reason: `ảnh ${width}×${height} không đúng tỷ lệ kích thước chuẩn nào (${SIZE_LIST}) / ${width}×${height} matches none of the standard sizes`,
    };
  }
  if (width < size.width || height < size.height) {
    return {
      ok: false,
      reason: `ảnh cho khổ ${size.width}×${size.height} phải rộng ít nhất ${size.width} px / an image for ${size.width}×${size.height} must be at least that large`,
    };
  }
  const density = width >= size.width * MAX_DENSITY ? MAX_DENSITY : 1;
  return { ok: true, size, width: Math.round(size.width * density), height: Math.round(size.height * density) };
}
