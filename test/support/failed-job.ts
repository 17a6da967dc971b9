import { randomUUID } from 'node:crypto';
import { Job, Queue, QueueEvents, Worker } from 'bullmq';

/**
 * Adds a job to `queue` and has a throw-away worker fail it once with `reason`, as a channel's worker would on a
 * refusal it cannot retry; resolves once the job is failed. Use on a queue nothing else consumes in the test.
 */
export async function failedJob(queue: Queue, data: Record<string, unknown>, reason: string): Promise<Job> {
  const events = new QueueEvents(queue.name, { connection: queue.opts.connection, prefix: queue.opts.prefix });
  await events.waitUntilReady();
  const worker = new Worker(
    queue.name,
    async () => {
      throw new Error(reason);
    },
    { connection: queue.opts.connection, prefix: queue.opts.prefix },
  );
  try {
    const job = await queue.add('send', data, { attempts: 1, jobId: `failed-${randomUUID()}` });
    await job.waitUntilFinished(events, 10_000).catch(() => undefined);
    if (!(await job.isFailed())) throw new Error(`job ${job.id} did not fail: ${await job.getState()}`);
    return job;
  } finally {
    await worker.close();
    await events.close();
  }
}
