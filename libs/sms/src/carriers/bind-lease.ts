import type Redis from 'ioredis';

/**
 * Takes a seat (this process's member) when there is room, or renews the one held: seats whose lease ran out are
 * freed first. Answers 1 when the seat is held, 0 when the account's sessions are all taken.
 */
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local held = redis.call('ZSCORE', KEYS[1], ARGV[1])
if (not held) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 1
`;

/**
 * One of a carrier account's allowed sessions (binds), held by this process while it is bound: a lease in Redis
 * renewed every third of its length, so a process that dies frees its seat when the lease runs out and no more
 * processes than the carrier allows are ever bound at once.
 */
export class BindLease {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly member: string,
    private readonly maxBinds: number,
    private readonly leaseMs = 15_000,
  ) {}

  /** True when this process holds a seat now (taken or renewed). */
  async acquire(): Promise<boolean> {
    const held = (await this.redis.eval(ACQUIRE_SCRIPT, 1, this.key, this.member, this.maxBinds, this.leaseMs)) === 1;
    if (held && !this.timer) {
      this.timer = setInterval(() => void this.acquire().catch(() => undefined), Math.floor(this.leaseMs / 3));
      this.timer.unref();
    }
    return held;
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.redis.zrem(this.key, this.member);
  }
}
