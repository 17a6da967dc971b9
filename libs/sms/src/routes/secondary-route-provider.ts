import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob } from '@loa/queue';
import type { OutgoingSms, SendPace, SmsProvider, StatusAnswer, StatusQuery } from '../providers';
import { routeOfStoredId, storedMessageId } from './rules';

/**
 * A carrier's second route, seen by the rest of the send path as the carrier itself: the message ids it hands back
 * and the receipts it brings carry the second route's prefix (so they never meet an id of the primary's SMSC), and
 * a status query strips it again before asking.
 */
export class SecondaryRouteProvider implements SmsProvider {
  constructor(private readonly inner: SmsProvider) {}

  get carrierCode(): string {
    return this.inner.carrierCode;
  }

  start(onReceipt: (r: ReceiptJob) => Promise<void>, onInbound?: (m: InboundSmsJob) => Promise<void>): Promise<void> {
    return this.inner.start(
      (r) => onReceipt({ ...r, providerMessageId: storedMessageId('secondary', r.providerMessageId) }),
      onInbound,
    );
  }

  async send(sms: OutgoingSms, pace?: SendPace): Promise<SendOutcome> {
    const outcome = await this.inner.send(sms, pace);
    if (outcome.kind !== 'accepted') return outcome;
    return {
      ...outcome,
      providerMessageId: outcome.providerMessageId && storedMessageId('secondary', outcome.providerMessageId),
      partIds: outcome.partIds?.map((id) => storedMessageId('secondary', id)),
    };
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  queryStatus(query: StatusQuery): Promise<StatusAnswer> {
    return this.inner.queryStatus({ ...query, providerMessageId: routeOfStoredId(query.providerMessageId).providerId });
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}
