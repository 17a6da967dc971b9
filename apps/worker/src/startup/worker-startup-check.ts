import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { FanoutService } from '@loa/campaigns';
import { QUEUES } from '@loa/queue';
import { FoundProcessor, processorProblems } from './processor-coverage';

/** Where @nestjs/bullmq's @Processor() keeps its options (`bullmq:processor_metadata`, not exported by the package). */
const BULLMQ_PROCESSOR_METADATA = 'bullmq:processor_metadata';

/**
 * Refuses to start a worker that would silently lose work: a static queue with no processor or two, or a channel
 * without its fan-out (a campaign using it would never be sent). Carrier queues are not listed here: SmsWorkersService
 * builds exactly one worker per enabled carrier.
 */
@Injectable()
export class WorkerStartupCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly fanout: FanoutService,
  ) {}

  onModuleInit(): void {
    const found: FoundProcessor[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype;
      if (typeof type !== 'function') continue;
      const meta = Reflect.getMetadata(BULLMQ_PROCESSOR_METADATA, type) as { name?: string } | undefined;
      if (meta?.name) found.push({ queue: meta.name, provider: wrapper.name });
    }
    const problems = processorProblems(Object.values(QUEUES), found);
    const missing = this.fanout.missingChannels();
    if (missing.length) problems.push(`no fan-out for channel(s) ${missing.join(', ')}: import their modules`);
    if (problems.length) throw new Error(`the worker cannot start: ${problems.join('; ')}`);
  }
}
