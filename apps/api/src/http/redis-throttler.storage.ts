import { Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';

// Fixed-window counter, atomic in Redis: every API process shares the same counts.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {hits, redis.call('PTTL', KEYS[1])}`;

/** Rate-limit counters in Redis, so limits hold across several API processes. */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new Redis(config.redis.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    this.prefix = config.redis.queuePrefix;
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const [hits, pttl] = (await this.redis.eval(
      INCREMENT,
      1,
      `${this.prefix}:throttle:${throttlerName}:${key}`,
      ttl,
    )) as [number, number];
    const seconds = Math.max(1, Math.ceil(pttl / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire: seconds, isBlocked, timeToBlockExpire: isBlocked ? seconds : 0 };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

/** Holds the storage as a provider so its Redis connection closes with the application. */
@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
export class RateLimitStorageModule {}
