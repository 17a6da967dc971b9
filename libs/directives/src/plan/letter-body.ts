import { isKinhGui, isNoiNhan } from '../extract/line-kinds';
import type { DirectiveFields } from '../extract';

function lastLineIndexWhere(lines: readonly string[], test: (line: string) => boolean): number {
  for (let i = lines.length - 1; i >= 0; i--) if (test(lines[i])) return i;
  return -1;
}

/** Lines of the body: after the addressees (or the subject), before "Nơi nhận". */
export function bodyLines(lines: readonly string[], fields: DirectiveFields): readonly string[] {
  const noiNhan = lastLineIndexWhere(lines, isNoiNhan);
  const end = noiNhan >= 0 ? noiNhan : lines.length;
  let start = 0;
  const kinhGui = lines.slice(0, end).findIndex(isKinhGui);
  const lastAddressee = fields.addressees?.[fields.addressees.length - 1];
  if (kinhGui >= 0) {
    start = kinhGui + 1;
    if (lastAddressee) {
      const tail = lastAddressee.slice(-20);
      const at = lines.slice(kinhGui, Math.min(end, kinhGui + 80)).findIndex((l) => l.includes(tail));
      if (at >= 0) start = kinhGui + at + 1;
    }
  } else if (fields.subject) {
    const tail = fields.subject.slice(-20);
    const at = lines.slice(0, Math.min(end, 80)).findIndex((l) => l.includes(tail));
    if (at >= 0) start = at + 1;
  }
  return lines.slice(start, end);
}
