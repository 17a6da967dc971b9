import { ActivityStamps } from './activity-stamps';

describe('ActivityStamps', () => {
  it('is due once per interval per key', () => {
    const stamps = new ActivityStamps(10_000);
    expect(stamps.due('a', 0)).toBe(true);
    expect(stamps.due('a', 9_999)).toBe(false);
    expect(stamps.due('b', 9_999)).toBe(true);
    expect(stamps.due('a', 10_000)).toBe(true);
    expect(stamps.due('a', 15_000)).toBe(false);
    expect(stamps.due('a', 20_000)).toBe(true);
  });

  it('is due again at once for a key it was told to forget', () => {
    const stamps = new ActivityStamps(10_000);
    expect(stamps.due('a', 0)).toBe(true);
    stamps.forget('a');
    expect(stamps.due('a', 1)).toBe(true);
  });

  it('remembers at most maxKeys keys, letting the least recently stamped go', () => {
    const stamps = new ActivityStamps(10_000, 2);
    stamps.due('a', 0);
    stamps.due('b', 1);
    stamps.due('a', 10_001); // a is now the most recent
    stamps.due('c', 10_002); // b goes
    expect(stamps.due('a', 10_003)).toBe(false);
    expect(stamps.due('c', 10_004)).toBe(false);
    expect(stamps.due('b', 10_005)).toBe(true);
  });
});
