import { timelineBucketSeconds } from './timeline-buckets';

describe('timelineBucketSeconds', () => {
  it('draws a short burst in seconds and a long campaign in hours or days, never more than the bars asked', () => {
    expect(timelineBucketSeconds(0)).toBe(1);
    expect(timelineBucketSeconds(30_000)).toBe(1);
    expect(timelineBucketSeconds(59_000)).toBe(1);
    expect(timelineBucketSeconds(60_000)).toBe(5);
    expect(timelineBucketSeconds(2 * 3600_000)).toBe(300);
    expect(timelineBucketSeconds(14 * 86_400_000)).toBe(6 * 3600);
    expect(timelineBucketSeconds(365 * 86_400_000)).toBe(7 * 86_400);
    for (const span of [1_000, 61_000, 3_600_000, 86_400_000, 30 * 86_400_000]) {
      expect(span / 1000 / timelineBucketSeconds(span)).toBeLessThan(60);
    }
    expect(timelineBucketSeconds(3_600_000, 10)).toBe(900);
  });

  it('refuses a span or a bar count that makes no sense', () => {
    expect(() => timelineBucketSeconds(-1)).toThrow(RangeError);
    expect(() => timelineBucketSeconds(Number.NaN)).toThrow(RangeError);
    expect(() => timelineBucketSeconds(1000, 0)).toThrow(RangeError);
  });
});
