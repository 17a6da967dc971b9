/** Combining Diacritical Marks: every Vietnamese tone mark (grave, acute, hook, tilde, dot below)
 *  and vowel mark (circumflex, breve, horn) once the text is decomposed. */
const COMBINING_MARKS = /[\u0300-\u036f]/gu;

/** Letters with a stroke do not decompose. Ð/ð (U+00D0/U+00F0) are what Windows-1258 Đ/đ become when
 *  mis-decoded as Latin-1, so they are folded as well. */
const STROKED: Readonly<Record<string, string>> = { đ: 'd', Đ: 'D', Ð: 'D', ð: 'd' };
const STROKED_PATTERN = /[đĐÐð]/gu;

/** Removes Vietnamese tone and vowel marks (from NFC or NFD input) and folds đ/Đ to d/D; returns NFC text. */
export function stripDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(STROKED_PATTERN, (c) => STROKED[c] ?? c)
    .normalize('NFC');
}
