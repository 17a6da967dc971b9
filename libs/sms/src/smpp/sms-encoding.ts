/**
 * Chooses the SMPP data_coding for a text and tells whether it fits one SMS segment.
 * GSM 03.38 default alphabet (data_coding 0) when every character is in the basic
 * or extension table, UCS-2 (data_coding 8) otherwise.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters sent as ESC + code, so they cost two septets. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export const DATA_CODING_GSM7 = 0;
export const DATA_CODING_UCS2 = 8;

export const SINGLE_SEGMENT_GSM7_SEPTETS = 160;
export const SINGLE_SEGMENT_UCS2_UNITS = 70;

/** Septets needed to send `text` in the GSM 7-bit alphabet, or null if it is not representable. */
export function countGsm7Septets(text: string): number | null {
  let septets = 0;
  for (const char of text) {
    if (BASIC.has(char)) septets += 1;
    else if (EXTENSION.has(char)) septets += 2;
    else return null;
  }
  return septets;
}

export function isGsm7Text(text: string): boolean {
  return countGsm7Septets(text) !== null;
}

export interface SmsEncodingChoice {
  dataCoding: typeof DATA_CODING_GSM7 | typeof DATA_CODING_UCS2;
  /** Septets (GSM) or UTF-16 code units (UCS-2). */
  length: number;
  fitsSingleSegment: boolean;
}

export function chooseSmsEncoding(text: string): SmsEncodingChoice {
  const septets = countGsm7Septets(text);
  if (septets !== null) {
    return {
      dataCoding: DATA_CODING_GSM7,
      length: septets,
      fitsSingleSegment: septets <= SINGLE_SEGMENT_GSM7_SEPTETS,
    };
  }
  return {
    dataCoding: DATA_CODING_UCS2,
    length: text.length,
    fitsSingleSegment: text.length <= SINGLE_SEGMENT_UCS2_UNITS,
  };
}
