import { carrierQuotaDeferral, dailyCapDeferral, deferralKind } from './deferral-reasons';

describe('deferral reasons', () => {
  const until = new Date('2026-12-04T17:00:00Z');

  it('reads back what the send path writes', () => {
    expect(deferralKind(carrierQuotaDeferral('viettel', 5, until))).toBe('carrier_quota');
    expect(deferralKind(dailyCapDeferral(3, until))).toBe('daily_cap');
    expect(carrierQuotaDeferral('viettel', 5, until)).toBe(
      'carrier viettel daily quota of 5 reached; waits until 2026-12-04T17:00:00.000Z',
    );
  });

  it('knows no other wait', () => {
    expect(deferralKind(null)).toBeNull();
    expect(deferralKind('ESME_RTHROTTLED: throttled')).toBeNull();
    expect(deferralKind('the daily cap of 3 reached')).toBeNull();
  });
});
