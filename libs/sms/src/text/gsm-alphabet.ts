/**
 * The GSM 03.38 default alphabet (3GPP TS 23.038). Characters of the basic table cost one septet; characters
 * of the extension table are sent as ESC + code and cost two.
 */

/** The 128 basic-table characters in code order; position 0x1B (ESC) is left out because it is not text. */
export const GSM_BASIC_CHARACTERS =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  'Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNO' +
  'PQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmno' +
  'pqrstuvwxyzäöñüà';

/** Extension-table characters (form feed, ^ { } \ [ ~ ] | €), each costing two septets. */
export const GSM_EXTENSION_CHARACTERS = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC_CHARACTERS);
const EXTENSION = new Set(GSM_EXTENSION_CHARACTERS);

/** Septets one character (a code point) costs in GSM-7: 1, 2, or null when GSM-7 cannot carry it. */
export function gsmSeptets(char: string): 1 | 2 | null {
  if (BASIC.has(char)) return 1;
  if (EXTENSION.has(char)) return 2;
  return null;
}

/** True when every character of `text` is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const char of text) {
    if (gsmSeptets(char) === null) return false;
  }
  return true;
}
