import { Queue } from 'bullmq';
import { JobSchedulerKeeper } from '../../apps/worker/src/processors/job-scheduler-keeper';
import { dropQueuePrefix, testQueuePrefix } from '../support/test-database';

const REDIS_URL = 'redis://127.0.0.1:6379';

/** Real Redis: the keeper re-creates a job scheduler only when it is gone, as after a Redis restart. */
describe('JobSchedulerKeeper (real Redis)', () => {
  const prefix = testQueuePrefix();
  let queue: Queue;
  let keeper: JobSchedulerKeeper;

  beforeAll(() => {
    queue = new Queue('lifecycle', { connection: { host: '127.0.0.1', port: 6379 }, prefix });
    keeper = new JobSchedulerKeeper(queue, 'lifecycle-tick', 60_000, 'tick', 60_000);
  });

  afterAll(async () => {
    keeper.stop();
    await queue.close();
    await dropQueuePrefix(REDIS_URL, prefix);
  });

  it('registers the scheduler at start and leaves it alone while it exists', async () => {
    await keeper.start();
    expect(await queue.getJobScheduler('lifecycle-tick')).toMatchObject({ every: 60_000, name: 'tick' });
    expect(await keeper.ensure()).toBe(false);
    expect(await keeper.ensure()).toBe(false);
  });

  it('re-creates it, with its next job, once Redis has lost every key', async () => {
    await dropQueuePrefix(REDIS_URL, prefix); // what a restart of a Redis that keeps nothing on disk leaves
    expect(await queue.getJobScheduler('lifecycle-tick')).toBeUndefined();
    expect(await keeper.ensure()).toBe(true);
    expect(await queue.getJobScheduler('lifecycle-tick')).toMatchObject({ every: 60_000, name: 'tick' });
    const next = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
    expect(next.map((j) => j.name)).toEqual(['tick']);
    expect(await keeper.ensure()).toBe(false);
  });
});
