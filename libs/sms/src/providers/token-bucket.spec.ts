import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('lets a burst through, then spaces takes at the rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 3, () => now);
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([0, 0, 0]);
    expect(bucket.take()).toBe(100); // the 4th waits one interval
    expect(bucket.take()).toBe(200); // and the 5th two: waits are reserved, not shared
    now = 1000;
    expect(bucket.take()).toBe(0); // refilled (capped at the burst)
  });

  it('never exceeds the rate over a long run', () => {
    let now = 0;
    const bucket = new TokenBucket(50, 5, () => now);
    let sent = 0;
    for (; now < 10_000; now += 7) {
      if (bucket.take() === 0) sent++;
      else now += 0; // a caller that does not wait simply tries again later
    }
    expect(sent).toBeLessThanOrEqual(50 * 10 + 5);
  });

  it('refuses a non-positive rate', () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
  });
});
