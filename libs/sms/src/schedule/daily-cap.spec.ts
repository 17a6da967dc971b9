import { checkDailyCap } from './daily-cap';

describe('checkDailyCap', () => {
  it('allows messages up to the cap and reports what is left', () => {
    expect(checkDailyCap({ sentToday: 0, maxPerDay: 3 })).toEqual({ allowed: true, remaining: 2, overridden: false });
    expect(checkDailyCap({ sentToday: 2, maxPerDay: 3 })).toEqual({ allowed: true, remaining: 0, overridden: false });
    expect(checkDailyCap({ sentToday: 1, maxPerDay: 3, messages: 2 })).toEqual({
      allowed: true,
      remaining: 0,
      overridden: false,
    });
  });

  it('refuses the message that would exceed the cap, saying why', () => {
    expect(checkDailyCap({ sentToday: 3, maxPerDay: 3 })).toEqual({
      allowed: false,
      remaining: 0,
      reason: 'daily cap of 3 reached: 3 already sent today, 1 more would make 4',
    });
    expect(checkDailyCap({ sentToday: 1, maxPerDay: 3, messages: 3 })).toMatchObject({ allowed: false, remaining: 2 });
  });

  it('treats a count already above the cap (e.g. after a lowered cap) as no room left', () => {
    expect(checkDailyCap({ sentToday: 5, maxPerDay: 3 })).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('lets an explicit override through and marks it for the audit trail', () => {
    expect(checkDailyCap({ sentToday: 3, maxPerDay: 3, override: true })).toEqual({
      allowed: true,
      remaining: 0,
      overridden: true,
    });
    // Within the cap an override changes nothing and is not reported as used.
    expect(checkDailyCap({ sentToday: 0, maxPerDay: 3, override: true })).toEqual({
      allowed: true,
      remaining: 2,
      overridden: false,
    });
  });

  it.each([
    [{ sentToday: -1, maxPerDay: 3 }],
    [{ sentToday: 0.5, maxPerDay: 3 }],
    [{ sentToday: 0, maxPerDay: 0 }],
    [{ sentToday: 0, maxPerDay: Number.NaN }],
    [{ sentToday: 0, maxPerDay: 3, messages: 0 }],
  ])('refuses nonsense counts %p', (input) => {
    expect(() => checkDailyCap(input)).toThrow(RangeError);
  });
});
