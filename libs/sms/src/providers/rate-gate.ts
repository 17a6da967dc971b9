import type Redis from 'ioredis';
import { TokenBucket } from './token-bucket';

/** Lets sends through at a carrier's agreed rate: `pass()` resolves when the next send may go. */
export interface RateGate {
  pass(): Promise<void>;
}

/** The rate held in this process only (one worker, or a carrier with a session per process). */
export class LocalRateGate implements RateGate {
  private readonly bucket: TokenBucket;

  constructor(tps: number) {
    this.bucket = new TokenBucket(tps, Math.max(1, Math.ceil(tps / 10)));
  }

  async pass(): Promise<void> {
    const wait = this.bucket.take();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Time slices of a second, each with its share of the rate, counted in Redis by slice number on Redis's own clock:
 * grants up to ARGV[2] of the slice's ARGV[1] sends and answers [granted, ms left in the slice].
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slice = tonumber(ARGV[3])
local n = math.floor(ms / slice)
local key = KEYS[1] .. ':' .. n
local used = tonumber(redis.call('GET', key) or '0')
local grant = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - used)
if grant > 0 then
  redis.call('INCRBY', key, grant)
  redis.call('PEXPIRE', key, slice * 4)
else
  grant = 0
end
return {grant, (n + 1) * slice - ms}
`;

/**
 * How a rate is sliced: about a tenth of a second each (longer for under 10 TPS), a whole number of sends per slice,
 * the slice rounded up so that the rate is never exceeded (15 TPS: 2 sends every 134 ms).
 */
export function rateSlices(tps: number): { sliceMs: number; perSlice: number } {
  if (!(tps > 0)) throw new RangeError('tps must be positive');
  const perSlice = Math.max(1, Math.round(tps / 10));
  return { sliceMs: Math.ceil((1000 * perSlice) / tps), perSlice };
}

/**
 * A carrier's rate held across every worker process: its agreed TPS is per account, not per process. Each slice of
 * time (100 ms for 10 TPS and more) allows its share of sends, counted in Redis; a process takes its grants for a
 * slice in one round trip and hands them to its own senders, and a grant not used within its slice is lost, never
 * carried over, so no second ever sees more than the TPS.
 */
export class SharedRateGate implements RateGate {
  private readonly sliceMs: number;
  private readonly perSlice: number;
  private granted = 0;
  private grantedUntil = 0;
  private taking: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    tps: number,
    /** Grants asked for at once (about the sends this process has in flight). */
    private readonly chunk = 10,
  ) {
    ({ sliceMs: this.sliceMs, perSlice: this.perSlice } = rateSlices(tps));
  }

  async pass(): Promise<void> {
    for (;;) {
      if (this.granted > 0 && Date.now() < this.grantedUntil) {
        this.granted--;
        return;
      }
      // One round trip at a time per process; the others wait for its grants.
      this.taking ??= this.take().finally(() => (this.taking = null));
      await this.taking;
    }
  }

  private async take(): Promise<void> {
    const [grant, msLeft] = (await this.redis.eval(
      TAKE_SCRIPT,
      1,
      this.key,
      this.perSlice,
      Math.min(this.chunk, this.perSlice),
      this.sliceMs,
    )) as [number, number];
    if (grant > 0) {
      this.granted = grant;
      // Our clock and Redis's differ by the round trip: end the grants a little before the slice does.
      this.grantedUntil = Date.now() + Math.max(0, msLeft - 5);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, msLeft)));
  }
}
