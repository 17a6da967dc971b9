import type { SendOutcome } from '@loa/delivery';
import type { InboundSmsJob, ReceiptJob } from '@loa/queue';
import type { OutgoingSms, SmsProvider, StatusAnswer, StatusQuery } from './sms-provider';
import { TokenBucket } from './token-bucket';

/** Holds a carrier to its agreed messages per second (TPS), in this process, whatever the job concurrency. */
export class RateLimitedProvider implements SmsProvider {
  private readonly bucket: TokenBucket;

  constructor(
    private readonly inner: SmsProvider,
    readonly tps: number,
  ) {
    this.bucket = new TokenBucket(tps, Math.max(1, Math.ceil(tps / 10)));
  }

  get carrierCode(): string {
    return this.inner.carrierCode;
  }

  start(onReceipt: (r: ReceiptJob) => Promise<void>, onInbound?: (m: InboundSmsJob) => Promise<void>): Promise<void> {
    return this.inner.start(onReceipt, onInbound);
  }

  async send(sms: OutgoingSms): Promise<SendOutcome> {
    await this.takeToken();
    return this.inner.send(sms);
  }

  /** Carriers count queries against the same agreed rate as submissions. */
  async queryStatus(query: StatusQuery): Promise<StatusAnswer> {
    await this.takeToken();
    return this.inner.queryStatus(query);
  }

  private async takeToken(): Promise<void> {
    const wait = this.bucket.take();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}
