/**
 * Line-level helpers shared by the field extractors. Letters converted from PDF or OCR carry blank lines at
 * random (page breaks, every wrapped line doubled), so extractors work on the non-blank lines only and decide
 * from punctuation and letter case whether a line continues the previous one.
 */

const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/gu;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/gu;
const LINE_BREAKS = /\r\n?|[\v\f\u0085\u2028\u2029]/gu;
const SPACES = /[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/gu;
/** Markdown bold left by some converters ("**HƯỚNG DẪN**"). */
const BOLD_MARKERS = /\*\*/gu;

/** NFC, unified line breaks and spaces, no invisible characters; blank lines dropped, each line trimmed. */
export function toLines(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(LINE_BREAKS, '\n')
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(BOLD_MARKERS, '')
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .filter((line) => line !== '');
}

const BULLET = /^[-–—+•*·▪●○◦]\s*/u;

export function isBullet(line: string): boolean {
  return BULLET.test(line) && line.length > 1;
}

export function stripBullet(line: string): string {
  return line.replace(BULLET, '');
}

const LIST_PUNCTUATION = new Set([' ', ';', ',', '.', ':', '/']);

/** Removes list punctuation: trailing ";", ",", "." (also "./.") and surrounding spaces. */
export function cleanEntry(entry: string): string {
  // A loop rather than /[;,.]+$/, which backtracks quadratically on long runs of punctuation.
  let end = entry.length;
  while (end > 0 && LIST_PUNCTUATION.has(entry[end - 1])) end--;
  return entry.slice(0, end).trim();
}

export function startsLowercase(line: string): boolean {
  return /^\p{Ll}/u.test(line);
}

export function startsUppercase(line: string): boolean {
  return /^\p{Lu}/u.test(line);
}

/** The line ends a sentence or a list entry. */
export function endsClause(line: string): boolean {
  return /[.;:!?][)"”’]{0,3}$/u.test(line.slice(-8));
}

/** At least two words and (almost) every letter uppercase; only the first 300 characters are checked. */
export function isUppercaseLine(line: string): boolean {
  const sample = line.slice(0, 300);
  let upper = 0;
  let lower = 0;
  for (const char of sample) {
    if (char !== char.toLowerCase()) upper++;
    else if (char !== char.toUpperCase()) lower++;
  }
  return upper >= 4 && lower <= upper / 10 && /\p{L}{2,}\s+\p{L}/u.test(sample);
}

/** Joins wrapped lines with spaces; a word split by a hyphen at the end of a line ("Covid-" + "19") is rejoined. */
export function joinWrapped(lines: readonly string[]): string {
  const parts: string[] = [];
  let previous = '';
  for (const line of lines) {
    if (parts.length > 0) parts.push(/[\p{L}\d]-$/u.test(previous.slice(-3)) ? '' : ' ');
    parts.push(line);
    previous = line;
  }
  return parts.join('');
}
