import { analyzeText, type TextAnalysis } from './segments';
import { stripDiacritics as stripMarks } from './strip-diacritics';

export interface SmsPolicy {
  /** Send without Vietnamese marks (usually GSM-7: 160 characters per SMS instead of 70). */
  readonly stripDiacritics?: boolean;
  /** Largest number of billed segments allowed; a positive integer. */
  readonly maxSegments?: number;
  /** Prepended verbatim (include your own separator, e.g. "UBND tinh: "). */
  readonly prefix?: string;
  /** Appended verbatim. */
  readonly suffix?: string;
}

export interface RenderedSms extends TextAnalysis {
  /** True when stripping was asked for and actually changed the text. */
  readonly diacriticsStripped: boolean;
  readonly exceedsMaxSegments: boolean;
  /** Why the message breaks the policy, or null. */
  readonly error: string | null;
}

/** Composes prefix + text + suffix, applies the policy and reports encoding, length and segments. */
export function renderSms(text: string, policy: SmsPolicy = {}): RenderedSms {
  const { maxSegments } = policy;
  if (maxSegments !== undefined && (!Number.isInteger(maxSegments) || maxSegments < 1)) {
    throw new RangeError(`maxSegments must be a positive integer, got ${maxSegments}`);
  }
  const composed = `${policy.prefix ?? ''}${text}${policy.suffix ?? ''}`.normalize('NFC');
  const body = policy.stripDiacritics ? stripMarks(composed) : composed;
  const analysis = analyzeText(body);
  const exceedsMaxSegments = maxSegments !== undefined && analysis.segments > maxSegments;
  return {
    ...analysis,
    diacriticsStripped: body !== composed,
    exceedsMaxSegments,
    error: exceedsMaxSegments
      ? `message needs ${analysis.segments} ${analysis.encoding} segments, the policy allows at most ${maxSegments}`
      : null,
  };
}
