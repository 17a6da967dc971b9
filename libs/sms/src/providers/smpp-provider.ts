import { Logger } from '@nestjs/common';
import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob } from '@loa/queue';
import { DeliveryReceipt, receiptOutcomeFromStat, SMPP_STATUS, SmppSession, SmppSubmitError } from '../smpp';
import type { OutgoingSms, SendPace, SmsProvider, StatusAnswer, StatusQuery } from './sms-provider';

export interface SmppConnectionSettings {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
}

/** A carrier reached over SMPP 3.4 (bind_transceiver; receipts arrive on the same session). */
export class SmppProvider implements SmsProvider {
  private readonly logger: Logger;
  private readonly session: SmppSession;

  constructor(
    readonly carrierCode: string,
    settings: SmppConnectionSettings,
  ) {
    this.logger = new Logger(`smpp:${carrierCode}`);
    this.session = new SmppSession({ ...settings, logger: this.logger });
  }

  async start(
    onReceipt: (receipt: ReceiptJob) => Promise<void>,
    onInbound?: (sms: InboundSmsJob) => Promise<void>,
  ): Promise<void> {
    // Acknowledge (deliver_sm_resp) only after the receipt is safely queued, so the SMSC re-sends otherwise.
    this.session.onReceipt((r) => this.onDeliveryReceipt(r, onReceipt));
    if (onInbound) {
      this.session.onInbound((m) =>
        onInbound({
          carrierCode: this.carrierCode,
          from: m.from,
          to: m.to,
          text: m.text,
          receivedAt: new Date().toISOString(),
        }),
      );
    }
    await this.session.connect();
    this.logger.log(`bound to SMSC`);
  }

  async send(sms: OutgoingSms, pace?: SendPace): Promise<SendOutcome> {
    try {
      const { messageId, messageIds } = await this.session.submit({
        destination: `+${sms.msisdn}`,
        sourceAddr: sms.senderName,
        text: sms.text,
        registeredDelivery: true,
        beforeEachPart: pace,
      });
      return { kind: 'accepted', providerMessageId: messageId, final: false, partIds: messageIds };
    } catch (e) {
      return classifySmppError(e);
    }
  }

  isConnected(): boolean {
    return this.session.isBound();
  }

  async queryStatus(query: StatusQuery): Promise<StatusAnswer> {
    try {
      const answer = await this.session.query(query.providerMessageId, query.senderName);
      const outcome = receiptOutcomeFromStat(answer.stat);
      if (!outcome) return { kind: 'pending', providerStatus: answer.stat };
      return {
        kind: 'final',
        outcome,
        providerStatus: answer.stat,
        errorCode: outcome === 'delivered' ? null : answer.errorCode,
      };
    } catch (e) {
      if (e instanceof SmppSubmitError && e.commandStatus === SMPP_STATUS.ESME_RQUERYFAIL) {
        return { kind: 'unknown', providerStatus: e.statusName };
      }
      throw e;
    }
  }

  async stop(): Promise<void> {
    await this.session.close();
  }

  /** A receipt that ends nothing (an intermediate ENROUTE/ACCEPTD notification) is acknowledged and dropped. */
  private async onDeliveryReceipt(
    r: DeliveryReceipt,
    onReceipt: (receipt: ReceiptJob) => Promise<void>,
  ): Promise<void> {
    const outcome = receiptOutcomeFromStat(r.stat);
    if (!outcome) return;
    await onReceipt({
      carrierCode: this.carrierCode,
      providerMessageId: r.messageId,
      outcome,
      providerStatus: r.stat,
      errorCode: outcome === 'delivered' ? null : r.err,
    });
  }
}

/**
 * An answer from the SMSC is never ambiguous: throttled/transient ones are retried later, permanent ones fail the
 * row. No answer at all after the PDU went out (connection lost, timeout) may have been accepted: ambiguous.
 */
export function classifySmppError(e: unknown): SendOutcome {
  if (!(e instanceof SmppSubmitError)) return { kind: 'ambiguous', error: e instanceof Error ? e.message : String(e) };
  // Part of a long message already went out: sending it again would repeat those parts to the subscriber.
  if (e.acceptedMessageIds.length > 0) return { kind: 'ambiguous', error: e.message };
  if (e.commandStatus !== null) {
    if (e.kind === 'permanent') return { kind: 'rejected', error: e.message };
    return { kind: 'retry-later', error: e.message, throttled: e.kind === 'throttled' };
  }
  if (e.statusName === 'NOT_BOUND') return { kind: 'retry-later', error: e.message };
  if (e.statusName === 'INVALID_MESSAGE') return { kind: 'rejected', error: e.message };
  return { kind: 'ambiguous', error: e.message };
}
