import { ADDRESSEE_RULES, AddresseeRule, GROUP_MARKERS } from './addressee-rules';
import type { FoldedText } from './fold';
import type { PlanScope } from './types';

/** A group or body named in a stretch of text, and the rule that recognised it. */
export interface Mention {
  readonly rule: AddresseeRule;
  /** As written, e.g. "Đài Truyền thanh các huyện, thị xã, thành phố". */
  readonly text: string;
  readonly folded: string;
  readonly scope: PlanScope;
  /** Offset in the scanned text. */
  readonly start: number;
}

interface Hit {
  readonly rule: AddresseeRule;
  readonly order: number;
  readonly start: number;
  readonly end: number;
}

/** Letters of any script: JS's \b only knows ASCII, and Vietnamese words are not ASCII. */
const L = String.raw`\p{L}`;

/** After a comma, these words continue the same addressee ("UBND các huyện, thị xã, thành phố"). */
const CONTINUES =
  /^,\s?(?:cac )?(?:huyen|quan|thi xa|thanh pho|xa|phuong|thi tran|cap|tinh|ban|nganh|dia phuong|don vi|doan the)\b/;
/** An addressee ends at these (lowercase text): ";", ":", "(", ")", ".", " và ". */
const ENDS_ADDRESSEE = new RegExp(String.raw`^(?:[;:().!?]|\s(?:và|hoặc)(?!${L}))`, 'u');
/** Only separators between two mentions of the same collective group ("các huyện ủy, thị ủy"). */
const SEPARATORS_ONLY = /^(?:[\s,]|\bva\b|\bcac\b)*$/;

function hitsIn(text: FoldedText, start: number, end: number, rules: readonly AddresseeRule[]): Hit[] {
  const slice = text.folded.slice(start, end);
  const hits: Hit[] = [];
  rules.forEach((rule, order) => {
    for (const m of slice.matchAll(new RegExp(rule.pattern.source, 'g'))) {
      if (m[0] === '') continue;
      const s = start + m.index;
      const e = s + m[0].length;
      if (rule.properName) {
        const keyword = text.lower.slice(s, e);
        // A capitalised word, not a word in capitals ("BÁO CÁO"): "Sóc Trăng", "Y tế".
        const next = text.original.slice(e, e + 4);
        if (!rule.properName.test(keyword) || !/^\s+\p{Lu}(?:\p{Ll}|\s|$)/u.test(next)) continue;
      }
      hits.push({ rule, order, start: s, end: e });
    }
  });
  hits.sort((a, b) => a.start - b.start || a.order - b.order || b.end - a.end);
  const chosen: Hit[] = [];
  let reached = start;
  for (const h of hits) {
    if (h.start < reached) continue;
    chosen.push(h);
    reached = h.end;
  }
  return chosen;
}

/** The word after position i starts with a capital: a name goes on ("Sở Giáo dục và Đào tạo"). */
function capitalFollows(text: FoldedText, i: number): boolean {
  return /^[\s,]*(?:và|hoặc)?\s*\p{Lu}/u.test(text.original.slice(i, i + 12).replace(/^,/u, ''));
}

/**
 * Where the addressee that starts with a hit ends: at ";", ":", "(", ".", at a comma or "và" that starts another
 * addressee, or at `limit` (the next hit or the span's end). A comma or "và" followed by a place word or a
 * capitalised word continues the name ("UBND các huyện, thị xã, thành phố", "Sở Văn hóa, Thể thao và Du lịch").
 */
function tailEnd(text: FoldedText, from: number, limit: number): number {
  for (let i = from; i < limit; i++) {
    const c = text.lower[i];
    if (c === ',') {
      if (CONTINUES.test(text.folded.slice(i, i + 24)) || capitalFollows(text, i + 1)) continue;
      return i;
    }
    if (ENDS_ADDRESSEE.test(text.lower.slice(i, i + 6))) {
      if (/^\s(?:và|hoặc)/u.test(text.lower.slice(i, i + 5)) && capitalFollows(text, i)) continue;
      return i;
    }
  }
  return limit;
}

/** Drops separators and a dangling connector ("Báo Sóc Trăng và") from the end of a mention. */
function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    while (e > start && /[\s,;.:\-–]/u.test(text[e - 1])) e--;
    const connector = /\s(?:và|hoặc|cùng|với)$/iu.exec(text.slice(Math.max(start, e - 6), e));
    if (!connector) return e;
    e -= connector[0].length;
  }
}

/**
 * Mentions of addressee groups in text[start, end), in order, each cut to the words that name it (a list
 * "Báo Sóc Trăng, Đài Phát thanh - Truyền hình Sóc Trăng" gives two). Consecutive mentions of one collective
 * group are kept together ("các huyện ủy, thị ủy, thành ủy").
 */
export function findMentions(
  text: FoldedText,
  start: number,
  end: number,
  rules: readonly AddresseeRule[] = ADDRESSEE_RULES,
): Mention[] {
  const hits = hitsIn(text, start, end, rules);
  const mentions: Mention[] = [];
  for (let i = 0; i < hits.length; i++) {
    const first = hits[i];
    let s = first.start;
    if (s - 4 >= start && text.folded.slice(s - 4, s) === 'cac ') s -= 4;
    let last = first;
    let e = tailEnd(text, last.end, i + 1 < hits.length ? hits[i + 1].start : end);
    let folded = text.folded.slice(s, e);
    const collective = () => first.rule.collective === true || GROUP_MARKERS.test(folded);
    while (
      i + 1 < hits.length &&
      hits[i + 1].rule.id === first.rule.id &&
      collective() &&
      SEPARATORS_ONLY.test(text.folded.slice(e, hits[i + 1].start))
    ) {
      last = hits[++i];
      e = tailEnd(text, last.end, i + 1 < hits.length ? hits[i + 1].start : end);
      folded = text.folded.slice(s, e);
    }
    e = trimEnd(text.original, s, e);
    folded = text.folded.slice(s, e);
    mentions.push({
      rule: first.rule,
      text: text.original.slice(s, e),
      folded,
      scope: collective() ? 'group' : 'named',
      start: s,
    });
  }
  return mentions;
}
