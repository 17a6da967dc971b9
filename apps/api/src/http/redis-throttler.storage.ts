import { Inject, Injectable, Logger, Module, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { LocalWindowCounter } from './local-window-counter';

// Fixed-window counter, atomic in Redis: every API process shares the same counts.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}`;

/** How often a Redis outage is logged by the rate limiter (it would otherwise log on every request). */
const OUTAGE_LOG_EVERY_MS = 30_000;

/**
 * Rate-limit counters in Redis, so limits hold across several API processes. When Redis does not answer, the
 * counts are kept in this process instead (and the log says so): station feeds, banners and the operator API need
 * only PostgreSQL and must not go down with the queue, and a login flood is still shed.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('rate-limit');
  private readonly redis: Redis;
  private readonly prefix: string;
  private lastOutageLogMs = 0;
  private readonly local = new LocalWindowCounter();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // No offline queue: while Redis is away a request falls back to the local counter at once instead of waiting.
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true });
    this.redis.on('error', () => undefined); // reported per request below; ioredis reconnects by itself
    this.prefix = config.redis.queuePrefix;
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const counterKey = `${this.prefix}:throttle:${throttlerName}:${key}`;
    let answer: [number, number];
    try {
      answer = (await this.redis.eval(INCREMENT, 1, counterKey, ttl)) as [number, number];
    } catch (e) {
      this.logOutage(e as Error);
      const { hits, msToExpire } = this.local.increment(counterKey, ttl, Date.now());
      answer = [hits, msToExpire];
    }
    const [hits, pttl] = answer;
    const seconds = Math.max(1, Math.ceil(pttl / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }

  /** Connected before the API takes requests, so the first ones are counted too (unless Redis is down). */
  async onModuleInit(): Promise<void> {
    // Nest calls this once per module the provider is reachable from; connect only the first time, or the second
    // call fails with "already connecting" and reads as an outage in the log.
    if (this.redis.status !== 'wait') return;
    await this.redis.connect().catch((e: Error) => this.logOutage(e));
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }

  private logOutage(error: Error): void {
    const now = Date.now();
    if (now - this.lastOutageLogMs < OUTAGE_LOG_EVERY_MS) return;
    this.lastOutageLogMs = now;
    this.logger.warn(`Redis unavailable (${error.message}): rate limits are counted per API process until it is back`);
  }
}

/** Holds the storage as a provider so its Redis connection closes with the application. */
@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
export class RateLimitStorageModule {}
