import { RouteHealth, routeSignal } from './route-health';

describe('routeSignal', () => {
  it('reads accepted as health, transient refusals and lost answers as failing, the rest as neither', () => {
    expect(routeSignal({ kind: 'accepted' })).toBe('ok');
    expect(routeSignal({ kind: 'retry-later' })).toBe('failing');
    expect(routeSignal({ kind: 'ambiguous' })).toBe('failing');
    expect(routeSignal({ kind: 'retry-later', throttled: true })).toBe('neutral');
    expect(routeSignal({ kind: 'rejected' })).toBe('neutral');
    expect(routeSignal({ kind: 'deferred' })).toBe('neutral');
  });
});

describe('RouteHealth', () => {
  it('measures unbroken failure from its first failure, and a success ends it', () => {
    const h = new RouteHealth();
    expect(h.failingFor(1_000)).toBe(0);
    h.record({ kind: 'retry-later', error: 'NOT_BOUND' }, 1_000);
    h.record({ kind: 'rejected', error: 'invalid number' }, 2_000);
    h.record({ kind: 'ambiguous', error: 'timeout' }, 5_000);
    expect(h.failingFor(31_000)).toBe(30_000);
    expect(h.error).toBe('timeout');
    h.record({ kind: 'accepted' }, 32_000);
    expect(h.failingFor(40_000)).toBe(0);
    expect(h.error).toBeNull();
  });

  it('is cleared when the route is given a fresh chance', () => {
    const h = new RouteHealth();
    h.failed(0, 'cannot connect');
    h.reset();
    expect(h.failingFor(100_000)).toBe(0);
  });
});
