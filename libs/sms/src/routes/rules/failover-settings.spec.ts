import { failoverSettings } from './failover-settings';
import { routeOfStoredId, storedMessageId } from './route-ids';

describe('failoverSettings', () => {
  it('is null for a carrier without a second route', () => {
    expect(failoverSettings('viettel', { host: 'smsc', tps: 50 })).toBeNull();
  });

  it('reads the second route and the times, with defaults', () => {
    const secondary = { provider: 'smpp', host: 'smsc-2', systemId: 'loa2', passwordEnv: 'SMSC2_PASSWORD' };
    expect(failoverSettings('viettel', { secondary })).toEqual({
      secondary,
      failoverAfterMs: 60_000,
      retryPrimaryAfterMs: 300_000,
    });
    expect(
      failoverSettings('viettel', { secondary, failoverAfterSeconds: 5, retryPrimaryAfterSeconds: '30' }),
    ).toMatchObject({ failoverAfterMs: 5_000, retryPrimaryAfterMs: 30_000 });
  });

  it('refuses a second route it cannot build, naming the field', () => {
    expect(() => failoverSettings('viettel', { secondary: 'smsc-2' })).toThrow(/connection\.secondary must be/);
    expect(() => failoverSettings('viettel', { secondary: { provider: 'http' } })).toThrow(
      /connection\.secondary\.provider must be smpp or twilio \(got http\)/,
    );
    expect(() => failoverSettings('viettel', { secondary: { provider: 'smpp' }, failoverAfterSeconds: 0 })).toThrow(
      /connection\.failoverAfterSeconds must be/,
    );
  });
});

describe('stored message ids', () => {
  it('keeps a primary id as the carrier gave it and marks a secondary one, both ways', () => {
    expect(storedMessageId('primary', '1a2b')).toBe('1a2b');
    expect(storedMessageId('secondary', '1a2b')).toBe('secondary:1a2b');
    expect(routeOfStoredId('secondary:1a2b')).toEqual({ route: 'secondary', providerId: '1a2b' });
    expect(routeOfStoredId('1a2b')).toEqual({ route: 'primary', providerId: '1a2b' });
  });
});
