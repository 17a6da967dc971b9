import { extractAuthorities } from './authorities';
import { collectList } from './bullet-list';
import { findDocumentCode } from './document-code';
import { extractItems } from './items';
import { MAX_DIRECTIVE_CHARS, DirectiveTooLargeError } from './limits';
import { afterLabel, isKinhGui, isNoiNhan, typeFromSymbol } from './line-kinds';
import { extractLinks } from './links';
import { findPlaceDate } from './place-date';
import { extractReferences } from './references';
import { extractSigner } from './signer';
import { findSubject } from './subject';
import { toLines } from './text-lines';
import type { DirectiveFields } from './types';

/** The letterhead, number, subject, date and addressees sit within the first lines of a letter. */
const HEADER_LINES = 60;
/** Where the signature block may start when there is neither "Nơi nhận" nor a closing "./.". */
const FALLBACK_TAIL_LINES = 12;

function nonEmpty<T>(list: readonly T[]): readonly T[] | null {
  return list.length > 0 ? list : null;
}

function lastIndexWhere(lines: readonly string[], from: number, to: number, test: (line: string) => boolean): number {
  for (let i = to - 1; i >= from; i--) if (test(lines[i])) return i;
  return -1;
}

/**
 * Reads the fields of a Vietnamese official letter (công văn, hướng dẫn, kế hoạch, …) from its plain text, as
 * converted from PDF or OCR. Pure and total: any string up to MAX_DIRECTIVE_CHARS gives a result (unknown fields
 * are null, nothing is invented); longer input throws DirectiveTooLargeError.
 */
export function extractDirective(text: string): DirectiveFields {
  if (typeof text !== 'string') throw new TypeError(`extractDirective expects a string, got ${typeof text}`);
  if (text.length > MAX_DIRECTIVE_CHARS) throw new DirectiveTooLargeError(text.length);
  const lines = toLines(text);

  const noiNhanIndex = lastIndexWhere(lines, 0, lines.length, isNoiNhan);
  const searchEnd = noiNhanIndex >= 0 ? noiNhanIndex : lines.length;
  const kinhGuiIndex = lines.slice(0, Math.min(searchEnd, HEADER_LINES + 20)).findIndex(isKinhGui);
  const headerLimit = Math.min(HEADER_LINES, kinhGuiIndex >= 0 ? kinhGuiIndex : searchEnd);

  const authorities = extractAuthorities(lines, headerLimit);
  const code = findDocumentCode(lines, headerLimit);
  const placeDate = findPlaceDate(lines, headerLimit);
  const subject = findSubject(lines, headerLimit);
  const addressees =
    kinhGuiIndex >= 0 ? collectList(lines, kinhGuiIndex, afterLabel(lines[kinhGuiIndex], /^Kính gửi/iu)) : null;

  const bodyStart =
    Math.max(
      authorities.lastIndex,
      code?.index ?? -1,
      placeDate?.index ?? -1,
      subject.lastIndex,
      addressees?.lastIndex ?? -1,
    ) + 1;
  const bodyEnd = Math.max(bodyStart, noiNhanIndex >= 0 ? noiNhanIndex : lines.length);
  const body = lines.slice(bodyStart, bodyEnd);

  const copyTo =
    noiNhanIndex >= 0 ? collectList(lines, noiNhanIndex, afterLabel(lines[noiNhanIndex], /^Nơi nhận/iu)) : null;
  const copyToLines = new Set<number>();
  if (copyTo) for (let i = noiNhanIndex; i <= copyTo.lastIndex; i++) copyToLines.add(i);

  const lastClosing = lastIndexWhere(lines, bodyStart, bodyEnd, (line) => line.includes('./.'));
  let tailStart = noiNhanIndex >= 0 ? noiNhanIndex : lines.length;
  if (lastClosing >= 0) tailStart = Math.min(tailStart, lastClosing + 1);
  if (tailStart >= lines.length) tailStart = Math.max(bodyStart, lines.length - FALLBACK_TAIL_LINES);

  const documentCode = code?.code ?? null;
  return {
    parentAuthority: authorities.parentAuthority,
    issuer: authorities.issuer,
    documentCode,
    documentType: subject.documentType ?? (documentCode ? typeFromSymbol(documentCode.symbol) : null),
    place: placeDate?.value.place ?? null,
    date: placeDate?.value.date ?? null,
    subject: subject.subject,
    addressees: addressees ? nonEmpty(addressees.entries) : null,
    items: nonEmpty(extractItems(lines, bodyStart, bodyEnd)),
    links: nonEmpty(extractLinks(lines.join('\n'))),
    references: nonEmpty(extractReferences([subject.subject ?? '', ...body].join(' '), documentCode)),
    signer: extractSigner(lines, tailStart, copyToLines),
    copyTo: copyTo ? nonEmpty(copyTo.entries) : null,
  };
}
