import { AbbreviationDictionary } from './abbreviations';
import { readDocumentCode, spellAddress } from './spell';
import {
  Dialect,
  ReadingOptions,
  readDate,
  readDecimal,
  readDigits,
  readInteger,
  readMonth,
  readOrdinal,
  readTime,
} from './vietnamese-numbers';

export interface SpeechTextOptions {
  dictionary: AbbreviationDictionary;
  dialect?: Dialect;
}

export interface SpeechText {
  text: string;
  /** All-caps words the dictionary does not know (left as written): candidates for the dictionary. */
  unknownAbbreviations: string[];
}

/** A piece of text; `done` pieces are already in words and later passes leave them alone. */
interface Segment {
  text: string;
  done: boolean;
}

type Replacer = (m: RegExpMatchArray) => string | null;

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Runs one rule over the pieces not yet read; each replacement becomes a `done` piece. */
function pass(segments: Segment[], pattern: RegExp, replace: Replacer): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.done) {
      out.push(s);
      continue;
    }
    let last = 0;
    for (const m of s.text.matchAll(pattern)) {
      const reading = replace(m);
      if (reading === null) continue;
      const start = m.index ?? 0;
      const end = start + m[0].length;
      let r = reading;
      // Keep words apart where a reading meets a letter or digit ("QH15" → "QH mười lăm").
      if (start > 0 && WORD_CHAR.test(s.text[start - 1])) r = ` ${r}`;
      if (end < s.text.length && WORD_CHAR.test(s.text[end])) r = `${r} `;
      if (start > last) out.push({ text: s.text.slice(last, start), done: false });
      out.push({ text: r, done: true });
      last = end;
    }
    if (last < s.text.length) out.push({ text: s.text.slice(last), done: false });
  }
  return out;
}

/** A plain substitution on pieces not yet read (the result may still be read by later rules). */
function rewrite(segments: Segment[], pattern: RegExp, replacement: string): Segment[] {
  return segments.map((s) => (s.done ? s : { text: s.text.replace(pattern, replacement), done: false }));
}

