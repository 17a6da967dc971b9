/**
 * A token bucket (pure; the clock is injected): at most `ratePerSecond` takes per second on average, with bursts
 * up to `burst`. `take()` answers how long to wait before the next send may go.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = Math.max(1, ratePerSecond),
    private readonly now: () => number = Date.now,
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    this.tokens = burst;
    this.last = now();
  }

  /** Takes one token; returns 0 when one was free, else the milliseconds until it will be (already reserved). */
  take(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.ratePerSecond) * 1000);
  }
}
