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
    const checks: Record<string, 'up' | 'down'> = { postgres: 'down', redis: 'down' };
    await this.dataSource
      .query('SELECT 1')
      .then(() => (checks.postgres = 'up'))
      .catch(() => undefined);
    // BullMQ waits for Redis to come back rather than failing: bound the wait, so a Redis outage answers 503.
    if ((await within(this.queue.count(), REDIS_CHECK_MS).catch(() => 'failed')) === 'done') checks.redis = 'up';
    if (Object.values(checks).includes('down')) throw new ServiceUnavailableException({ status: 'down', checks });
    return { status: 'up', checks };
  }
}
