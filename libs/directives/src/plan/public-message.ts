import type { DirectiveFields } from '../extract';
import { parseNumberedHeading, parseSectionHeading } from '../extract/line-kinds';
import { endsClause, isBullet, joinWrapped, startsUppercase, stripBullet, toLines } from '../extract/text-lines';
import { fold } from './fold';
import { bodyLines } from './letter-body';

/** Longest message proposed for a broadcast (about three minutes read aloud); the editor can shorten it. */
export const PUBLIC_MESSAGE_MAX = 1_500;

/**
 * A clause that announces what to spread, ending right before its colon: "Đề nghị tuyên truyền", "Nội dung tuyên
 * truyền", "… thông báo rộng rãi đến nhân dân các nội dung sau". Matched on folded text (no diacritics).
 */
const ANNOUNCES_CONTENT =
  /(?:tuyen truyen|pho bien|thong bao|thong tin)(?: (?:rong rai|sau|nhu sau|cu the|cac|mot so|nhung|noi dung|thong tin|den(?: [^:]{1,60}?)?))*\s*$/u;

/** A section whose heading says it holds the content: "II. NỘI DUNG TUYÊN TRUYỀN". */
const CONTENT_SECTION = /\bnoi dung\b/u;

/** Paragraphs that close a letter or hand out work rather than tell people something. */
const CLOSING =
  /^(?:trong qua trinh|tran trong|rat mong|nhan duoc cong van|noi nhan|\.\/\.|(?:so|ban|uy ban|ubnd|van phong)\b[^.]{0,120}\bde nghi\b[^.]{0,200}\b(?:thuc hien|trien khai|quan tam)\b)/u;

interface Paragraph {
  readonly text: string;
  /** "II. NỘI DUNG …" heading: its folded title. */
  readonly section: string | null;
}

/** Body lines grouped into paragraphs: a numbered point, a bullet or a sentence that starts a new line. */
function paragraphsOf(lines: readonly string[]): Paragraph[] {
  const out: Paragraph[] = [];
  let open: string[] = [];
  const flush = () => {
    if (open.length) out.push({ text: joinWrapped(open), section: null });
    open = [];
  };
  for (const line of lines) {
    const section = parseSectionHeading(line);
    if (section) {
      flush();
      out.push({ text: line, section: fold(section.title) });
      continue;
    }
    const previous = open[open.length - 1];
    const starts =
      parseNumberedHeading(line) !== null ||
      isBullet(line) ||
      isClosing(line) ||
      (previous !== undefined && endsClause(previous) && startsUppercase(line));
    if (starts) flush();
    open.push(line);
  }
  flush();
  return out;
}

/** "1. Tuyên truyền …" → "Tuyên truyền …"; "- nội dung" → "Nội dung". */
function spokenParagraph(text: string): string {
  const numbered = parseNumberedHeading(text);
  const bare = stripBullet(numbered ? numbered.text : text)
    .replace(/^[a-zđ]\)\s+/u, '')
    .replace(/\.\/\.$/u, '.')
    .trim();
  const capital = bare.charAt(0).toUpperCase() + bare.slice(1);
  return /[.!?]$/u.test(capital) ? capital : `${capital.replace(/[;,:]+$/u, '')}.`;
}

function isClosing(text: string): boolean {
  return CLOSING.test(fold(text).trim());
}

/** The colon that ends a clause announcing content, and what follows it in the same paragraph. */
function announcedContent(text: string): { rest: string } | null {
  const folded = fold(text);
  for (let colon = folded.indexOf(':'); colon >= 0; colon = folded.indexOf(':', colon + 1)) {
    const clauseStart = Math.max(
      folded.lastIndexOf('.', colon - 1),
      folded.lastIndexOf(';', colon - 1),
      folded.lastIndexOf(':', colon - 1),
      colon - 160,
    );
    if (ANNOUNCES_CONTENT.test(folded.slice(clauseStart + 1, colon))) return { rest: text.slice(colon + 1).trim() };
  }
  return null;
}

/** Whole paragraphs up to the limit; the first one cut at a word when it alone is longer. */
function withinLimit(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  let used = 0;
  for (const p of paragraphs) {
    const room = PUBLIC_MESSAGE_MAX - used - (out.length ? 1 : 0);
    if (p.length > room) {
      if (out.length === 0) out.push(`${p.slice(0, PUBLIC_MESSAGE_MAX).replace(/\s+\S*$/u, '')} …`);
      break;
    }
    out.push(p);
    used += p.length + (out.length > 1 ? 1 : 0);
  }
  return out;
}

/**
 * What the letter asks people to be told, as paragraphs to read on air, whatever its shape: the text after a
 * clause announcing it ("Đề nghị tuyên truyền: …", with the points or bullets that follow), else the points of a
 * "NỘI DUNG …" section. Null when the letter only hands out work (its subject then carries the message).
 */
export function publicMessage(text: string, fields: DirectiveFields): string[] | null {
  const paragraphs = paragraphsOf(bodyLines(toLines(text), fields));
  for (let i = 0; i < paragraphs.length; i++) {
    const found = announcedContent(paragraphs[i].text);
    if (!found) continue;
    const taken = found.rest ? [found.rest] : [];
    for (const next of paragraphs.slice(i + 1)) {
      if (next.section !== null || isClosing(next.text)) break;
      const listed = isBullet(next.text) || parseNumberedHeading(next.text) !== null;
      if (found.rest && !listed) break;
      taken.push(next.text);
    }
    if (taken.length) return withinLimit(taken.map(spokenParagraph));
  }
  const section = paragraphs.findIndex((p) => p.section !== null && CONTENT_SECTION.test(p.section));
  if (section >= 0) {
    const taken: string[] = [];
    for (const next of paragraphs.slice(section + 1)) {
      if (next.section !== null || isClosing(next.text)) break;
      taken.push(next.text);
    }
    if (taken.length) return withinLimit(taken.map(spokenParagraph));
  }
  return null;
}
