/**
 * Parser for the de-facto standard SMSC delivery receipt text (SMPP 3.4 Appendix B):
 *   id:IIIIIIIIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...
 * Tolerant of field order, letter case, extra spaces and `submit_date`-style keys.
 */

export const RECEIPT_STATS = [
  'DELIVRD',
  'UNDELIV',
  'EXPIRED',
  'REJECTD',
  'DELETED',
  'ACCEPTD',
  'UNKNOWN',
  'ENROUTE',
] as const;

export type ReceiptStat = (typeof RECEIPT_STATS)[number];

export interface DeliveryReceipt {
  messageId: string;
  stat: ReceiptStat;
  err: string | null;
  /** As written by the SMSC (YYMMDDhhmm[ss], SMSC local time), not converted. */
  submitDate: string | null;
  doneDate: string | null;
  raw: string;
}

/** Long spellings some SMSCs use, mapped to the 7-letter standard codes. */
const STAT_ALIASES: Record<string, ReceiptStat> = {
  DELIVERED: 'DELIVRD',
  UNDELIVERABLE: 'UNDELIV',
  UNDELIVERED: 'UNDELIV',
  REJECTED: 'REJECTD',
  ACCEPTED: 'ACCEPTD',
};

/** SMPP message_state TLV values (SMPP 3.4 §5.2.28). */
const MESSAGE_STATES: Record<number, ReceiptStat> = {
  1: 'ENROUTE',
  2: 'DELIVRD',
  3: 'EXPIRED',
  4: 'DELETED',
  5: 'UNDELIV',
  6: 'ACCEPTD',
  7: 'UNKNOWN',
  8: 'REJECTD',
};

export function receiptStatFromMessageState(state: number): ReceiptStat | null {
  return MESSAGE_STATES[state] ?? null;
}

export function normalizeReceiptStat(value: string): ReceiptStat {
  const upper = value.trim().toUpperCase();
  if ((RECEIPT_STATS as readonly string[]).includes(upper)) return upper as ReceiptStat;
  return STAT_ALIASES[upper] ?? 'UNKNOWN';
}

/** First value of a single-token field (`key:value`) appearing before the free `text:` field. */
function fieldValue(head: string, key: string): string | null {
  const match = new RegExp(`(?:^|\\s)${key}\\s*:\\s*(\\S+)`, 'i').exec(head);
  return match ? match[1] : null;
}

export function parseReceiptText(text: string): DeliveryReceipt | null {
  const raw = text;
  // Everything after `text:` is the original message excerpt and may contain anything.
  const textField = /(?:^|\s)text\s*:/i.exec(raw);
  const head = textField ? raw.slice(0, textField.index) : raw;

  const messageId = fieldValue(head, 'id');
  if (!messageId) return null;
  const stat = fieldValue(head, 'stat');

  return {
    messageId,
    stat: stat ? normalizeReceiptStat(stat) : 'UNKNOWN',
    err: fieldValue(head, 'err'),
    submitDate: fieldValue(head, 'submit[ _]?date'),
    doneDate: fieldValue(head, 'done[ _]?date'),
    raw,
  };
}

/**
 * What a receipt stat means for the message: DELIVRD ends it delivered; UNDELIV, EXPIRED, REJECTD and DELETED end
 * it failed; ENROUTE, ACCEPTD and UNKNOWN (intermediate notifications, or an SMSC that does not know yet) end
 * nothing, so the row keeps waiting for a final receipt.
 */
export function receiptOutcomeFromStat(stat: ReceiptStat): 'delivered' | 'failed' | null {
  if (stat === 'DELIVRD') return 'delivered';
  if (stat === 'UNDELIV' || stat === 'EXPIRED' || stat === 'REJECTD' || stat === 'DELETED') return 'failed';
  return null;
}
