import { AbbreviationDictionary } from './abbreviations';
import { countSyllables, toSpeechText } from './speech-text';
import { Dialect, formatDuration } from './vietnamese-numbers';

export const RADIO_PRIORITIES = ['normal', 'priority', 'emergency'] as const;
export type RadioPriority = (typeof RADIO_PRIORITIES)[number];

/** The letter behind a script, as extracted from it (any field may be missing: nothing is invented). */
export interface ScriptDirective {
  /** Lowercase kind: "công văn", "hướng dẫn", "kế hoạch". */
  documentType?: string | null;
  /** "5069/VP-VX"; a code whose number is still blank ("…/STTTT-TTBCXB") is left out. */
  documentCode?: string | null;
  date?: { year: number; month: number | null; day: number | null } | null;
  /** As printed, often in capitals: "SỞ THÔNG TIN VÀ TRUYỀN THÔNG". */
  issuer?: string | null;
  /** "UBND TỈNH SÓC TRĂNG": gives the issuer its place. */
  parentAuthority?: string | null;
  subject?: string | null;
}

export interface ScriptInput {
  /** Whose voice opens and closes: "Đài Truyền thanh xã Mỹ Hương". */
  stationName?: string | null;
  title: string;
  /** What the operator wrote for radio (or the letter's points). */
  body: string;
  priority?: RadioPriority;
  directive?: ScriptDirective | null;
  /** Length of the broadcast slot the script must fit, with its repeats; no check when missing. */
  slotSeconds?: number | null;
  /** Readings per slot (default 1). */
  repeat?: number;
}

export interface ScriptOptions {
  dictionary: AbbreviationDictionary;
  /** Number words: "linh"/"nghìn" (north, central) or "lẻ"/"ngàn" (south). */
  dialect?: Dialect;
  /** Reading pace on air, in syllables a minute (default 130). */
  syllablesPerMinute?: number;
}

export interface BroadcastScript {
  /** The text to read (and to synthesise): every number, date, code, address and abbreviation in words. */
  text: string;
  /** Syllables (a Vietnamese word is one syllable), and seconds for one reading at a steady pace. */
  words: number;
  estimatedSeconds: number;
  repeat: number;
  /** One reading × repeat. */
  airtimeSeconds: number;
  slotSeconds: number | null;
  /** False when the readings do not fit the slot; null when no slot length is known. */
  fitsSlot: boolean | null;
  /** For the editor, in Vietnamese. */
  warnings: string[];
  unknownAbbreviations: string[];
}

export const DEFAULT_SYLLABLES_PER_MINUTE = 130;
const DEFAULT_STATION = 'Đài Truyền thanh';
const PLACE_WORDS = /(?:^|\s)(tỉnh|thành phố|huyện|quận|thị xã|xã(?!\s+hội)|phường|thị trấn)\s+(.+)$/u;
const PARTY_COMMITTEE = /^(tỉnh|huyện|thành|thị|đảng) ủy(?![\p{L}])/u;

/**
 * Writes the text a loudspeaker station reads aloud (pure): an opening in the station's voice, the letter it
 * carries out, the body, and a closing; then everything is put into words for reading and for text-to-speech.
 */
export function writeBroadcastScript(input: ScriptInput, opts: ScriptOptions): BroadcastScript {
  const station = clean(input.stationName) || DEFAULT_STATION;
  const title = stripEnd(clean(input.title));
  const priority = input.priority ?? 'normal';
  const paragraphs: string[] = [];
  if (priority === 'emergency') paragraphs.push('Thông báo khẩn! Thông báo khẩn!');
  if (priority === 'priority') paragraphs.push('Thông báo quan trọng!');
  paragraphs.push('Kính thưa bà con nhân dân!');
  paragraphs.push(`Sau đây, ${station} xin thông tin đến bà con: ${title}.`);
  const basis = input.directive ? basisSentence(input.directive, opts.dictionary) : null;
  if (basis) paragraphs.push(basis);
  const body = input.body
    .normalize('NFC')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  paragraphs.push(...body);
  paragraphs.push(
    priority === 'emergency'
      ? `${station} vừa phát thông báo khẩn: ${title}. Đề nghị bà con khẩn trương thực hiện. Xin cảm ơn bà con đã lắng nghe!`
      : `${station} vừa phát thông tin: ${title}. Đề nghị bà con nhân dân quan tâm theo dõi và thực hiện. Xin trân trọng cảm ơn bà con đã lắng nghe!`,
  );

  const speech = toSpeechText(paragraphs.join('\n\n'), { dictionary: opts.dictionary, dialect: opts.dialect });
  const words = countSyllables(speech.text);
  const perMinute = opts.syllablesPerMinute ?? DEFAULT_SYLLABLES_PER_MINUTE;
  const estimatedSeconds = Math.ceil((words / perMinute) * 60);
  const repeat = Math.max(1, Math.floor(input.repeat ?? 1));
  const airtimeSeconds = estimatedSeconds * repeat;
  const slotSeconds = input.slotSeconds && input.slotSeconds > 0 ? input.slotSeconds : null;
  const fitsSlot = slotSeconds === null ? null : airtimeSeconds <= slotSeconds;
  const warnings: string[] = [];
  if (fitsSlot === false) {
    const reads = repeat > 1 ? ` (${repeat} lượt × ${formatDuration(estimatedSeconds)})` : '';
    warnings.push(
      `Thời lượng đọc ước tính ${formatDuration(airtimeSeconds)}${reads} vượt thời lượng khung phát ${formatDuration(slotSeconds!)}.`,
    );
  }
  if (speech.unknownAbbreviations.length) {
    warnings.push(
      `Chưa có cách đọc cho chữ viết tắt: ${speech.unknownAbbreviations.join(', ')} (bổ sung vào config/radio-abbreviations.json).`,
    );
  }
  return {
    text: speech.text,
    words,
    estimatedSeconds,
    repeat,
    airtimeSeconds,
    slotSeconds,
    fitsSlot,
    warnings,
    unknownAbbreviations: speech.unknownAbbreviations,
  };
}

