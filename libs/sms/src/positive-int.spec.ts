import { positiveInt } from './positive-int';

describe('positiveInt', () => {
  it('reads a positive whole number, given as a number or a numeric string', () => {
    expect(positiveInt(1)).toBe(1);
    expect(positiveInt(250)).toBe(250);
    expect(positiveInt('42')).toBe(42);
  });

  it('answers null for what is unset or not a positive whole number', () => {
    for (const value of [undefined, null, 0, -1, 0.5, NaN, Infinity, '', 'ten', {}]) {
      expect(positiveInt(value)).toBeNull();
    }
  });

  it('brings a number above max down to it', () => {
    expect(positiveInt(5000, { max: 1000 })).toBe(1000);
    expect(positiveInt('1000', { max: 1000 })).toBe(1000);
    expect(positiveInt(999, { max: 1000 })).toBe(999);
    expect(positiveInt(0, { max: 1000 })).toBeNull();
  });
});
