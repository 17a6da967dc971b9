/**
 * Names of administrative units as people write them: "Xã Hòa Tú II", "xã Hoà Tú 2", "TP. Sóc Trăng". Pure.
 */

/** What a unit is, read from the word its name starts with (the official full name). */
export type UnitKind =
  | 'municipality'
  | 'province'
  | 'urban_district'
  | 'rural_district'
  | 'provincial_city'
  | 'town'
  | 'ward'
  | 'commune'
  | 'township'
  | 'special_zone';

/** Leading words of a full name, longest first, with the kind they name. "Thành phố" depends on the level. */
const KIND_WORDS: ReadonlyArray<readonly [string, UnitKind | 'city']> = [
  ['thành phố', 'city'],
  ['thủ đô', 'municipality'],
  ['thị trấn', 'township'],
  ['đặc khu', 'special_zone'],
  ['thị xã', 'town'],
  ['phường', 'ward'],
  ['huyện', 'rural_district'],
  ['quận', 'urban_district'],
  ['tỉnh', 'province'],
  ['xã', 'commune'],
];

/** Short forms letters use: "TP.", "TX.", "TT.". */
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|[\s,(])tp\.?\s*(?=\p{L})/gu, '$1thành phố '],
  [/(^|[\s,(])tx\.?\s*(?=\p{L})/gu, '$1thị xã '],
  [/(^|[\s,(])tt\.?\s*(?=\p{L})/gu, '$1thị trấn '],
];

/** Tone marks on "oa", "oe", "uy" written on the second vowel (hoà) moved to the first (hòa): one spelling. */
const TONE_PLACEMENT: ReadonlyArray<readonly [string, string]> = [
  ['oà', 'òa'],
  ['oá', 'óa'],
  ['oả', 'ỏa'],
  ['oã', 'õa'],
  ['oạ', 'ọa'],
  ['oè', 'òe'],
  ['oé', 'óe'],
  ['oẻ', 'ỏe'],
  ['oẽ', 'õe'],
  ['oẹ', 'ọe'],
  ['uỳ', 'ùy'],
  ['uý', 'úy'],
  ['uỷ', 'ủy'],
  ['uỹ', 'ũy'],
  ['uỵ', 'ụy'],
];

/** Numbered wards are written both ways ("Phường V", "Phường 5"). */
export const ROMAN_NUMERALS: Readonly<Record<string, string>> = {
  i: '1',
  ii: '2',
  iii: '3',
  iv: '4',
  v: '5',
  vi: '6',
  vii: '7',
  viii: '8',
};

/**
 * The key two spellings of one name share: NFC, lower case, single spaces, one tone placement, trailing Roman
 * numerals as digits, and — unless `keepKind` — without the leading kind word ("xã", "thành phố").
 */
export function nameKey(name: string, options: { keepKind?: boolean } = {}): string {
  let s = name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [from, to] of ABBREVIATIONS) s = s.replace(from, to);
  for (const [from, to] of TONE_PLACEMENT) s = s.split(from).join(to);
  s = s.replace(/ (viii|vii|vi|iv|v|iii|ii|i)$/u, (_, r: string) => ` ${ROMAN_NUMERALS[r]}`);
  s = s.replace(/\s+/g, ' ').trim();
  if (!options.keepKind) {
    const word = KIND_WORDS.find(([w]) => s.startsWith(`${w} `));
    if (word) s = s.slice(word[0].length + 1);
  }
  return s;
}

/** The kind word a name starts with ("thành phố", "xã"), lower case; null when it has none. */
export function kindWordOf(name: string): string | null {
  const s = name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return KIND_WORDS.find(([w]) => s.startsWith(`${w} `))?.[0] ?? null;
}

/** The kind a full name states; "Thành phố" is a municipality at province level and a provincial city below it. */
export function unitKindOf(fullName: string, level: 'province' | 'district' | 'commune' = 'province'): UnitKind {
  const s = fullName.normalize('NFC').toLowerCase().trim();
  const word = KIND_WORDS.find(([w]) => s.startsWith(`${w} `));
  if (!word) throw new Error(`unit name without a kind word: ${fullName}`);
  if (word[1] === 'city') return level === 'province' ? 'municipality' : 'provincial_city';
  return word[1];
}
