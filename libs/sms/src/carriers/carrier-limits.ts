import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { SharedRateGate, type RateGate } from '../providers';
import { BindLease } from './bind-lease';

/**
 * What a carrier allows an account, held across every worker process through Redis: its TPS (one rate gate per
 * carrier) and its number of sessions (a bind lease per process). One Redis connection, opened on first use; keys
 * under the deployment's queue prefix.
 */
@Injectable()
export class CarrierLimits implements OnApplicationShutdown {
  private redis: Redis | null = null;
  /** This process, as a holder of bind leases. */
  private readonly member = `${process.pid}-${randomUUID()}`;
  private readonly leases: BindLease[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  gateFor(carrierCode: string, tps: number): RateGate {
    return new SharedRateGate(this.connection(), this.key('carrier-rate', carrierCode), tps);
  }

  leaseFor(carrierCode: string, maxBinds: number): BindLease {
    const lease = new BindLease(this.connection(), this.key('carrier-binds', carrierCode), this.member, maxBinds);
    this.leases.push(lease);
    return lease;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.leases.map((l) => l.release().catch(() => undefined)));
    await this.redis?.quit().catch(() => undefined);
    this.redis = null;
  }

  private connection(): Redis {
    this.redis ??= new Redis(this.config.redis.url, { maxRetriesPerRequest: 2 });
    return this.redis;
  }

  private key(kind: string, carrierCode: string): string {
    return `${this.config.redis.queuePrefix}:${kind}:${carrierCode}`;
  }
}
