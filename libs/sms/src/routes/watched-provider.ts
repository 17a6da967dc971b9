import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob } from '@loa/queue';
import type { OutgoingSms, SendPace, SmsProvider, StatusAnswer, StatusQuery } from '../providers';
import type { RouteHealth } from './rules';

/** A route's provider whose every submission tells the route's health what it came to (the failover reads it). */
export class WatchedProvider implements SmsProvider {
  constructor(
    private readonly inner: SmsProvider,
    private readonly health: RouteHealth,
    private readonly clock: () => number = Date.now,
  ) {}

  get carrierCode(): string {
    return this.inner.carrierCode;
  }

  start(onReceipt: (r: ReceiptJob) => Promise<void>, onInbound?: (m: InboundSmsJob) => Promise<void>): Promise<void> {
    return this.inner.start(onReceipt, onInbound);
  }

  async send(sms: OutgoingSms, pace?: SendPace): Promise<SendOutcome> {
    const outcome = await this.inner.send(sms, pace);
    this.health.record(outcome, this.clock());
    return outcome;
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  queryStatus(query: StatusQuery): Promise<StatusAnswer> {
    return this.inner.queryStatus(query);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}