/**
 * "Ngày 28/9/2021, Sở Thông tin và Truyền thông tỉnh Sóc Trăng ban hành Công văn số 5069/VP-VX về việc …."
 * Missing parts are left out; null when there is nothing to say.
 */
function basisSentence(d: ScriptDirective, dictionary: AbbreviationDictionary): string | null {
  const kind = clean(d.documentType) || 'văn bản';
  const code = clean(d.documentCode);
  const hasNumber = code && /^\d/.test(code);
  const doc = `${capitalize(kind)}${hasNumber ? ` số ${code}` : ''}`;
  const subject = clean(d.subject).replace(/^V\/v\s*/i, '');
  const about = subject ? ` về việc ${lowerFirst(stripEnd(subject))}` : '';
  const issuer = issuerName(d.issuer ?? null, d.parentAuthority ?? null, dictionary);
  const date = d.date ? dateWords(d.date) : '';
  if (!hasNumber && !issuer && !subject) return null;
  if (issuer) return `${date ? `${capitalize(date)}, ` : ''}${issuer} ban hành ${doc}${about}.`;
  return `Theo ${doc}${date ? ` ${date}` : ''}${about}.`;
}

function dateWords(date: { year: number; month: number | null; day: number | null }): string {
  if (date.day && date.month) return `ngày ${date.day}/${date.month}/${date.year}`;
  if (date.month) return `tháng ${date.month}/${date.year}`;
  return `năm ${date.year}`;
}

/** "SỞ THÔNG TIN VÀ TRUYỀN THÔNG" under "UBND TỈNH SÓC TRĂNG" → "Sở Thông tin và Truyền thông tỉnh Sóc Trăng". */
export function issuerName(
  issuer: string | null,
  parent: string | null,
  dictionary: AbbreviationDictionary,
): string | null {
  const own = clean(issuer);
  if (!own) return null;
  const name = officialCase(own, dictionary);
  if (PLACE_WORDS.test(name.toLowerCase())) return name;
  const p = clean(parent);
  if (!p) return name;
  const parentName = officialCase(p, dictionary);
  if (PARTY_COMMITTEE.test(parentName.toLowerCase())) return `${name} ${capitalize(parentName)}`;
  const place = PLACE_WORDS.exec(parentName);
  return place ? `${name} ${place[1].toLowerCase()} ${place[2]}` : name;
}

/**
 * Official names printed in capitals, put back in the case they are written in: sentence case, proper names as
 * the dictionary spells them ("Thông tin và Truyền thông"), place names capitalised word by word.
 */
export function officialCase(name: string, dictionary: AbbreviationDictionary): string {
  const text = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (text !== text.toUpperCase()) return expandAll(text, dictionary);
  // Lowercase what is printed in capitals, but keep abbreviations to expand them as the dictionary writes them.
  let out = '';
  let last = 0;
  for (const m of dictionary.pattern ? text.matchAll(dictionary.pattern) : []) {
    out += text.slice(last, m.index).toLowerCase() + (dictionary.expansion(m[0]) ?? m[0]);
    last = (m.index ?? 0) + m[0].length;
  }
  out = capitalize(out + text.slice(last).toLowerCase());
  const proper = [...new Set(dictionary.entries.values())]
    .filter((v) => /\s\p{Lu}/u.test(v))
    .sort((a, b) => b.length - a.length);
  for (const v of proper) {
    const re = new RegExp(`(?<![\\p{L}])${escapeRegExp(v.toLowerCase())}(?![\\p{L}])`, 'giu');
    out = out.replace(re, (_m: string, offset: number) => (offset === 0 ? capitalize(v) : v));
  }
  const committee = /(tỉnh|huyện|thành|thị|đảng) ủy(?![\p{L}])/iu.exec(out);
  if (committee) {
    const at = committee.index;
    return capitalize(
      `${out.slice(0, at)}${capitalize(committee[0])}${titleWords(out.slice(at + committee[0].length))}`,
    );
  }
  const place = /(?:^|\s)(tỉnh|thành phố|huyện|quận|thị xã|xã(?!\s+hội)|phường|thị trấn)\s+(.+)$/iu.exec(out);
  if (place) {
    const start = place.index + place[0].lastIndexOf(place[2]);
    out = `${out.slice(0, start)}${titleWords(place[2])}`;
  }
  return capitalize(out);
}

function expandAll(text: string, dictionary: AbbreviationDictionary): string {
  return dictionary.pattern ? text.replace(dictionary.pattern, (m) => dictionary.expansion(m) ?? m) : text;
}

function titleWords(s: string): string {
  return s.replace(/(^|\s)(\p{L})/gu, (_m, sp: string, c: string) => `${sp}${c.toUpperCase()}`);
}

function clean(s: string | null | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

function stripEnd(s: string): string {
  return s.replace(/[\s.;:,!]+$/u, '');
}

function capitalize(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** Lowercases the first letter unless the first word is an acronym or a proper name in capitals ("UBND"). */
function lowerFirst(s: string): string {
  const first = s.split(/\s/)[0] ?? '';
  if (first.length > 1 && first === first.toUpperCase()) return s;
  return s ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
