import { OncePerInterval } from './once-per-interval';

describe('OncePerInterval', () => {
  it('is due once per interval per key', () => {
    const once = new OncePerInterval(10_000);
    expect(once.due('a', 0)).toBe(true);
    expect(once.due('a', 9_999)).toBe(false);
    expect(once.due('b', 9_999)).toBe(true);
    expect(once.due('a', 10_000)).toBe(true);
    expect(once.due('a', 15_000)).toBe(false);
    expect(once.due('a', 20_000)).toBe(true);
  });

  it('is due again at once for a key it was told to forget', () => {
    const once = new OncePerInterval(10_000);
    expect(once.due('a', 0)).toBe(true);
    once.forget('a');
    expect(once.due('a', 1)).toBe(true);
  });

  it('remembers at most maxKeys keys, letting the least recently used go', () => {
    const once = new OncePerInterval(10_000, 2);
    once.due('a', 0);
    once.due('b', 1);
    once.due('a', 10_001); // a is now the most recent
    once.due('c', 10_002); // b goes
    expect(once.due('a', 10_003)).toBe(false);
    expect(once.due('c', 10_004)).toBe(false);
    expect(once.due('b', 10_005)).toBe(true);
  });
});
