import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob } from '@loa/queue';
import type { RateGate } from './rate-gate';
import type { OutgoingSms, SmsProvider, StatusAnswer, StatusQuery } from './sms-provider';

/**
 * Holds a carrier to its agreed messages per second (TPS), whatever the job concurrency: in this process
 * (LocalRateGate) or across every worker (SharedRateGate, Redis).
 */
export class RateLimitedProvider implements SmsProvider {
  constructor(
    private readonly inner: SmsProvider,
    readonly tps: number,
    private readonly gate: RateGate,
  ) {}

  get carrierCode(): string {
    return this.inner.carrierCode;
  }

  start(onReceipt: (r: ReceiptJob) => Promise<void>, onInbound?: (m: InboundSmsJob) => Promise<void>): Promise<void> {
    return this.inner.start(onReceipt, onInbound);
  }

  async send(sms: OutgoingSms): Promise<SendOutcome> {
    try {
      await this.gate.pass();
    } catch (e) {
      // Nothing went out: the row goes back to the queue for later.
      return { kind: 'retry-later', error: `rate gate: ${(e as Error).message}` };
    }
    return this.inner.send(sms);
  }

  isConnected(): boolean {
    return this.inner.isConnected();
  }

  /** Carriers count queries against the same agreed rate as submissions. */
  async queryStatus(query: StatusQuery): Promise<StatusAnswer> {
    await this.gate.pass();
    return this.inner.queryStatus(query);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}
