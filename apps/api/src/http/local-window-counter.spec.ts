import { LocalWindowCounter } from './local-window-counter';

describe('LocalWindowCounter', () => {
  it('counts hits per key within a window and starts again when it ends', () => {
    const c = new LocalWindowCounter();
    expect(c.increment('login:1.2.3.4', 60_000, 0)).toEqual({ hits: 1, msToExpire: 60_000 });
    expect(c.increment('login:1.2.3.4', 60_000, 1_000)).toEqual({ hits: 2, msToExpire: 59_000 });
    expect(c.increment('login:5.6.7.8', 60_000, 1_000)).toEqual({ hits: 1, msToExpire: 60_000 });
    expect(c.increment('login:1.2.3.4', 60_000, 60_000)).toEqual({ hits: 1, msToExpire: 60_000 });
  });

  it('stays within its key budget under a flood of distinct keys, dropping ended windows first', () => {
    const c = new LocalWindowCounter(100);
    for (let i = 0; i < 100; i++) c.increment(`old-${i}`, 10, 0);
    c.increment('live', 60_000, 5);
    for (let i = 0; i < 1_000; i++) c.increment(`flood-${i}`, 60_000, 20);
    expect(c.size).toBeLessThanOrEqual(100);
  });
});
