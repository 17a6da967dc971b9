import {
  afterLabel,
  isBodyOpening,
  isIndependenceLine,
  isKinhGui,
  isMotto,
  isNoiNhan,
  isNumberLine,
  isSignerTitle,
  isStampField,
  isStampMarker,
  isVvLine,
  parseNumberedHeading,
  parseSectionHeading,
  parseTypeHeading,
} from './line-kinds';
import { parsePlaceDate } from './place-date';
import { cleanEntry, isUppercaseLine, joinWrapped } from './text-lines';

export interface SubjectBlock {
  readonly documentType: string | null;
  readonly subject: string | null;
  /** Index of the last line of the subject or title block, or -1. */
  readonly lastIndex: number;
}

const MAX_CONTINUATION_LINES = 5;
const DECORATION = /^[-_*=~.…\s]+$/u;

/** Lines that can never continue a subject or title. */
function isStructural(line: string): boolean {
  return (
    isMotto(line) ||
    isIndependenceLine(line) ||
    isKinhGui(line) ||
    isNoiNhan(line) ||
    isNumberLine(line) ||
    isVvLine(line) ||
    isStampMarker(line) ||
    isStampField(line) ||
    isSignerTitle(line) ||
    isBodyOpening(line) ||
    parseTypeHeading(line) !== null ||
    parseNumberedHeading(line) !== null ||
    parseSectionHeading(line) !== null ||
    parsePlaceDate(line) !== null ||
    line.length > 200
  );
}

function collect(
  lines: readonly string[],
  from: number,
  first: string,
  acceptsUppercase: (block: readonly string[]) => boolean,
): { text: string | null; lastIndex: number } {
  const block = first === '' ? [] : [first];
  let lastIndex = from - 1;
  for (let j = from; j < lines.length && j < from + MAX_CONTINUATION_LINES + 2; j++) {
    const line = lines[j];
    if (DECORATION.test(line.slice(0, 200))) {
      if (block.length > 0) break;
      lastIndex = j;
      continue;
    }
    if (block.length > MAX_CONTINUATION_LINES || isStructural(line)) break;
    if (isUppercaseLine(line) && !acceptsUppercase(block)) break;
    block.push(line);
    lastIndex = j;
  }
  const text = cleanEntry(joinWrapped(block));
  return { text: text === '' ? null : text, lastIndex };
}

/**
 * A công văn states its subject in a "V/v …" line (wrapped over a few lines); other documents have an uppercase
 * type heading ("HƯỚNG DẪN") followed by the title block.
 */
export function findSubject(lines: readonly string[], limit: number): SubjectBlock {
  const end = Math.min(limit, lines.length);
  for (let i = 0; i < end; i++) {
    if (!isVvLine(lines[i])) continue;
    const { text, lastIndex } = collect(lines, i + 1, afterLabel(lines[i], /^V\/v/iu), () => false);
    return { documentType: 'công văn', subject: text, lastIndex: Math.max(i, lastIndex) };
  }
  for (let i = 0; i < end; i++) {
    const heading = parseTypeHeading(lines[i]);
    if (!heading || isStampMarker(lines[i])) continue;
    // An all-uppercase title may wrap onto more uppercase lines; a mixed-case one stops at the next uppercase line.
    const { text, lastIndex } = collect(lines, i + 1, heading.rest, (block) => block.every(isUppercaseLine));
    return { documentType: heading.type, subject: text, lastIndex: Math.max(i, lastIndex) };
  }
  return { documentType: null, subject: null, lastIndex: -1 };
}
