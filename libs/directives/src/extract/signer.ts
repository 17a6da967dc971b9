import { isPersonName, isSignerTitle } from './line-kinds';
import type { DirectiveSigner } from './types';

const TAIL_LINES = 60;
const MAX_TITLE_LINES = 4;

/**
 * The signature block near the end: uppercase title lines ("KT. GIÁM ĐỐC" / "PHÓ GIÁM ĐỐC") and the signer's
 * name below them. Lines in `skip` (the "Nơi nhận" list) are ignored. Without a title, the last name-like line
 * of the tail is taken.
 */
export function extractSigner(
  lines: readonly string[],
  from: number,
  skip: ReadonlySet<number>,
): DirectiveSigner | null {
  const start = Math.max(0, from, lines.length - TAIL_LINES);
  const titles: string[] = [];
  let afterTitle = start;
  for (let i = start; i < lines.length; i++) {
    if (skip.has(i) || !isSignerTitle(lines[i])) continue;
    let j = i;
    while (j < lines.length && titles.length < MAX_TITLE_LINES && !skip.has(j) && isSignerTitle(lines[j])) {
      titles.push(lines[j]);
      j++;
    }
    afterTitle = j;
    break;
  }
  let name: string | null = null;
  for (let i = afterTitle; i < lines.length; i++) {
    if (skip.has(i) || !isPersonName(lines[i])) continue;
    name = lines[i];
    if (titles.length > 0) break;
  }
  if (name === null && titles.length === 0) return null;
  return { name, title: titles.length > 0 ? titles.join(' / ') : null };
}
