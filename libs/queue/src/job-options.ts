import type { DefaultJobOptions } from 'bullmq';

/** Bounded retention: completed jobs kept an hour (max 1000), failed ones a week (max 5000) for inspection. */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5000 },
};
