/**
 * Pure helpers to interpret a deliver_sm PDU received from the SMSC:
 * delivery receipt or mobile-originated (inbound) message.
 */
import type { PDU } from 'smpp';
import { DeliveryReceipt, parseReceiptText, receiptStatFromMessageState } from './parse-receipt';

/** esm_class message type bits (SMPP 3.4 §5.2.12, bits 5..2). */
const ESM_MESSAGE_TYPE_MASK = 0x3c;
const ESM_SMSC_DELIVERY_RECEIPT = 0x04;
const ESM_INTERMEDIATE_NOTIFICATION = 0x20;

export interface InboundSms {
  /** Sender; prefixed with '+' when the SMSC marks it as international (TON 1). */
  from: string;
  to: string;
  text: string;
}

export function isDeliveryReceipt(esmClass: number): boolean {
  const type = esmClass & ESM_MESSAGE_TYPE_MASK;
  return type === ESM_SMSC_DELIVERY_RECEIPT || type === ESM_INTERMEDIATE_NOTIFICATION;
}

/** node-smpp decodes short_message/message_payload into `{ message }`, a string for known codings. */
function decodedMessageText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (typeof value === 'object' && 'message' in value) {
    const message = (value as { message: unknown }).message;
    if (typeof message === 'string') return message;
    if (Buffer.isBuffer(message)) return message.toString('latin1');
  }
  return '';
}

/** Message text of a deliver_sm: message_payload TLV if present, short_message otherwise. */
export function deliverSmText(pdu: PDU): string {
  return decodedMessageText(pdu.message_payload) || decodedMessageText(pdu.short_message);
}

function addressWithPlus(address: unknown, ton: unknown): string {
  const value = typeof address === 'string' ? address : '';
  return ton === 1 && value && !value.startsWith('+') ? `+${value}` : value;
}

export function inboundFromDeliverSm(pdu: PDU): InboundSms {
  return {
    from: addressWithPlus(pdu.source_addr, pdu.source_addr_ton),
    to: addressWithPlus(pdu.destination_addr, pdu.dest_addr_ton),
    text: deliverSmText(pdu),
  };
}

/**
 * Delivery receipt carried by a deliver_sm. The receipted_message_id TLV is preferred
 * for the id and the message_state TLV is used when the text gives no usable stat.
 * Returns null when neither the text nor the TLVs identify the message.
 */
export function receiptFromDeliverSm(pdu: PDU): DeliveryReceipt | null {
  const text = deliverSmText(pdu);
  const parsed = parseReceiptText(text);
  const tlvMessageId =
    typeof pdu.receipted_message_id === 'string' && pdu.receipted_message_id !== '' ? pdu.receipted_message_id : null;
  const tlvStat = typeof pdu.message_state === 'number' ? receiptStatFromMessageState(pdu.message_state) : null;

  if (parsed) {
    return {
      ...parsed,
      messageId: tlvMessageId ?? parsed.messageId,
      stat: parsed.stat === 'UNKNOWN' && tlvStat ? tlvStat : parsed.stat,
    };
  }
  if (tlvMessageId && tlvStat) {
    return { messageId: tlvMessageId, stat: tlvStat, err: null, submitDate: null, doneDate: null, raw: text };
  }
  return null;
}
