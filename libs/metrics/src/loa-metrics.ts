import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Answers the number of jobs per queue and state when Prometheus scrapes (set by the app that can see queues). */
export type QueueDepthSource = () => Promise<Array<{ queue: string; state: string; jobs: number }>>;

/**
 * Every metric Loa exposes, in a registry of this process's own (never prom-client's global one, so two
 * applications in one process do not collide). Kept cheap on hot paths: label children are looked up once.
 * Scraped at `/metrics` on the API and on `METRICS_PORT` of a worker.
 */
@Injectable()
export class LoaMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'loa_http_request_duration_seconds',
    help: 'HTTP requests answered by the API (route pattern, not the concrete path)',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly embedRequests = new Counter({
    name: 'loa_embed_requests_total',
    help: 'Requests to /embed/ answered by the embed edge, by kind (page, view, click, image, banner, go)',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly bannerCounted = new Counter({
    name: 'loa_banner_counted_total',
    help: "People's banner impressions and clicks counted (bots excluded)",
    labelNames: ['what'] as const,
    registers: [this.registry],
  });

  readonly smsOutcomes = new Counter({
    name: 'loa_sms_outcomes_total',
    help: 'What each SMS submission came to, per carrier: accepted, rejected, retry-later (throttled, busy, not bound), ambiguous or error',
    labelNames: ['carrier', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly smsInFlight = new Gauge({
    name: 'loa_sms_in_flight',
    help: 'SMS submissions sent to a carrier and not answered yet',
    labelNames: ['carrier'] as const,
    registers: [this.registry],
  });

  readonly smsSubmitSeconds = new Histogram({
    name: 'loa_sms_submit_seconds',
    help: "Time from handing an SMS to the carrier's connection to its answer (submit_sm_resp, API response)",
    labelNames: ['carrier'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [this.registry],
  });

  readonly smsOnSecondaryRoute = new Gauge({
    name: 'loa_sms_on_secondary_route',
    help: "1 while a carrier's second route carries it (failed over), 0 on its primary; carriers with a second route only",
    labelNames: ['carrier'] as const,
    registers: [this.registry],
  });

  readonly smsRouteSwitches = new Counter({
    name: 'loa_sms_route_switches_total',
    help: "Switches between a carrier's routes this process decided, by the route switched to",
    labelNames: ['carrier', 'to'] as const,
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'loa_queue_jobs',
    help: 'BullMQ jobs per queue and state, read when scraped',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
    collect: async () => {
      if (!this.queueDepths) return;
      this.queueJobs.reset();
      for (const d of await this.queueDepths()) this.queueJobs.set({ queue: d.queue, state: d.state }, d.jobs);
    },
  });

  private queueDepths: QueueDepthSource | null = null;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'loa_' });
  }

  /** Where queue depths come from (the API, which sees every queue). */
  readQueueDepthsFrom(source: QueueDepthSource): void {
    this.queueDepths = source;
  }

  /** The text Prometheus scrapes, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
