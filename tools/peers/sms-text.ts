/**
 * SMS text facts needed by the protocol peers (kept independent from libs/sms so that
 * the peers do not share code with the clients they are used to test).
 */

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

/** GSM 03.38 septets needed for `text`, or null when a character needs UCS-2. */
export function gsm7Septets(text: string): number | null {
  let septets = 0;
  for (const char of text) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENSION.has(char)) septets += 2;
    else return null;
  }
  return septets;
}

/** Replaces characters the GSM 7-bit alphabet cannot carry with '?'. */
export function toGsm7Safe(text: string): string {
  return [...text].map((char) => (gsm7Septets(char) === null ? '?' : char)).join('');
}

/** Number of SMS segments (153 septets / 67 UCS-2 units per part once concatenated). */
export function countSmsSegments(text: string): number {
  const septets = gsm7Septets(text);
  if (septets !== null) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}
