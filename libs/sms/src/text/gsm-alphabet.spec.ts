import { GSM_BASIC_CHARACTERS, GSM_EXTENSION_CHARACTERS, encodeGsm7Septets, gsmSeptets, isGsm7 } from './gsm-alphabet';

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

describe('encodeGsm7Septets', () => {
  it('maps basic characters to their codes, one septet per octet, skipping over ESC', () => {
    expect([...encodeGsm7Septets('@£\nΔ_ÆA a~')].slice(0, 7)).toEqual([0x00, 0x01, 0x0a, 0x10, 0x11, 0x1c, 0x41]);
    expect([...encodeGsm7Septets('Hi!')]).toEqual([0x48, 0x69, 0x21]);
    expect([...encodeGsm7Septets('à§¿')]).toEqual([0x7f, 0x5f, 0x60]);
  });

  it('sends extension characters as ESC + code', () => {
    expect([...encodeGsm7Septets('\f^{}\\[~]|€')]).toEqual([
      0x1b, 0x0a, 0x1b, 0x14, 0x1b, 0x28, 0x1b, 0x29, 0x1b, 0x2f, 0x1b, 0x3c, 0x1b, 0x3d, 0x1b, 0x3e, 0x1b, 0x40, 0x1b,
      0x65,
    ]);
  });

  it('produces as many octets as the text costs septets', () => {
    const text = 'Phong chong dich {5K} 100€ [QC]';
    let cost = 0;
    for (const char of text) cost += gsmSeptets(char) ?? Number.NaN;
    expect(encodeGsm7Septets(text)).toHaveLength(cost);
  });

  it('encodes every basic character to a distinct code below 0x80 other than ESC', () => {
    const codes = [...encodeGsm7Septets(GSM_BASIC_CHARACTERS)];
    expect(new Set(codes).size).toBe(127);
    expect(codes).not.toContain(0x1b);
    expect(Math.max(...codes)).toBe(0x7f);
  });

  it.each(['ạ', 'đ', '`', '😀'])('refuses %p', (char) => {
    expect(() => encodeGsm7Septets(`ok ${char}`)).toThrow(RangeError);
  });
});
