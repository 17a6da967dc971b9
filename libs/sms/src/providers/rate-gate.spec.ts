import { rateSlices } from './rate-gate';
import { RateLimitedProvider } from './rate-limited-provider';
import type { SmsProvider } from './sms-provider';

describe('rateSlices', () => {
  it.each([
    [1, 50, 1, 21, 1],
    [15, 50, 1, 21, 15],
    [15.5, 50, 1, 21, 15],
    [40, 50, 2, 21, 40],
    [1000, 50, 50, 21, 1000],
    [0.5, 100, 1, 21, 1],
    [0.3, 167, 1, 21, 1],
  ])('%d TPS: slices of %d ms, %d each, %d of them holding %d', (tps, sliceMs, perSlice, windowSlices, perWindow) => {
    expect(rateSlices(tps)).toEqual({ sliceMs, perSlice, windowSlices, perWindow });
  });

  it('lets no period hold more than the rate, and a busy carrier nearly all of it', () => {
    for (const tps of [0.05, 0.3, 0.5, 1, 2, 7, 15, 15.5, 33, 40, 100, 999, 1000, 2000]) {
      const { sliceMs, perSlice, windowSlices, perWindow } = rateSlices(tps);
      const periodMs = tps >= 1 ? 1000 : 1000 / tps;
      // Any period, wherever it starts, touches at most windowSlices slices…
      for (let start = 0; start < sliceMs; start++) {
        const touched = Math.floor((start + Math.ceil(periodMs) - 1) / sliceMs) - Math.floor(start / sliceMs) + 1;
        expect(touched).toBeLessThanOrEqual(windowSlices);
      }
      // …which together hold at most the rate's whole sends…
      expect(perWindow).toBeLessThanOrEqual(Math.max(1, tps));
      // …and the slices can fill the window (the rate is not lost to the spreading): one slice in 21 is the price.
      expect(perSlice * (windowSlices - 1)).toBeGreaterThanOrEqual(perWindow);
      if (tps >= 1)
        expect(perWindow / ((windowSlices * sliceMs) / 1000)).toBeGreaterThanOrEqual(Math.floor(tps) * 0.95);
    }
  });

  it('refuses a rate that is not positive', () => {
    expect(() => rateSlices(0)).toThrow(RangeError);
    expect(() => rateSlices(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('RateLimitedProvider', () => {
  it('sends nothing and asks for a later try when its gate cannot answer (Redis down)', async () => {
    const sent: string[] = [];
    // A stand-in provider and gate (this unit's boundaries); the shared gate itself runs on real Redis elsewhere.
    const inner = {
      carrierCode: 'viettel',
      send: async (sms: { msisdn: string }, pace: (part: number) => Promise<void>) => {
        await pace(0);
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
