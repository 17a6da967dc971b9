import Redis from 'ioredis';
import { SharedRateGate } from '@loa/sms';
import { busiestSecond } from '../support/busiest-second';
import { testQueuePrefix } from '../support/test-database';

/**
 * A carrier's TPS held across processes: two gates on two Redis connections (as two worker processes would have),
 * each with many senders, never let through more than the rate in any second (slices allow at most one slice more).
 */
describe('SharedRateGate (real Redis)', () => {
  const key = `${testQueuePrefix()}:carrier-rate:viettel`;
  const connections: Redis[] = [];

  afterAll(async () => {
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${key}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await Promise.all(connections.map((c) => c.quit()));
  });

  it('holds 100 TPS between two processes with ten senders each', async () => {
    const tps = 100;
    const gates = [0, 1].map(() => {
      const redis = new Redis('redis://127.0.0.1:6379');
      connections.push(redis);
      return new SharedRateGate(redis, key, tps);
    });
    const passes: Array<{ gate: number; at: number }> = [];
    const perGate = 150;
    await Promise.all(
      gates.flatMap((gate, g) =>
        Array.from({ length: 10 }, async () => {
          while (passes.filter((p) => p.gate === g).length < perGate) {
            await gate.pass();
            passes.push({ gate: g, at: Date.now() });
          }
        }),
      ),
    );
    // Every sender finished; each gate passed its share (a few over, the last round of its senders).
    for (const g of [0, 1]) expect(passes.filter((p) => p.gate === g).length).toBeGreaterThanOrEqual(perGate);
    // 100 TPS and slices of 100 ms: any second spans at most 11 slices of 10.
    expect(busiestSecond(passes.map((p) => p.at))).toBeLessThanOrEqual(110);
    // Both processes sent within the same seconds: they shared the rate, not each took 100.
    const span = Math.max(...passes.map((p) => p.at)) - Math.min(...passes.map((p) => p.at));
    expect(span).toBeGreaterThanOrEqual(2000);
  });
});
