import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, within } from '@loa/queue';
import { Public } from '../auth/auth.decorators';

/** How long the health check waits for Redis before calling it down. */
const REDIS_CHECK_MS = 1_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QUEUES.fanout) private readonly queue: Queue,
  ) {}

  /** 200 when PostgreSQL and Redis answer; 503 naming the one that does not. */
  @Get()
  async health() {
    const checks = await this.checks();
    if (Object.values(checks).includes('down')) throw new ServiceUnavailableException({ status: 'down', checks });
    return { status: 'up', checks };
  }

  /**
   * Liveness, for an orchestrator deciding whether to restart this process: 200 while it answers at all. It never
   * looks at PostgreSQL or Redis (restarting the API would not bring them back).
   */
  @Get('live')
  live() {
    return { status: 'up' };
  }

  /**
   * Readiness, for a load balancer deciding whether to send traffic here: 200 while PostgreSQL answers, since the
   * API serves without Redis (station feeds, banners, the operator API; launches wait for the reconciler); the
   * checks still say whether Redis is down. 503 when PostgreSQL is.
   */
  @Get('ready')
  async ready() {
    const checks = await this.checks();
    if (checks.postgres === 'down') throw new ServiceUnavailableException({ status: 'down', checks });
    return { status: 'up', checks };
  }

  private async checks(): Promise<Record<'postgres' | 'redis', 'up' | 'down'>> {
    const checks: Record<'postgres' | 'redis', 'up' | 'down'> = { postgres: 'down', redis: 'down' };
    await this.dataSource
      .query('SELECT 1')
      .then(() => (checks.postgres = 'up'))
      .catch(() => undefined);
    // BullMQ waits for Redis to come back rather than failing: bound the wait, so a Redis outage answers promptly.
    if ((await within(this.queue.count(), REDIS_CHECK_MS).catch(() => 'failed')) === 'done') checks.redis = 'up';
    return checks;
  }
}
