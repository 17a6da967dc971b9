/** Delivery receipt text as most SMSCs write it (SMPP 3.4 Appendix B). */
import { toGsm7Safe } from './sms-text';

export type SmscReceiptStat = 'DELIVRD' | 'UNDELIV';

/** SMPP message_state TLV values for the stats the simulator produces. */
export const MESSAGE_STATE: Record<SmscReceiptStat, number> = { DELIVRD: 2, UNDELIV: 5 };

/** message_state of a message the SMSC is still trying to deliver. */
export const MESSAGE_STATE_ENROUTE = 1;

/** YYMMDDhhmm in UTC. */
export function receiptDate(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return (
    two(date.getUTCFullYear() % 100) +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes())
  );
}

export function formatReceiptText(receipt: {
  messageId: string;
  stat: SmscReceiptStat;
  submittedAt: Date;
  doneAt: Date;
  text: string;
}): string {
  const delivered = receipt.stat === 'DELIVRD' ? '001' : '000';
  const err = receipt.stat === 'DELIVRD' ? '000' : '001';
  return (
    `id:${receipt.messageId} sub:001 dlvrd:${delivered} ` +
    `submit date:${receiptDate(receipt.submittedAt)} done date:${receiptDate(receipt.doneAt)} ` +
    `stat:${receipt.stat} err:${err} text:${toGsm7Safe([...receipt.text].slice(0, 20).join(''))}`
  );
}
