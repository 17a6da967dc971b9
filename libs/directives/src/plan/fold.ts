import { stripDiacritics } from '@loa/sms-text';

/** Dashes OCR and word processors produce, read as "-". */
const DASHES = /[‐-―−]/u;

/**
 * A text in three aligned forms, index for index: as written (NFC), lowercase, and folded (lowercase, without
 * diacritics, đ → d, every dash "-"). Rules match the folded form, so "Truyền thanh", "truyen thanh" and OCR's
 * "Truyên thanh" read alike, and a match maps back to the words as written.
 */
export interface FoldedText {
  readonly original: string;
  readonly lower: string;
  readonly folded: string;
}

function foldChar(char: string): { lower: string; folded: string } {
  const lower = char.toLowerCase();
  if (lower.length !== char.length) return { lower: char, folded: char };
  if (DASHES.test(lower)) return { lower, folded: '-' };
  const folded = stripDiacritics(lower);
  return { lower, folded: folded.length === char.length ? folded : lower };
}

export function foldText(text: string): FoldedText {
  const original = text.normalize('NFC');
  let lower = '';
  let folded = '';
  for (const char of original) {
    const f = foldChar(char);
    lower += f.lower;
    folded += f.folded;
  }
  return { original, lower, folded };
}

/** Folded form alone: lowercase, no diacritics, NFC. */
export function fold(text: string): string {
  return foldText(text).folded;
}
