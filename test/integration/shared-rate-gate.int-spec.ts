import Redis from 'ioredis';
import { SharedRateGate } from '@loa/sms';
import { busiestSecond, busiestWindow } from '../support/busiest-second';
import { testQueuePrefix } from '../support/test-database';

/**
 * A carrier's TPS held across processes: two gates on two Redis connections (as two worker processes would have),
 * each with many senders, never let through more than the rate in any second — any second, wherever it starts, not
 * only each second on the clock.
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

  /** `processes` gates on their own Redis connections, each with `senders` senders, until each passed `perGate`. */
  async function passThrough(
    gateKey: string,
    tps: number,
    processes: number,
    senders: number,
    perGate: number,
  ): Promise<Array<{ gate: number; at: number }>> {
    const gates = Array.from({ length: processes }, () => {
      const redis = new Redis('redis://127.0.0.1:6379');
      connections.push(redis);
      return new SharedRateGate(redis, gateKey, tps);
    });
    const passes: Array<{ gate: number; at: number }> = [];
    await Promise.all(
      gates.flatMap((gate, g) =>
        Array.from({ length: senders }, async () => {
          while (passes.filter((p) => p.gate === g).length < perGate) {
            await gate.pass();
            passes.push({ gate: g, at: performance.timeOrigin + performance.now() });
          }
        }),
      ),
    );
    // Every sender finished; each gate passed its share (a few over, the last round of its senders).
    for (let g = 0; g < processes; g++) {
      expect(passes.filter((p) => p.gate === g).length).toBeGreaterThanOrEqual(perGate);
    }
    return passes;
  }

  it('holds 100 TPS between two processes with ten senders each', async () => {
    const passes = await passThrough(key, 100, 2, 10, 150);
    expect(busiestSecond(passes.map((p) => p.at))).toBeLessThanOrEqual(100);
    // Both processes sent within the same seconds: they shared the rate, not each took 100.
    const span = Math.max(...passes.map((p) => p.at)) - Math.min(...passes.map((p) => p.at));
    expect(span).toBeGreaterThanOrEqual(2000);
  });

  it('holds a low rate (7 TPS) between three processes, the sends spread over each second', async () => {
    const passes = await passThrough(`${key}-low`, 7, 3, 4, 6);
    const times = passes.map((p) => p.at);
    expect(busiestSecond(times)).toBeLessThanOrEqual(7);
    // One send per slice of 50 ms: any 50 ms touch two slices, never the whole second's sends in one burst.
    expect(busiestWindow(times, 50)).toBeLessThanOrEqual(2);
  });
});
