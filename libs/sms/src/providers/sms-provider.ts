import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob } from '@loa/queue';

export interface OutgoingSms {
  /** 84xxxxxxxxx */
  msisdn: string;
  senderName: string;
  text: string;
}

/**
 * One carrier connection. Providers send and (where the protocol pushes them on the same connection) report
 * receipts through `onReceipt`; Twilio receipts arrive as signed HTTP callbacks instead.
 */
export interface SmsProvider {
  readonly carrierCode: string;
  /** Connects; receipts and subscribers' replies that arrive on the connection go to the handlers. */
  start(
    onReceipt: (receipt: ReceiptJob) => Promise<void>,
    onInbound?: (sms: InboundSmsJob) => Promise<void>,
  ): Promise<void>;
  send(sms: OutgoingSms): Promise<SendOutcome>;
  stop(): Promise<void>;
}
