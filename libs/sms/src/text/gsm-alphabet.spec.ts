import { GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS, gsmSeptets, isGsm7 } from './gsm-alphabet';

describe('GSM 03.38 alphabet', () => {
  it('has 127 distinct basic characters (128 codes minus ESC) and 10 extension characters', () => {
    expect(new Set(GSM_BASIC_CHARACTERS).size).toBe(127);
    expect([...GSM_BASIC_CHARACTERS]).toHaveLength(127);
    expect([...GSM_EXTENSION_CHARACTERS].sort()).toEqual(['\f', '[', '\\', ']', '^', '{', '|', '}', '~', '€'].sort());
  });

  it('keeps basic and extension tables disjoint', () => {
    for (const char of GSM_EXTENSION_CHARACTERS) expect(GSM_BASIC_CHARACTERS).not.toContain(char);
  });

  it('places well-known characters at their GSM code points', () => {
    expect(GSM_BASIC_CHARACTERS.indexOf('@')).toBe(0x00);
    expect(GSM_BASIC_CHARACTERS.indexOf('\n')).toBe(0x0a);
    expect(GSM_BASIC_CHARACTERS.indexOf('Δ')).toBe(0x10);
    // ESC (0x1B) is omitted, so characters after it sit one position earlier.
    expect(GSM_BASIC_CHARACTERS.indexOf('Æ')).toBe(0x1c - 1);
    expect(GSM_BASIC_CHARACTERS.indexOf('A')).toBe(0x41 - 1);
    expect(GSM_BASIC_CHARACTERS.indexOf('à')).toBe(0x7f - 1);
  });

  it.each([
    ['a', 1],
    ['@', 1],
    ['à', 1],
    ['é', 1],
    ['\n', 1],
    ['€', 2],
    ['[', 2],
    ['\\', 2],
    ['\f', 2],
    ['|', 2],
    ['ạ', null],
    ['đ', null],
    ['`', null],
    ['“', null],
    ['😀', null],
  ] as const)('costs %p %p septets', (char, septets) => {
    expect(gsmSeptets(char)).toBe(septets);
  });

  it('tells whether a whole text is GSM-7', () => {
    expect(isGsm7('Phong chong dich Covid-19 {5K} €')).toBe(true);
    expect(isGsm7('')).toBe(true);
    expect(isGsm7('Phòng chống dịch')).toBe(false);
    expect(isGsm7('tab\there')).toBe(false);
  });
});
