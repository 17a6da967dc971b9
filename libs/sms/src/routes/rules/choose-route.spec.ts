import { chooseRoute, RouteSituation } from './choose-route';

const T0 = new Date('2026-12-04T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const situation = (over: Partial<RouteSituation>): RouteSituation => ({
  active: { route: 'primary', since: new Date(0) },
  now: at(0),
  primaryFailingForMs: 0,
  primaryError: null,
  primaryConnected: true,
  secondaryConnected: true,
  failoverAfterMs: 60_000,
  retryPrimaryAfterMs: 300_000,
  ...over,
});

describe('chooseRoute', () => {
  it('keeps a healthy primary, and one failing for less than the failover time', () => {
    expect(chooseRoute(situation({}))).toEqual({ route: 'primary' });
    expect(chooseRoute(situation({ primaryFailingForMs: 59_999, primaryConnected: false }))).toEqual({
      route: 'primary',
    });
  });

  it('fails over once the primary has failed for the failover time, saying why', () => {
    const choice = chooseRoute(
      situation({ primaryFailingForMs: 61_000, primaryConnected: false, primaryError: 'session is reconnecting' }),
    );
    expect(choice).toEqual({
      route: 'secondary',
      switchTo: {
        route: 'secondary',
        reason: 'primary-failing',
        seconds: 61,
        error: 'session is reconnecting',
        detail: 'the primary route failed for 61 s: session is reconnecting',
      },
    });
  });

  it('does not fail over to a secondary that is not connected either', () => {
    expect(chooseRoute(situation({ primaryFailingForMs: 600_000, secondaryConnected: false }))).toEqual({
      route: 'primary',
    });
  });

  it('counts no failure from before the primary was last given the carrier back', () => {
    // Another worker switched back to the primary 10 s ago; this one's streak began long before.
    const back = situation({ active: { route: 'primary', since: at(-10) }, primaryFailingForMs: 600_000 });
    expect(chooseRoute(back)).toEqual({ route: 'primary' });
    expect(chooseRoute({ ...back, now: at(55) }).switchTo?.route).toBe('secondary');
  });

  it('stays on the secondary until the retry time has passed and the primary is connected', () => {
    const onSecondary = { route: 'secondary' as const, since: at(0) };
    expect(chooseRoute(situation({ active: onSecondary, now: at(299) }))).toEqual({ route: 'secondary' });
    expect(chooseRoute(situation({ active: onSecondary, now: at(400), primaryConnected: false }))).toEqual({
      route: 'secondary',
    });
    expect(chooseRoute(situation({ active: onSecondary, now: at(300) }))).toEqual({
      route: 'primary',
      switchTo: {
        route: 'primary',
        reason: 'primary-retry',
        seconds: 300,
        error: null,
        detail: 'the primary route is connected again after 300 s on the secondary',
      },
    });
  });
});
