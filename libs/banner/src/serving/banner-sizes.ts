/** A standard banner size (IAB names) a portal can place. */
export interface BannerSize {
  name: string;
  width: number;
  height: number;
  /** Vietnamese first, then English. */
  label: string;
  /** The media query of an iframe this size is for (the five are mutually exclusive and cover every frame). */
  query: string;
}

/** The sizes portals use, the first being the default. */
export const BANNER_SIZES: readonly BannerSize[] = [
  {
    name: '300x250',
    width: 300,
    height: 250,
    label: 'Hình chữ nhật vừa / Medium rectangle',
    query: '(min-height:131px) and (min-width:201px)',
  },
  {
    name: '728x90',
    width: 728,
    height: 90,
    label: 'Băng ngang / Leaderboard',
    query: '(min-height:65px) and (max-height:130px) and (min-width:481px)',
  },
  {
    name: '320x100',
    width: 320,
    height: 100,
    label: 'Điện thoại, lớn / Large mobile banner',
    query: '(min-height:65px) and (max-height:130px) and (max-width:480px)',
  },
  { name: '320x50', width: 320, height: 50, label: 'Điện thoại / Mobile banner', query: '(max-height:64px)' },
  {
    name: '160x600',
    width: 160,
    height: 600,
    label: 'Cột dọc / Wide skyscraper',
    query: '(min-height:131px) and (max-width:200px)',
  },
];

export const DEFAULT_BANNER_SIZE = BANNER_SIZES[0];

/** The size named `name` (e.g. "728x90"); the default when none is given; null for a size we do not make. */
export function bannerSize(name: string | null | undefined): BannerSize | null {
  if (name === null || name === undefined || name === '') return DEFAULT_BANNER_SIZE;
  return BANNER_SIZES.find((s) => s.name === name) ?? null;
}
