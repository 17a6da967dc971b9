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

/** The escape septet that announces an extension-table character. */
export const GSM_ESCAPE = 0x1b;

/** Extension-table character → the code that follows ESC (3GPP TS 23.038 §6.2.1.1). */
const EXTENSION_CODES: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

const BASIC_CODES: ReadonlyMap<string, number> = new Map(
  // GSM_BASIC_CHARACTERS leaves out ESC (0x1B), so every character after it sits one position early.
  [...GSM_BASIC_CHARACTERS].map((char, index) => [char, index < GSM_ESCAPE ? index : index + 1]),
);

/**
 * The septets of `text` in the GSM 7-bit default alphabet, one septet per octet (the unpacked form SMPP carries
 * with data_coding 0); an extension character becomes ESC + its code. Throws RangeError for a character GSM-7
 * cannot carry. The text is used as given (normalise it to NFC first).
 */
export function encodeGsm7Septets(text: string): Uint8Array {
  const septets: number[] = [];
  for (const char of text) {
    const basic = BASIC_CODES.get(char);
    if (basic !== undefined) {
      septets.push(basic);
      continue;
    }
    const extension = EXTENSION_CODES.get(char);
    if (extension === undefined) {
      const codePoint = char.codePointAt(0) ?? 0;
      throw new RangeError(
        `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} is not in the GSM 7-bit alphabet`,
      );
    }
    septets.push(GSM_ESCAPE, extension);
  }
  return Uint8Array.from(septets);
}
