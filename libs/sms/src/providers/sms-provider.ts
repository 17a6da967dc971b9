import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob, ReceiptOutcome } from '@loa/queue';

export interface OutgoingSms {
  /** 84xxxxxxxxx */
  msisdn: string;
  senderName: string;
  text: string;
}

/**
 * Called by a provider before each submission it makes to the carrier — each part of a long message, numbered from
 * 0 — and resolves when that submission may go. Carriers count their agreed rate in submissions (`submit_sm`,
 * billed segments), not in messages. What a refusal after the first part means depends on the protocol: an SMPP
 * session has already submitted part 0, so it sends the rest rather than cut the message short; Twilio sends all
 * segments in one API call, so it paces every segment first and a refusal on any of them sends nothing.
 */
export type SendPace = (part: number) => Promise<void>;

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
  /**
   * Sends one message. Given `pace`, the provider awaits it before every submission it makes (nothing goes to the
   * carrier before the first resolves); when it rejects for the first part, the provider sends nothing.
   */
  send(sms: OutgoingSms, pace?: SendPace): Promise<SendOutcome>;
  /**
   * Whether the provider can take a submission now: an SMPP session is bound; an HTTP API has no session and is
   * always so (its failures show in the outcomes).
   */
  isConnected(): boolean;
  /**
   * Asks the carrier where a sent message stands, for one whose receipt never came (SMPP query_sm, Twilio's
   * Message resource). Throws when the carrier cannot be asked right now; the next round asks again.
   */
  queryStatus(query: StatusQuery): Promise<StatusAnswer>;
  stop(): Promise<void>;
}

export interface StatusQuery {
  providerMessageId: string;
  /** The sender the message went out with (SMPP's query_sm names it). */
  senderName: string;
}

export type StatusAnswer =
  /** The message ended: apply it exactly as a receipt saying so. */
  | { kind: 'final'; outcome: ReceiptOutcome; providerStatus: string; errorCode: string | null }
  /** Still on its way (ENROUTE, Twilio's queued/sent): ask again later. */
  | { kind: 'pending'; providerStatus: string }
  /** The carrier no longer knows the message (ESME_RQUERYFAIL, HTTP 404): the receipt timeout decides. */
  | { kind: 'unknown'; providerStatus: string };
