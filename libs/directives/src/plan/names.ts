import { fold } from './fold';

/** Abbreviations letters use in names, expanded so "Cổng TTĐT tỉnh" and "Cổng Thông tin điện tử tỉnh" compare equal. */
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bubmttq(?:vn)?\b/g, 'uy ban mat tran to quoc'],
  [/\bmttq(?:vn)?\b/g, 'mat tran to quoc'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bttdt\b/g, 'thong tin dien tu'],
  [/\bpt\s?-?\s?th\b|\bptth\b|\bpt\s?&\s?th\b/g, 'phat thanh truyen hinh'],
  [/\btttt\b/g, 'thong tin truyen thong'],
  [/\bkh\s?&\s?cn\b|\bkhcn\b/g, 'khoa hoc cong nghe'],
  [/\bvh\b/g, 'van hoa'],
  [/\btp\b/g, 'thanh pho'],
];

/** Words that do not tell two names apart. */
const FILLER = new Set(['va', 'cua', 'cac', 'ca']);

/** "UBND TỈNH SÓC TRĂNG" / "Sóc Trăng" → "soc trang": the place a letter or directory belongs to. */
export function provinceKey(authorityOrPlace: string): string {
  return fold(authorityOrPlace)
    .replace(/^(?:uy ban nhan dan|ubnd|tinh uy|thanh uy)\s+/, '')
    .replace(/^(?:tinh|thanh pho)\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * A comparable form of an addressee or directory name: folded, abbreviations expanded, punctuation and filler
 * words dropped, and the province ("tỉnh", "tỉnh Sóc Trăng", "Sóc Trăng") removed from the end, so "Sở Y tế" and
 * "Sở Y tế tỉnh Sóc Trăng" compare equal within Sóc Trăng.
 */
export function nameKey(name: string, provinces: readonly string[] = []): string {
  let key = fold(name);
  for (const [pattern, replacement] of ABBREVIATIONS) key = key.replace(pattern, replacement);
  key = key
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w !== '' && !FILLER.has(w))
    .join(' ');
  for (const province of provinces) {
    if (province && key.endsWith(` ${province}`)) key = key.slice(0, -province.length - 1);
  }
  return key.replace(/ tinh$/, '');
}

/** Same body: equal keys, or one key extends the other by whole words (the shorter has at least two words). */
export function sameName(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.includes(' ') && long.startsWith(`${short} `);
}
