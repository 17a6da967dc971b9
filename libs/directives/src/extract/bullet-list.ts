import { isBodyOpening, isKinhGui, isNoiNhan, isPersonName, isSignerTitle, parseNumberedHeading } from './line-kinds';
import {
  cleanEntry,
  endsClause,
  isBullet,
  isUppercaseLine,
  joinWrapped,
  startsLowercase,
  stripBullet,
} from './text-lines';

const MAX_ENTRIES = 60;
const MAX_UNBULLETED_LENGTH = 120;
/** Lines a list may span, wrapped lines included. */
const MAX_LINES = 300;

export interface CollectedList {
  readonly entries: readonly string[];
  /** Index of the last line that belonged to the list (the label line when the list is empty). */
  readonly lastIndex: number;
}

function endsList(line: string): boolean {
  return isKinhGui(line) || isNoiNhan(line) || isSignerTitle(line) || parseNumberedHeading(line) !== null;
}

/**
 * The entries under a label such as "Kính gửi:" or "Nơi nhận:": "-" bulleted lines (a bullet wrapped onto a
 * lowercase line is joined back), or, without bullets, short lines each ending in ";" or ",".
 * Bullets and trailing ";", ",", "." are removed.
 */
export function collectList(lines: readonly string[], labelIndex: number, remainder: string): CollectedList {
  /** Each entry as its wrapped lines, joined once at the end (joining as we go is quadratic on long input). */
  const entries: string[][] = [];
  let sawBullet = false;
  if (remainder !== '') {
    sawBullet = isBullet(remainder);
    entries.push([stripBullet(remainder)]);
  }
  let lastIndex = labelIndex;
  const end = Math.min(lines.length, labelIndex + 1 + MAX_LINES);
  for (let j = labelIndex + 1; j < end && entries.length < MAX_ENTRIES; j++) {
    const line = lines[j];
    if (endsList(line)) break;
    const open = entries.length > 0 ? entries[entries.length - 1] : null;
    const previousLine = open ? open[open.length - 1] : null;
    if (isBullet(line)) {
      entries.push([stripBullet(line)]);
      sawBullet = true;
    } else if (open && previousLine !== null && !endsClause(previousLine) && startsLowercase(line)) {
      open.push(line);
    } else if (
      !sawBullet &&
      (previousLine === null ? remainder === '' : /[;,]$/u.test(previousLine)) &&
      line.length <= MAX_UNBULLETED_LENGTH &&
      !isUppercaseLine(line) &&
      !isPersonName(line) &&
      !isBodyOpening(line)
    ) {
      entries.push([line]);
    } else {
      break;
    }
    lastIndex = j;
  }
  return { entries: entries.map((entry) => cleanEntry(joinWrapped(entry))).filter((e) => e !== ''), lastIndex };
}
