import { receiptCheckEveryMs } from './receipt-check-interval';

describe('receiptCheckEveryMs', () => {
  it('looks a tenth of the first delay apart, at most a minute, never faster than the lifecycle', () => {
    expect(receiptCheckEveryMs({ lifecycleIntervalMs: 2000, receiptQueryAfterSeconds: 600 })).toBe(60_000);
    expect(receiptCheckEveryMs({ lifecycleIntervalMs: 2000, receiptQueryAfterSeconds: 120 })).toBe(12_000);
    expect(receiptCheckEveryMs({ lifecycleIntervalMs: 500, receiptQueryAfterSeconds: 5 })).toBe(500);
    expect(receiptCheckEveryMs({ lifecycleIntervalMs: 300, receiptQueryAfterSeconds: 2 })).toBe(300);
  });
});
