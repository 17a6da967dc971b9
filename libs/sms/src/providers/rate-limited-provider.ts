import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob } from '@loa/queue';
import { type RateGate, rateGateRefusal } from './rate-gate';
import type { OutgoingSms, SmsProvider, StatusAnswer, StatusQuery } from './sms-provider';

/**
 * Holds a carrier to its agreed submissions per second (TPS), whatever the job concurrency: in this process
 * (LocalRateGate) or across every worker (SharedRateGate, Redis). Each part of a long message passes the gate
 * before it goes (the provider paces its submissions), since carriers count `submit_sm`, not messages.
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
    let gateDown: Error | null = null;
    const pace = async (part: number): Promise<void> => {
      try {
        await this.gate.pass();
      } catch (e) {
        if (part === 0) gateDown = e as Error;
        throw e;
      }
    };
    // The gate could not answer before the first part: nothing went out, the row goes back to the queue for later
    // (whether the provider answered with an outcome or let the gate's error through).
    try {
      const outcome = await this.inner.send(sms, pace);
      return gateDown ? rateGateRefusal(gateDown) : outcome;
    } catch (e) {
      if (gateDown) return rateGateRefusal(gateDown);
      throw e;
    }
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
