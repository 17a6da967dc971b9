import { isNoiNhan, isSignerTitle, parseNumberedHeading, parseSectionHeading } from './line-kinds';
import { endsClause, isBullet, joinWrapped, startsUppercase } from './text-lines';
import type { DirectiveItem } from './types';

/** A line this short that does not end in a comma or hyphen is a label or a paragraph's last line, not a wrap. */
const SHORT_LINE = 60;
const MAX_NUMBER_JUMP = 2;

/**
 * The closing request ("Đề nghị các cơ quan … thực hiện./.", "Sở … đề nghị …") ends the numbered points when it is
 * the last paragraph or ends with "./.".
 */
const CLOSING_OPENING =
  /^(?:Đề nghị|Kính đề nghị|Trên đây|Trong quá trình|Nhận được|Rất mong|Kính mong)\s|^[^.;:]{0,80}?\s(?:đề nghị|trân trọng)\s/u;

function startsParagraph(previous: string, line: string): boolean {
  if (parseNumberedHeading(line) || parseSectionHeading(line) || isBullet(line)) return true;
  const opensLikeSentence = startsUppercase(line) || /^[(“"]/u.test(line);
  if (endsClause(previous)) return opensLikeSentence || /^\d/u.test(line);
  return opensLikeSentence && previous.length <= SHORT_LINE && !/[,\-–]$/u.test(previous);
}

/** Groups body lines into paragraphs (blank lines are meaningless in converted letters). */
function toParagraphs(lines: readonly string[], start: number, end: number): string[] {
  const paragraphs: string[][] = [];
  for (let i = start; i < end; i++) {
    const line = lines[i];
    if (isNoiNhan(line) || isSignerTitle(line)) break;
    const current = paragraphs[paragraphs.length - 1];
    if (!current || startsParagraph(current[current.length - 1], line)) paragraphs.push([line]);
    else current.push(line);
  }
  return paragraphs.map(joinWrapped);
}

function isClosing(paragraph: string, isLast: boolean): boolean {
  return CLOSING_OPENING.test(paragraph.slice(0, 120)) && (isLast || paragraph.endsWith('./.'));
}

function tidy(text: string): string {
  return text.endsWith('./.') ? text.slice(0, -2) : text;
}

interface OpenItem {
  readonly number: string;
  readonly parts: string[];
  readonly section: string | null;
}

function close(item: OpenItem): DirectiveItem {
  return { number: item.number, text: tidy(item.parts.join('\n')), section: item.section };
}

/**
 * Numbered points of the body ("1.", "2.", "4.1."), each with the paragraphs that follow it.
 * Roman-numbered sections ("II. NỘI DUNG …") restart the numbering and label their items. A number is only a
 * point when it continues the sequence (next or next-but-one sibling, or a child of the previous point), so a
 * wrapped line that happens to start with "5." is kept as text.
 */
export function extractItems(lines: readonly string[], start: number, end: number): DirectiveItem[] {
  const paragraphs = toParagraphs(lines, start, end);
  const items: DirectiveItem[] = [];
  /** Per parent number ("" for top level): the last child number accepted, within the current section. */
  const lastChild = new Map<string, number>();
  const accepted = new Set<string>();
  let section: { numeral: string; ordinal: number } | null = null;
  let open: OpenItem | null = null;

  for (let p = 0; p < paragraphs.length; p++) {
    const paragraph = paragraphs[p];
    const heading = parseSectionHeading(paragraph);
    const lastOrdinal = section?.ordinal ?? 0;
    if (heading && heading.ordinal > lastOrdinal && heading.ordinal <= lastOrdinal + MAX_NUMBER_JUMP) {
      if (open) items.push(close(open));
      open = null;
      section = { numeral: heading.numeral, ordinal: heading.ordinal };
      lastChild.clear();
      accepted.clear();
      continue;
    }
    const numbered = parseNumberedHeading(paragraph);
    if (numbered) {
      const parentKey = numbered.parts.slice(0, -1).join('.');
      const child = numbered.parts[numbered.parts.length - 1];
      const previous = lastChild.get(parentKey) ?? 0;
      if ((parentKey === '' || accepted.has(parentKey)) && child > previous && child <= previous + MAX_NUMBER_JUMP) {
        if (open) items.push(close(open));
        lastChild.set(parentKey, child);
        accepted.add(numbered.parts.join('.'));
        open = { number: numbered.number, parts: [numbered.text], section: section?.numeral ?? null };
        continue;
      }
    }
    if (isClosing(paragraph, p === paragraphs.length - 1)) break;
    open?.parts.push(paragraph);
  }
  if (open) items.push(close(open));
  return items;
}
