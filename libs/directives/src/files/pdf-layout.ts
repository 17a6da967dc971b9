/** A run of text on a PDF page, in page units with y growing upwards (PDF user space). */
export interface PageTextItem {
  readonly text: string;
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  readonly width: number;
  /** Font size (the item's height). */
  readonly size: number;
}

/** Items on one baseline, left to right. */
interface Line {
  readonly items: PageTextItem[];
  readonly y: number;
  readonly size: number;
  readonly left: number;
  readonly right: number;
}

/** A line split in two at a wide gap near the middle of the page: the two columns of a Decree 30 table. */
interface Split {
  readonly leftEnd: number;
  readonly rightStart: number;
}

const SAME_LINE = 0.5; // baselines closer than this × font size are one line
const SIDE_BY_SIDE = 0.9; // horizontally apart lines closer than this × font size are one table row
const MIN_COLUMN_GAP = 2; // × font size
const BLOCK_LINE_STEP = 1.8; // × font size: farther apart lines do not belong to the same two-column block

function lineOf(items: PageTextItem[]): Line {
  const sorted = [...items].sort((a, b) => a.x - b.x);
  return {
    items: sorted,
    y: sorted.reduce((s, i) => s + i.y, 0) / sorted.length,
    size: Math.max(...sorted.map((i) => i.size)),
    left: Math.min(...sorted.map((i) => i.x)),
    right: Math.max(...sorted.map((i) => i.x + i.width)),
  };
}

/** Items grouped into lines by baseline, top of the page first. */
function groupLines(items: readonly PageTextItem[], pageLeft: number, pageWidth: number): Line[] {
  // Whitespace items are dropped: pdfjs makes one span the gap between two columns; joinItems puts spaces back.
  const sorted = items.filter((i) => i.text.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PageTextItem[][] = [];
  for (const item of sorted) {
    const last = groups[groups.length - 1];
    const y = last ? last.reduce((s, i) => s + i.y, 0) / last.length : NaN;
    if (last && Math.abs(y - item.y) <= SAME_LINE * Math.max(item.size, last[0].size, 1)) last.push(item);
    else groups.push([item]);
  }
  // Two lines closer than a line step cannot be one above the other in a single column: when they stand apart
  // across the middle of the page, they are the two cells of a table row whose baselines differ (other fonts or
  // spacing in each column), so they are read as one split line.
  const lines: Line[] = [];
  for (const line of groups.map(lineOf)) {
    const prev = lines[lines.length - 1];
    if (prev && sideBySide(prev, line, pageLeft, pageWidth))
      lines[lines.length - 1] = lineOf([...prev.items, ...line.items]);
    else lines.push(line);
  }
  return lines;
}

function sideBySide(a: Line, b: Line, pageLeft: number, pageWidth: number): boolean {
  const size = Math.max(a.size, b.size);
  if (Math.abs(a.y - b.y) > SIDE_BY_SIDE * size) return false;
  const [left, right] = a.left < b.left ? [a, b] : [b, a];
  const mid = (left.right + right.left) / 2;
  return right.left - left.right >= MIN_COLUMN_GAP * size && inMiddle(mid, pageLeft, pageWidth);
}

function inMiddle(x: number, pageLeft: number, pageWidth: number): boolean {
  return x > pageLeft + 0.25 * pageWidth && x < pageLeft + 0.75 * pageWidth;
}

/** Text of items left to right, a space where they stand apart and neither side has one. */
function joinItems(items: readonly PageTextItem[]): string {
  let out = '';
  let end = -Infinity;
  for (const i of items) {
    if (out && i.x - end > 0.15 * i.size && !/\s$/u.test(out) && !/^\s/u.test(i.text)) out += ' ';
    out += i.text;
    end = Math.max(end, i.x + i.width);
  }
  return out.replace(/\s+$/u, '');
}

/** The widest gap between items of a line, when it is wide and its middle lies in the middle half of the page. */
function splitOf(line: Line, pageLeft: number, pageWidth: number): Split | null {
  let best: Split | null = null;
  let end = -Infinity;
  for (const i of line.items) {
    if (end > -Infinity && i.x - end >= MIN_COLUMN_GAP * line.size) {
      if (inMiddle((end + i.x) / 2, pageLeft, pageWidth) && (!best || i.x - end > best.rightStart - best.leftEnd))
        best = { leftEnd: end, rightStart: i.x };
    }
    end = Math.max(end, i.x + i.width);
  }
  return best;
}

/**
 * A page's text in reading order. The body is one column, top to bottom. A two-column block — the Decree 30
 * header (authority, issuer, number, "V/v …" | national motto, place and date) and footer ("Nơi nhận" | signer) —
 * is found from lines split by a wide gap near the middle of the page, grown over the neighbouring lines that sit
 * wholly on one side and are no farther apart than a line step; its left column is read before its right one.
 */
export function pageText(items: readonly PageTextItem[], pageLeft: number, pageWidth: number): string[] {
  const lines = groupLines(items, pageLeft, pageWidth);
  const splits = lines.map((l) => splitOf(l, pageLeft, pageWidth));
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!splits[i]) {
      // A body line (it may be taken back below when it turns out to open a two-column block).
      out.push(joinItems(lines[i].items));
      i += 1;
      continue;
    }
    // The block's column boundary: between the left column's right edge and the right column's left edge.
    let end = i;
    let leftEnd = splits[i]!.leftEnd;
    let rightStart = splits[i]!.rightStart;
    const boundary = () => (leftEnd + rightStart) / 2;
    // A one-sided line belongs to the block when it stays clear of the other column.
    const fits = (l: Line) =>
      (l.left < boundary() && l.right <= rightStart + 0.5 * l.size) ||
      (l.right > boundary() && l.left >= leftEnd - 0.5 * l.size);
    const close = (a: Line, b: Line) => Math.abs(a.y - b.y) <= BLOCK_LINE_STEP * Math.max(a.size, b.size);
    let start = i;
    while (start > 0 && !splits[start - 1] && fits(lines[start - 1]) && close(lines[start - 1], lines[start])) {
      start -= 1;
    }
    while (end + 1 < lines.length && close(lines[end], lines[end + 1])) {
      const s = splits[end + 1];
      if (s) {
        leftEnd = Math.max(leftEnd, s.leftEnd);
        rightStart = Math.min(rightStart, s.rightStart);
      } else if (!fits(lines[end + 1])) break;
      end += 1;
    }
    // Lines pulled in from above were already written as body lines; take them back.
    out.splice(out.length - (i - start), i - start);
    const left: string[] = [];
    const right: string[] = [];
    const cut = boundary();
    for (const line of lines.slice(start, end + 1)) {
      const l = line.items.filter((it) => it.x + it.width / 2 < cut);
      const r = line.items.filter((it) => it.x + it.width / 2 >= cut);
      if (l.length) left.push(joinItems(l));
      if (r.length) right.push(joinItems(r));
    }
    out.push(...left, ...right);
    i = end + 1;
  }
  return out.filter((l) => l.trim() !== '');
}
