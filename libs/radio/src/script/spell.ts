import { ReadingOptions, readDigits, readInteger } from './vietnamese-numbers';

/** Vietnamese names of Latin letters, as spelled aloud ("ét", "tê", "vê kép"). */
const LETTER_NAMES: Record<string, string> = {
  a: 'a',
  ă: 'á',
  â: 'ớ',
  b: 'bê',
  c: 'xê',
  d: 'dê',
  đ: 'đê',
  e: 'e',
  ê: 'ê',
  f: 'ép',
  g: 'giê',
  h: 'hát',
  i: 'i',
  j: 'gi',
  k: 'ca',
  l: 'e lờ',
  m: 'em mờ',
  n: 'en nờ',
  o: 'o',
  ô: 'ô',
  ơ: 'ơ',
  p: 'pê',
  q: 'quy',
  r: 'e rờ',
  s: 'ét',
  t: 'tê',
  u: 'u',
  ư: 'ư',
  v: 'vê',
  w: 'vê kép',
  x: 'ích xì',
  y: 'i dài',
  z: 'dét',
};

/** Separators as read in addresses and codes. */
const SYMBOL_NAMES: Record<string, string> = {
  '.': 'chấm',
  '/': 'gạch chéo',
  '-': 'gạch ngang',
  _: 'gạch dưới',
  ':': 'hai chấm',
  '@': 'a còng',
  '?': 'chấm hỏi',
  '=': 'bằng',
  '&': 'và',
  '#': 'thăng',
  '%': 'phần trăm',
  '~': 'dấu ngã',
  '+': 'cộng',
};

/** Spells letters one by one: "VP" → "vê pê". */
export function spellLetters(letters: string): string {
  return [...letters.normalize('NFC').toLowerCase()]
    .map((c) => LETTER_NAMES[c] ?? SYMBOL_NAMES[c] ?? c)
    .filter((w) => w.trim())
    .join(' ');
}

/**
 * A web address or e-mail as a listener can type it: the scheme is dropped, letters stay as written (lowercase),
 * digits are read one by one and separators by name.
 * "https://vandongxahoi.mattran.org.vn" → "vandongxahoi chấm mattran chấm org chấm vn";
 * "www.soctrang.gov.vn/tin-tuc" → "vê kép vê kép vê kép chấm soctrang chấm gov chấm vn gạch chéo tin gạch ngang tuc".
 */
export function spellAddress(address: string): string {
  let rest = address
    .normalize('NFC')
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  rest = rest.replace(/\/+$/, '');
  const out: string[] = [];
  for (const token of rest.match(/[\p{L}]+|\d+|[^\p{L}\d]/gu) ?? []) {
    if (/^\d+$/.test(token)) out.push(readDigits(token));
    else if (/^\p{L}+$/u.test(token)) out.push(/^w{3}$/i.test(token) ? 'vê kép vê kép vê kép' : token.toLowerCase());
    else if (SYMBOL_NAMES[token]) out.push(SYMBOL_NAMES[token]);
  }
  return out.join(' ');
}

/**
 * An official document code ("số, ký hiệu") in words: the number, the year when present, then the symbol spelled
 * letter by letter. "5069/VP-VX" → "năm nghìn không trăm sáu mươi chín, ký hiệu vê pê gạch ngang vê ích xì";
 * "30/2021/QH15" → "ba mươi năm hai nghìn không trăm hai mươi mốt, ký hiệu quy hát mười lăm".
 */
export function readDocumentCode(
  parts: { number: string | null; year?: string | null; symbol: string },
  opts: ReadingOptions = {},
): string {
  const head: string[] = [];
  if (parts.number) head.push(readInteger(parts.number, opts));
  if (parts.year) head.push(`năm ${readInteger(parts.year, opts)}`);
  const symbol = readSymbol(parts.symbol, opts);
  return head.length ? `${head.join(' ')}, ký hiệu ${symbol}` : `ký hiệu ${symbol}`;
}

/** "QĐ-UBND" → "quy đê gạch ngang u bê en nờ dê"; digit runs are read as numbers ("QH15" → "… mười lăm"). */
export function readSymbol(symbol: string, opts: ReadingOptions = {}): string {
  const out: string[] = [];
  for (const token of symbol.normalize('NFC').match(/\p{L}+|\d+|[^\p{L}\d]/gu) ?? []) {
    if (/^\d+$/.test(token)) out.push(readInteger(token, opts));
    else if (/^\p{L}+$/u.test(token)) out.push(spellLetters(token));
    else if (SYMBOL_NAMES[token]) out.push(SYMBOL_NAMES[token]);
  }
  return out.join(' ');
}
