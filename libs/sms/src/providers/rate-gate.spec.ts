import { rateSlices } from './rate-gate';
import { RateLimitedProvider } from './rate-limited-provider';
import type { SmsProvider } from './sms-provider';

describe('rateSlices', () => {
  it.each([
    [1, 1000, 1],
    [5, 200, 1],
    [7, 143, 1],
    [15, 134, 2],
    [33, 91, 3],
    [50, 100, 5],
    [1000, 100, 100],
  ])('%d TPS: %d ms slices of %d', (tps, sliceMs, perSlice) => {
    expect(rateSlices(tps)).toEqual({ sliceMs, perSlice });
  });

  it('never allows more than the rate, and nearly all of it', () => {
    for (let tps = 1; tps <= 2000; tps++) {
      const { sliceMs, perSlice } = rateSlices(tps);
      const rate = (perSlice * 1000) / sliceMs;
      expect(rate).toBeLessThanOrEqual(tps);
      expect(rate).toBeGreaterThan(tps * 0.95);
    }
  });

  it('refuses a rate that is not positive', () => {
    expect(() => rateSlices(0)).toThrow(RangeError);
  });
});

describe('RateLimitedProvider', () => {
  it('sends nothing and asks for a later try when its gate cannot answer (Redis down)', async () => {
    const sent: string[] = [];
    // A stand-in provider and gate (this unit's boundaries); the shared gate itself runs on real Redis elsewhere.
    const inner = {
      carrierCode: 'viettel',
      send: async (sms: { msisdn: string }) => {
        sent.push(sms.msisdn);
        return { kind: 'accepted' as const, providerMessageId: 'x', final: false };
      },
    } as unknown as SmsProvider;
    const provider = new RateLimitedProvider(inner, 10, {
      pass: () => Promise.reject(new Error('Connection is closed.')),
    });
    await expect(provider.send({ msisdn: '84961000001', senderName: 'S', text: 't' })).resolves.toEqual({
      kind: 'retry-later',
      error: 'rate gate: Connection is closed.',
    });
    expect(sent).toEqual([]);
  });
});
