import { stripDiacritics } from './text';

/** The text as sent to one carrier (pure). Per-carrier policies (labels, length caps) grow here. */
export function renderForCarrier(text: string, policy: { stripDiacritics: boolean }): string {
  const nfc = text.normalize('NFC').trim();
  return policy.stripDiacritics ? stripDiacritics(nfc) : nfc;
}
