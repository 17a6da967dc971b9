import { isoDate, makeDate } from './dates';

describe('dates', () => {
  it('formats valid dates and rejects impossible ones', () => {
    expect(isoDate(2021, 9, 28)).toBe('2021-09-28');
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2021, 2, 29)).toBeNull();
    expect(isoDate(2021, 13, 1)).toBeNull();
    expect(isoDate(2021, 4, 31)).toBeNull();
    expect(isoDate(1800, 1, 1)).toBeNull();
  });

  it('keeps partial dates without an ISO form', () => {
    expect(makeDate(2021, 9, null)).toEqual({ year: 2021, month: 9, day: null, iso: null });
    expect(makeDate(2021, null, null)).toEqual({ year: 2021, month: null, day: null, iso: null });
    expect(makeDate(2021, 6, 4)).toEqual({ year: 2021, month: 6, day: 4, iso: '2021-06-04' });
  });

  it('drops an impossible month or day instead of guessing', () => {
    expect(makeDate(2021, 2, 30)).toEqual({ year: 2021, month: 2, day: null, iso: null });
    expect(makeDate(2021, 14, 3)).toEqual({ year: 2021, month: null, day: 3, iso: null });
    expect(makeDate(99, 1, 1)).toBeNull();
  });
});
