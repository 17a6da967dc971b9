import { joinWrapped, toLines } from '../extract/text-lines';
import type { DirectiveFields } from '../extract';
import { ADDRESSEE_RULES } from './addressee-rules';
import { bodyLines } from './letter-body';
import { Mention, findMentions } from './find-mentions';
import { FoldedText, fold, foldText } from './fold';

/**
 * How the body asks a group to act. Three readings, all over the lowercase text (with diacritics: short function
 * words such as "qua"/"quả" or "trên" collide once the marks are gone):
 *  - a clause that opens with a group, up to its verb: "Đài Truyền thanh cấp huyện, cấp xã thực hiện tiếp âm …",
 *    "2. Báo Sóc Trăng, Đài Phát thanh - Truyền hình Sóc Trăng ⏎ Tổ chức tuyên truyền …";
 *  - the object of a request: "đề nghị …", "yêu cầu …", "chỉ đạo …", "phối hợp (chặt chẽ) với …";
 *  - a medium to publish on, after "trên", "lên", "qua": "đưa banner … lên Website của cơ quan, đơn vị".
 */
const L = String.raw`\p{L}`;
const word = (alternatives: string) => new RegExp(String.raw`(?<!${L})(?:${alternatives})(?!${L})`, 'gu');

/** Verbs (and a few other words) that end the words naming who acts. */
const VERB = word(
  [
    'thực hiện',
    'phối hợp',
    'triển khai',
    'chỉ đạo',
    '(?<!các |những )tổ chức(?! chính trị)',
    'tuyên truyền',
    'tiếp âm',
    'tiếp sóng',
    'theo dõi',
    'xây dựng',
    'đăng tải',
    'đăng',
    'đưa',
    'phát(?! thanh)',
    'chủ động',
    'tiếp tục',
    'quan tâm',
    'cung cấp',
    'bám sát',
    'hướng dẫn',
    'tham mưu',
    'lãnh đạo',
    'nắm',
    'kịp thời',
    'đẩy mạnh',
    'tăng cường',
    'thông báo',
    'cần(?! thiết)',
    'để',
    'nhằm',
    'về',
    'đề nghị',
    'yêu cầu',
    'có trách nhiệm',
    'căn cứ',
    'khẩn trương',
    'nghiên cứu',
    'rà soát',
    'quán triệt',
    'biên tập',
    'giới thiệu',
    'hưởng ứng',
    'vận động',
    'kêu gọi',
    'tập trung',
    'duy trì',
    'báo cáo',
    'được',
    'đã',
    'sẽ',
    'với chức năng',
    'trong',
    'tại',
    'từ',
    'theo',
    'bằng',
  ].join('|'),
);
/** "chỉ đạo" is also a noun: "công tác chỉ đạo", "sự chỉ đạo", "Ban Chỉ đạo". */
const REQUEST = word('đề nghị|yêu cầu|(?<!(?:công tác|sự|ban|theo|việc) )chỉ đạo|giao cho|phối hợp(?: chặt chẽ)? với');
const MEDIUM = word('trên|lên|qua');
const CLAUSE_END = /[.;:!?]/gu;
const SENTENCE_END = /[.:!?]/gu;

/** Words a clause naming who acts may open with before the group: "Đối với các doanh nghiệp viễn thông: …". */
const LEAD_IN = /^(?:(?:đối với|riêng|giao cho|đề nghị|kính đề nghị)\s+)?/iu;
/** A clause without a verb names who acts only when it is this short (a heading such as "3. Sở Y tế"). */
const SHORT_CLAUSE = 160;
const REQUEST_SPAN = 400;
const MEDIUM_SPAN = 200;

export interface BodyMention extends Mention {
  /** Numbered point it was read in ("2", "IV.7"), or null (preamble, closing). */
  readonly item: string | null;
}

function firstIndex(pattern: RegExp, text: string, from: number, to: number): number {
  // A fresh copy: the shared patterns are global, and a moved lastIndex would make the next matchAll skip text.
  const m = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(text.slice(from, to));
  return m ? from + m.index : -1;
}

