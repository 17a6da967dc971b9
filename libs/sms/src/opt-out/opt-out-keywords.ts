/**
 * Recognises an opt-out request in an inbound SMS ("TC", "HUY", "STOP", "TU CHOI"…), the way subscribers
 * actually type it: any case, with or without Vietnamese marks (NFC or NFD), with stray spaces or punctuation
 * around it, optionally followed by one service code ("TC QC", "HUY DV1"). Pure.
 *
 * The whole message must be the request: the keyword first, at most one code after it, nothing else. A sentence
 * that merely contains the letters ("Huyện …", "Tôi không muốn hủy") is not an opt-out.
 */
import { stripDiacritics } from '../text';

/** Keywords as they are written once folded (upper case, no marks), longest first so "TU CHOI" wins over a prefix. */
export const OPT_OUT_KEYWORDS: readonly string[] = ['TU CHOI', 'TUCHOI', 'HUY', 'STOP', 'TC'];

export type OptOutMatch =
  | {
      readonly optOut: true;
      /** The keyword recognised, in its folded form (e.g. 'HUY' for "Hủy"). */
      readonly keyword: string;
      /** The service code after the keyword, folded to upper case (e.g. 'QC'), or null for a bare keyword. */
      readonly serviceCode: string | null;
    }
  | { readonly optOut: false };

export interface OptOutOptions {
  /** Keywords to recognise instead of OPT_OUT_KEYWORDS (any case and marks; internal spaces are allowed). */
  readonly keywords?: readonly string[];
  /**
   * Service codes allowed after a keyword (any case). When given, "HUY XYZ" with an unknown XYZ is not an
   * opt-out; when omitted, any single code of 1–10 letters and digits is accepted.
   */
  readonly serviceCodes?: readonly string[];
}

/** Spaces, punctuation, symbols and invisible format characters (zero-width space, BOM…). */
const SEPARATOR = /[\s\p{P}\p{S}\p{Cf}]+/gu;
const SERVICE_CODE = /^[A-Z0-9]{1,10}$/;
const NOT_OPT_OUT: OptOutMatch = Object.freeze({ optOut: false });

/**
 * Compatibility forms folded (full-width letters…), upper case without Vietnamese marks, đ → D, every run of
 * separators turned into one space, trimmed.
 */
export function foldInboundText(text: string): string {
  return stripDiacritics(text.normalize('NFKC')).toUpperCase().replace(SEPARATOR, ' ').trim();
}

/** Whether `text` is an opt-out request and, if so, which keyword and service code it carries. */
export function detectOptOut(text: string, options: OptOutOptions = {}): OptOutMatch {
  const folded = foldInboundText(text);
  if (!folded) return NOT_OPT_OUT;
  const keywords = (options.keywords ?? OPT_OUT_KEYWORDS)
    .map(foldInboundText)
    .filter((keyword) => keyword !== '')
    .sort((a, b) => b.length - a.length);
  const allowedCodes = options.serviceCodes ? new Set(options.serviceCodes.map(foldInboundText)) : null;
  for (const keyword of keywords) {
    if (folded === keyword) return { optOut: true, keyword, serviceCode: null };
    if (!folded.startsWith(`${keyword} `)) continue;
    const rest = folded.slice(keyword.length + 1);
    const isCode = allowedCodes ? allowedCodes.has(rest) : SERVICE_CODE.test(rest);
    if (isCode) return { optOut: true, keyword, serviceCode: rest };
  }
  return NOT_OPT_OUT;
}
