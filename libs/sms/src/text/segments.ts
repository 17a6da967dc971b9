import { gsmSeptets, isGsm7 } from './gsm-alphabet';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface TextAnalysis {
  /** The analysed text, NFC-normalised. */
  readonly text: string;
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  readonly length: number;
  /** Parts the carrier bills; never 0 (an empty message is still one SMS). */
  readonly segments: number;
}

/** Capacity of a single-part message and of each part of a concatenated one (the rest is the UDH). */
export const SEGMENT_LIMITS: Readonly<Record<SmsEncoding, { readonly single: number; readonly multipart: number }>> = {
  'GSM-7': { single: 160, multipart: 153 },
  'UCS-2': { single: 70, multipart: 67 },
};

/** What one character (code point) costs: septets in GSM-7, UTF-16 code units in UCS-2 (2 for a surrogate pair). */
function costOf(char: string, encoding: SmsEncoding): number {
  return encoding === 'GSM-7' ? (gsmSeptets(char) ?? 1) : char.length;
}

function totalLength(text: string, encoding: SmsEncoding): number {
  let length = 0;
  for (const char of text) length += costOf(char, encoding);
  return length;
}

function pack(text: string, encoding: SmsEncoding): string[] {
  const { single, multipart } = SEGMENT_LIMITS[encoding];
  if (totalLength(text, encoding) <= single) return [text];
  const parts: string[] = [];
  let current = '';
  let used = 0;
  // Iterating by code point keeps a surrogate pair together; costing ESC + char as 2 keeps it together too.
  for (const char of text) {
    const cost = costOf(char, encoding);
    if (used + cost > multipart) {
      parts.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += cost;
  }
  parts.push(current);
  return parts;
}

export function encodingOf(text: string): SmsEncoding {
  return isGsm7(text) ? 'GSM-7' : 'UCS-2';
}

/**
 * The parts a message is sent as, in order (NFC text). Parts are packed greedily and never split an
 * extension character from its escape or a surrogate pair. An empty text is one empty part, as carriers bill it.
 */
export function splitSegments(text: string): string[] {
  const normalized = text.normalize('NFC');
  return pack(normalized, encodingOf(normalized));
}

/** Encoding, length and billed segment count of a message text (NFC-normalised first). */
export function analyzeText(text: string): TextAnalysis {
  const normalized = text.normalize('NFC');
  const encoding = encodingOf(normalized);
  return {
    text: normalized,
    encoding,
    length: totalLength(normalized, encoding),
    segments: pack(normalized, encoding).length,
  };
}