const TLDS = 'vn|com|org|net|gov|edu|info|int|io|asia|biz';
const URL_END = `[^\\s<>"“”()\\[\\]]*[^\\s<>"“”()\\[\\].,;:!?]`;
const EMAIL = /(?<![\p{L}\p{N}._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/gu;
const URL_WITH_SCHEME = new RegExp(`https?:\\/\\/${URL_END}`, 'giu');
const DOMAIN = new RegExp(
  `(?<![\\p{L}\\p{N}@.\\-\\/])(?:www\\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${TLDS})(?![\\p{L}\\p{N}-])(?:\\/${URL_END})?`,
  'giu',
);
const SYMBOL = `[A-ZĐ][\\p{L}\\d&]*(?:[-\\/.][\\p{L}\\d&]+)*`;
/** "5069/VP-VX", "30/2021/QH15", "2375/QĐ-UBND". */
const DOC_CODE = new RegExp(`(?<![\\p{L}\\p{N}\\/.,])(\\d+)(?:\\/(\\d{4}))?\\/(${SYMBOL})`, 'gu');
/** Party documents: "22-HD/BTGTU", "07-KL/TW". */
const PARTY_DOC_CODE = new RegExp(`(?<![\\p{L}\\p{N}\\/.,])(\\d+)-([A-ZĐ]+\\/${SYMBOL})`, 'gu');
const FULL_DATE = /(?:(ngày|Ngày)\s+)?(?<![\p{N}/.,])(\d{1,2})([/.-])(\d{1,2})\3(\d{4})(?![\p{N}])/gu;
const MONTH_YEAR = /(?:(tháng|Tháng)\s+)?(?<![\p{N}/.,])(\d{1,2})\/(\d{4})(?![\p{N}/])/gu;
const DAY_MONTH = /(ngày|Ngày|từ|Từ|đến|Đến|hôm|Hôm|trước|sau)\s+(\d{1,2})\/(\d{1,2})(?![\p{N}/])/gu;
const CLOCK = /(?<![\p{N}:.,])([01]?\d|2[0-3])\s?[:hg]\s?([0-5]\d)(?![\p{N}:])/gu;
const HOUR = /(?<![\p{N}:.,])([01]?\d|2[0-3])\s?h(?![\p{L}\p{N}])/gu;
const PERCENT = /(?<![\p{N}.,])(\d+)(?:[.,](\d+))?\s?%/gu;
const MONEY = /(?<![\p{N}.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?\s?(?:đồng|đ)(?![\p{L}\p{N}])/gu;
const PHONE_AFTER_WORD =
  /(đường dây nóng|Đường dây nóng|hotline|Hotline|tổng đài|Tổng đài|điện thoại|Điện thoại|số máy|gọi)(\s*(?:số)?\s*:?\s*)(\d[\d .]{1,14}\d|\d{2,})/gu;
const PHONE = /(?<![\p{N}.,])0\d{2,3}(?:[ .-]?\d{2,4}){1,3}(?![\p{N}])/gu;
const ORDINAL = /(thứ|Thứ)\s+(\d{1,3})(?![\p{N}])/gu;
const MONTH_WORD = /(tháng|Tháng)\s+(\d{1,2})(?![\p{N}/])/gu;
const NUMBER_RANGE = /(?<![\p{N}.,])(\d+)\s?[-–]\s?(\d+)(?![\p{N}])/gu;
const SECTION_NUMBER = /(?<![\p{N}.,])(\d+)\.(\d{1,2})(?![\p{N}])/gu;
const NUMBER = /(?<![\p{N}])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?![\p{N}])/gu;
const ROMAN_HEADING = /^(I|II|III|IV|V|VI|VII|VIII|IX|X)\.(?=\s+\p{Lu})/gmu;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const ALL_CAPS_TOKEN = /(?<![\p{L}\p{N}])[A-ZĐ][A-ZĐ0-9]{1,9}(?![\p{L}\p{N}])/gu;

function capitalizeLike(word: string, reading: string): string {
  return /^\p{Lu}/u.test(word) ? reading.charAt(0).toUpperCase() + reading.slice(1) : reading;
}

function validDate(d: number, m: number): boolean {
  return d >= 1 && d <= 31 && m >= 1 && m <= 12;
}

function readNumberText(grouped: string, fraction: string | undefined, o: ReadingOptions): string {
  const integer = grouped.replace(/\./g, '');
  return fraction ? readDecimal(integer, fraction, o) : readInteger(integer, o);
}

/** Digits grouped as written, groups separated by a short pause: "0299 3822 555". */
function readPhone(raw: string): string {
  return raw
    .split(/[ .-]+/)
    .filter(Boolean)
    .map((g) => readDigits(g))
    .join(', ');
}

/**
 * Rewrites text so it reads aloud as written Vietnamese is spoken (pure): web addresses spelled, document codes,
 * dictionary abbreviations, dates, times, percentages, money, phone numbers, ordinals and numbers in words.
 * Rules run in that order; what one rule has read is never touched by a later one.
 */
export function toSpeechText(input: string, opts: SpeechTextOptions): SpeechText {
  const o: ReadingOptions = { dialect: opts.dialect ?? 'north' };
  const text = input
    .normalize('NFC')
    .replace(/\.\/\./g, '.')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n');
  let s: Segment[] = [{ text, done: false }];

  s = pass(s, EMAIL, (m) => spellAddress(m[0]));
  s = pass(s, URL_WITH_SCHEME, (m) => spellAddress(m[0]));
  s = pass(s, DOMAIN, (m) => spellAddress(m[0]));
  s = pass(s, DOC_CODE, (m) => readDocumentCode({ number: m[1], year: m[2] ?? null, symbol: m[3] }, o));
  s = pass(s, PARTY_DOC_CODE, (m) => readDocumentCode({ number: m[1], symbol: m[2] }, o));
  const dictionary = opts.dictionary;
  if (dictionary.pattern) s = pass(s, dictionary.pattern, (m) => dictionary.expansion(m[0]) ?? null);

  s = pass(s, FULL_DATE, (m) => {
    const [d, mo, y] = [Number(m[2]), Number(m[4]), Number(m[5])];
    if (!validDate(d, mo)) return null;
    return capitalizeLike(m[1] ?? '', readDate(d, mo, y, o));
  });
  s = pass(s, MONTH_YEAR, (m) => {
    const mo = Number(m[2]);
    if (mo < 1 || mo > 12) return null;
    return capitalizeLike(m[1] ?? '', readDate(null, mo, Number(m[3]), o));
  });
  s = pass(s, DAY_MONTH, (m) => {
    const [d, mo] = [Number(m[2]), Number(m[3])];
    if (!validDate(d, mo)) return null;
    const date = readDate(d, mo, null, o);
    return /^ngày$/i.test(m[1]) ? capitalizeLike(m[1], date) : `${m[1]} ${date}`;
  });
  s = pass(s, CLOCK, (m) => readTime(Number(m[1]), Number(m[2]), o));
  s = pass(s, HOUR, (m) => readTime(Number(m[1]), 0, o));
  s = pass(s, PERCENT, (m) => `${readNumberText(m[1], m[2], o)} phần trăm`);
  s = pass(s, MONEY, (m) => `${readNumberText(m[1], m[2], o)} đồng`);
  s = pass(s, PHONE_AFTER_WORD, (m) => `${m[1]}${m[2]}${readPhone(m[3])}`);
  s = pass(s, PHONE, (m) => readPhone(m[0]));
  s = pass(s, ORDINAL, (m) => `${m[1]} ${readOrdinal(Number(m[2]), o)}`);
  s = pass(s, MONTH_WORD, (m) => {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? `${m[1]} ${readMonth(mo, o)}` : null;
  });
  s = pass(s, NUMBER_RANGE, (m) => `${readInteger(m[1], o)} đến ${readInteger(m[2], o)}`);
  s = rewrite(s, /(?<=\p{L})-(?=\d)/gu, ' ');
  s = pass(s, SECTION_NUMBER, (m) => `${readInteger(m[1], o)} chấm ${readInteger(m[2], o)}`);
  s = rewrite(s, /(?<=\d)\s?\/\s?(?=\d)/gu, ' trên ');
  s = pass(s, NUMBER, (m) => readNumberText(m[1], m[2], o));
  s = rewrite(s, /(?<=\p{L})\/(?=\p{L})/gu, ' hoặc ');
  s = rewrite(s, /\s*&\s*/gu, ' và ');
  s = pass(s, ROMAN_HEADING, (m) => {
    const n = ROMAN.indexOf(m[1]) + 1;
    const w = readInteger(n, o);
    return `${w.charAt(0).toUpperCase()}${w.slice(1)}.`;
  });

  const joined = s
    .map((x) => x.text)
    .join('')
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([,.;:!?)])/g, '$1')
    .replace(/ *\n */g, '\n')
    .trim();
  return { text: joined.normalize('NFC'), unknownAbbreviations: findUnknownAbbreviations(joined) };
}

/** All-caps tokens on lines written in sentence case (a heading in capitals is not a list of abbreviations). */
function findUnknownAbbreviations(text: string): string[] {
  const found = new Set<string>();
  for (const line of text.split('\n')) {
    const letters = [...line].filter((c) => /\p{L}/u.test(c));
    const upper = letters.filter((c) => /\p{Lu}/u.test(c)).length;
    if (!letters.length || upper / letters.length > 0.6) continue;
    for (const m of line.matchAll(ALL_CAPS_TOKEN)) {
      if ((m[0].match(/[A-ZĐ]/g) ?? []).length >= 2) found.add(m[0]);
    }
  }
  return [...found];
}

/** Syllables (Vietnamese words are written one syllable each) of a text; punctuation alone does not count. */
export function countSyllables(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}
