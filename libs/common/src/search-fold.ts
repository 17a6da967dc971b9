/**
 * Accent- and case-insensitive search for Vietnamese, the same in TypeScript and in SQL: "ung ho", "Ủng hộ" and
 * "UNG HO" all fold to "ung ho". Pure; no Nest, no I/O.
 */

/** Strips tone and vowel marks, đ → d, lowercase, NFC in, ASCII letters out where a Latin letter was marked. */
export function searchFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .normalize('NFC');
}

/**
 * `from`/`to` for PostgreSQL's `translate(lower(col), from, to)`: every precomposed Latin letter with marks (upper
 * and lower case, Latin-1 to Latin Extended Additional) mapped to its folded ASCII letter. Upper case is listed as
 * well, so the result does not depend on how the database's collation lower-cases non-ASCII letters.
 */
export const SQL_SEARCH_FOLD: { readonly from: string; readonly to: string } = (() => {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x1eff; code++) {
    const char = String.fromCodePoint(code);
    const folded = searchFold(char);
    if (folded !== char && /^[a-z]$/.test(folded)) {
      from += char;
      to += folded;
    }
  }
  return { from, to };
})();

/** A LIKE pattern matching `query` anywhere in a folded column, with LIKE's own wildcards escaped. */
export function searchPattern(query: string): string {
  return `%${searchFold(query.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