/** Start offsets of the numbered points in the joined body, to label mentions with their point. */
function itemOffsets(body: string, fields: DirectiveFields): Array<{ at: number; label: string }> {
  const offsets: Array<{ at: number; label: string }> = [];
  let from = 0;
  for (const item of fields.items ?? []) {
    const heading = item.text.split('\n')[0].slice(0, 40);
    if (!heading) continue;
    // "4. Sở Thông tin …" rather than an earlier "… Sở Thông tin …" inside the previous point.
    let probe = `${item.number}. ${heading}`;
    let at = body.indexOf(probe, from);
    if (at < 0) {
      probe = heading;
      at = body.indexOf(probe, from);
    }
    if (at < 0) continue;
    offsets.push({ at, label: item.section ? `${item.section}.${item.number}` : item.number });
    from = at + probe.length;
  }
  return offsets;
}

/** Clause subjects: each clause that opens with a group, up to its verb. */
function clauseSubjects(text: FoldedText): Mention[] {
  const out: Mention[] = [];
  const bounds = [...text.lower.matchAll(CLAUSE_END)].map((m) => m.index);
  bounds.push(text.lower.length);
  let from = 0;
  for (const to of bounds) {
    let s = from;
    while (s < to && /[\s\-–+•*\d)]/u.test(text.lower[s])) s++;
    from = to + 1;
    if (s >= to) continue;
    const verb = firstIndex(VERB, text.lower, s, to);
    const leadEnd = verb >= 0 ? verb : to - s <= SHORT_CLAUSE ? to : -1;
    if (leadEnd <= s) continue;
    const found = findMentions(text, s, leadEnd);
    const opening = LEAD_IN.exec(text.lower.slice(s, leadEnd))?.[0].length ?? 0;
    if (found.length && found[0].start === s + opening) out.push(...found);
  }
  return out;
}

/** Objects of a trigger ("đề nghị …", "trên …"), up to the verb or the end of the sentence. */
function afterTriggers(text: FoldedText, trigger: RegExp, end: RegExp, maxSpan: number, mediaOnly: boolean): Mention[] {
  const rules = mediaOnly ? ADDRESSEE_RULES.filter((r) => r.medium) : ADDRESSEE_RULES;
  const out: Mention[] = [];
  for (const m of text.lower.matchAll(trigger)) {
    const s = m.index + m[0].length;
    const limit = Math.min(text.lower.length, s + maxSpan);
    const stops = [firstIndex(VERB, text.lower, s, limit), firstIndex(end, text.lower, s, limit)].filter((i) => i >= 0);
    const e = stops.length ? Math.min(...stops) : limit;
    if (e > s) out.push(...findMentions(text, s, e, rules));
  }
  return out;
}

/** "BAN TUYÊN GIÁO" of "TỈNH ỦY SÓC TRĂNG" is the sender, not an addressee, when its own body names it. */
function isSender(mention: string, fields: DirectiveFields): boolean {
  if (!fields.issuer) return false;
  const issuer = fold(fields.issuer).trim();
  const parent = fields.parentAuthority ? fold(fields.parentAuthority).trim() : '';
  const m = fold(mention).replace(/\s+/g, ' ').trim();
  if (m === issuer) return true;
  if (!m.startsWith(`${issuer} `)) return false;
  const rest = m.slice(issuer.length + 1).replace(/^cua /, '');
  return parent !== '' && parent.startsWith(rest);
}

/** Groups the body of a letter asks to act, in reading order, with the numbered point each was read in. */
export function bodyMentions(text: string, fields: DirectiveFields): BodyMention[] {
  const body = joinWrapped(bodyLines(toLines(text), fields));
  const folded = foldText(body);
  const found = [
    ...clauseSubjects(folded),
    ...afterTriggers(folded, REQUEST, SENTENCE_END, REQUEST_SPAN, false),
    ...afterTriggers(folded, MEDIUM, CLAUSE_END, MEDIUM_SPAN, true),
  ].sort((a, b) => a.start - b.start);
  const items = itemOffsets(body, fields);
  const seen = new Set<string>();
  const out: BodyMention[] = [];
  for (const m of found) {
    const key = `${m.start}:${m.rule.id}`;
    if (seen.has(key) || isSender(m.text, fields)) continue;
    seen.add(key);
    let item: string | null = null;
    for (const o of items) if (o.at <= m.start) item = o.label;
    out.push({ ...m, item });
  }
  return out;
}
