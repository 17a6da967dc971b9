import type Redis from 'ioredis';
import type { SendOutcome } from '@loa/delivery';
import { TokenBucket } from './token-bucket';

/** Lets sends through at a carrier's agreed rate: `pass()` resolves when the next send may go. */
export interface RateGate {
  pass(): Promise<void>;
}

/** The outcome of a message the gate could not let go (Redis away…): nothing was sent, the row waits for later. */
export function rateGateRefusal(error: unknown): SendOutcome {
  return { kind: 'retry-later', error: `rate gate: ${error instanceof Error ? error.message : String(error)}` };
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
 * Counts sends in slices of time on Redis's own clock and grants, in the current slice, up to ARGV[2] sends when
 * the slice holds fewer than ARGV[1] and the last ARGV[4] slices (this one included) fewer than ARGV[5] in all;
 * answers [granted, ms left in the slice]. Every count expires once no window can include it.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local slice = tonumber(ARGV[3])
local window = tonumber(ARGV[4])
local n = math.floor(ms / slice)
local names = {}
for i = 0, window - 1 do names[i + 1] = KEYS[1] .. ':' .. (n - i) end
local counts = redis.call('MGET', unpack(names))
local inWindow = 0
for i = 1, window do inWindow = inWindow + tonumber(counts[i] or '0') end
local used = tonumber(counts[1] or '0')
local grant = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - used, tonumber(ARGV[5]) - inWindow)
if grant > 0 then
  redis.call('INCRBY', names[1], grant)
  redis.call('PEXPIRE', names[1], slice * (window + 1))
else
  grant = 0
end
return {grant, (n + 1) * slice - ms}
`;

/** The shared gate cuts each period of its rate (a second, or 1/TPS seconds under 1 TPS) into this many slices. */
const SLICES_PER_PERIOD = 20;

export interface RateSlices {
  sliceMs: number;
  /** Sends one slice may hold: the rate spread over the second, so that a second's sends do not go in a burst. */
  perSlice: number;
  /** Slices any one period can touch (its first and last in part)… */
  windowSlices: number;
  /** …and the sends they may hold together: the rate's whole sends per second (one per period under 1 TPS). */
  perWindow: number;
}

/**
 * How a rate is sliced: any second (not only each whole second on the clock) touches at most 21 slices of 50 ms,
 * and those 21 together may hold at most the rate, so no second ever sees more. The price is one slice in 21: a
 * busy carrier gets 1000/1050 of its TPS (40 TPS: 38.1). A fractional rate keeps its whole sends (15.5 TPS: 15 in
 * any second); under 1 TPS, one send in any period of 1/TPS seconds (slices of a twentieth of that period).
 */
export function rateSlices(tps: number): RateSlices {
  if (!(tps > 0) || !Number.isFinite(tps)) throw new RangeError('tps must be positive');
  const periodMs = tps >= 1 ? 1000 : Math.ceil(1000 / tps);
  const sliceMs = Math.ceil(periodMs / SLICES_PER_PERIOD);
  return {
    sliceMs,
    perSlice: Math.ceil((tps * sliceMs) / 1000),
    windowSlices: Math.ceil(periodMs / sliceMs) + 1,
    perWindow: Math.max(1, Math.floor(tps)),
  };
}

/**
 * A carrier's rate held across every worker process: its agreed TPS is per account, not per process. Sends are
 * counted in Redis per slice of 50 ms; a slice is granted sends only while it and the 20 before it hold fewer than
 * the rate (rateSlices), so the SMSC sees at most the TPS in any second, whichever second it measures. A process
 * takes its grants for a slice in one round trip and hands them to its own senders; a grant not used within its
 * slice is lost, never carried over.
 */
export class SharedRateGate implements RateGate {
  private readonly slices: RateSlices;
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
    this.slices = rateSlices(tps);
  }

  async pass(): Promise<void> {
    for (;;) {
      if (this.granted > 0 && performance.now() < this.grantedUntil) {
        this.granted--;
        return;
      }
      // One round trip at a time per process; the others wait for its grants.
      this.taking ??= this.take().finally(() => (this.taking = null));
      await this.taking;
    }
  }

  private async take(): Promise<void> {
    const { sliceMs, perSlice, windowSlices, perWindow } = this.slices;
    // Redis read its clock after we asked: counted from the asking, the slice's end can only be later than we think.
    const asked = performance.now();
    const [grant, msLeft] = (await this.redis.eval(
      TAKE_SCRIPT,
      1,
      this.key,
      perSlice,
      Math.min(this.chunk, perSlice),
      sliceMs,
      windowSlices,
      perWindow,
    )) as [number, number];
    if (grant > 0) {
      this.granted = grant;
      // A little before the slice ends: the send itself leaves on the next turn of the event loop.
      this.grantedUntil = asked + msLeft - GRANT_END_MARGIN_MS;
      return;
    }
    this.granted = 0;
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, msLeft)));
  }
}

const GRANT_END_MARGIN_MS = 2;
