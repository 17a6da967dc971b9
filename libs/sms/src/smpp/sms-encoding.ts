/**
 * Chooses the SMPP data_coding for a text and tells whether it fits one SMS segment.
 * GSM 03.38 default alphabet (data_coding 0) when every character is in the basic
 * or extension table, UCS-2 (data_coding 8) otherwise. The alphabet and the segment
 * sizes come from ../text, the single source of truth for both.
 */
import { SEGMENT_LIMITS, analyzeText, gsmSeptets, type SmsEncoding } from '../text';

export const DATA_CODING_GSM7 = 0;
export const DATA_CODING_UCS2 = 8;

export type SmppDataCoding = typeof DATA_CODING_GSM7 | typeof DATA_CODING_UCS2;

export const SINGLE_SEGMENT_GSM7_SEPTETS = SEGMENT_LIMITS['GSM-7'].single;
export const SINGLE_SEGMENT_UCS2_UNITS = SEGMENT_LIMITS['UCS-2'].single;

/** Septets needed to send `text` in the GSM 7-bit alphabet, or null if it is not representable. */
export function countGsm7Septets(text: string): number | null {
  let septets = 0;
  for (const char of text) {
    const cost = gsmSeptets(char);
    if (cost === null) return null;
    septets += cost;
  }
  return septets;
}

export function isGsm7Text(text: string): boolean {
  return countGsm7Septets(text) !== null;
}

/** data_coding for a text encoding: 0 (SMSC default alphabet, GSM 03.38) or 8 (UCS-2). */
export function dataCodingFor(encoding: SmsEncoding): SmppDataCoding {
  return encoding === 'GSM-7' ? DATA_CODING_GSM7 : DATA_CODING_UCS2;
}

export interface SmsEncodingChoice {
  dataCoding: SmppDataCoding;
  /** Septets (GSM) or UTF-16 code units (UCS-2), of the NFC form of the text. */
  length: number;
  fitsSingleSegment: boolean;
}

/** The data_coding and length of `text` once NFC-normalised (the form SmppSession sends). */
export function chooseSmsEncoding(text: string): SmsEncodingChoice {
  const analysis = analyzeText(text);
  return {
    dataCoding: dataCodingFor(analysis.encoding),
    length: analysis.length,
    fitsSingleSegment: analysis.length <= SEGMENT_LIMITS[analysis.encoding].single,
  };
}
