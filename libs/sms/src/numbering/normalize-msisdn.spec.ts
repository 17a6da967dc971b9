import { readFileSync } from 'fs';
import { join } from 'path';
import { normalizeMsisdn } from './normalize-msisdn';
import { loadPrefixTable } from './prefix-table';
import { seededRandom as prng } from '../../../../test/support/seeded-random';

const table = loadPrefixTable(
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'config', 'carrier-prefixes.json'), 'utf8')),
);

function ok(input: string): string | null {
  const result = normalizeMsisdn(input, table);
  if (result.error !== null) throw new Error(`expected ${JSON.stringify(input)} to normalise, got: ${result.error}`);
  return result.msisdn;
}

function errorOf(input: string): string {
  const result = normalizeMsisdn(input, table);
  expect(result.msisdn).toBeNull();
  return result.error ?? '';
}

describe('normalizeMsisdn', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['+84912345678', '84912345678'],
    ['84912345678', '84912345678'],
    ['(+84) 912 345 678', '84912345678'],
    ['(+84)912.345.678', '84912345678'],
    ['+84 (0) 912-345-678', '84912345678'],
    ['0084 912 345 678', '84912345678'],
    ['091 234 5678', '84912345678'],
    ['0912.345.678', '84912345678'],
    ['0912-345-678', '84912345678'],
    ['0912\u2013345\u2013678', '84912345678'],
    ['\u00a00912 345 678\t', '84912345678'],
    ['912345678', '84912345678'],
    ['0321234567', '84321234567'],
    ['0559876543', '84559876543'],
    ['0871112222', '84871112222'],
  ])('normalises %p to %p', (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  it.each([
    ['01621234567', '84321234567'],
    ['+841621234567', '84321234567'],
    ['841691234567', '84391234567'],
    ['0120 123 4567', '84701234567'],
    ['01211234567', '84791234567'],
    ['01221234567', '84771234567'],
    ['01261234567', '84761234567'],
    ['01281234567', '84781234567'],
    ['01231234567', '84831234567'],
    ['01271234567', '84811234567'],
    ['01291234567', '84821234567'],
    ['01861234567', '84561234567'],
    ['01881234567', '84581234567'],
    ['01991234567', '84591234567'],
  ])('rewrites legacy 11-digit %p to %p', (input, expected) => {
    expect(ok(input)).toBe(expected);
  });

  it('normalises NFD-decomposed whitespace-padded input the same as NFC', () => {
    expect(ok(' 0912 345 678 '.normalize('NFD'))).toBe('84912345678');
  });

  it.each(['', '   ', '\n'])('rejects empty input %p', (input) => {
    expect(errorOf(input)).toMatch(/^empty/);
  });

  it('rejects separators without digits', () => {
    expect(errorOf('-- ..')).toMatch(/^empty/);
    expect(errorOf('+')).toMatch(/^empty/);
  });

  it.each([
    ['0912abc678', 'a'],
    ['0912 345 678 ext', 'e'],
    ['０９１２３４５６７８', '０'],
    ['0912/345/678', '/'],
  ])('rejects %p naming the stray character', (input, char) => {
    expect(errorOf(input)).toBe(`contains a character that is not a digit: "${char}"`);
  });

  it('rejects a plus sign in the middle', () => {
    expect(errorOf('0912+345678')).toBe('contains a "+" that is not at the start');
  });

  it.each(['091234567', '09123456789', '+8491234567', '12345', '849123456789'])('rejects wrong length %p', (input) => {
    expect(errorOf(input)).toMatch(/^wrong length: .* this one has \d+$/);
  });

  it('rejects a bare country code', () => {
    expect(errorOf('+84')).toMatch(/^wrong length/);
  });

  it.each([
    ['0281234567', '028'],
    ['02838123456', '028'],
    ['+84 24 3825 1234', '024'],
  ])('rejects landline %p', (input, area) => {
    expect(errorOf(input)).toBe(`not a mobile number: ${area} is a landline area code`);
  });

  it.each([
    ['0111234567', '011'],
    ['0951234567', '095'],
    ['0801234567', '080'],
  ])('rejects unknown prefix in %p', (input, prefix) => {
    expect(errorOf(input)).toBe(`not a mobile prefix: ${prefix} belongs to no carrier`);
  });

  it('rejects an unknown legacy prefix', () => {
    expect(errorOf('01311234567')).toBe('not a mobile prefix: legacy prefix 0131 has no 10-digit equivalent');
  });

  it.each(['+1 415 555 0100', '+65 9123 4567', '0065 9123 4567'])('rejects foreign number %p', (input) => {
    expect(errorOf(input)).toMatch(/^not Vietnamese: /);
  });

  it('never returns both a number and an error', () => {
    for (const input of ['0912345678', 'x', '', '+1', '0281234567']) {
      const result = normalizeMsisdn(input, table);
      expect((result.msisdn === null) !== (result.error === null)).toBe(true);
    }
  });

  it('answers a local number of digits alone as it answers the same number written with a space before it', () => {
    // Digits alone take a shorter way; a leading space sends the same number through every step.
    const random = prng(20261205);
    const inputs = ['0', '00', '01', '09', '0084912345678', '0912345678', '01662345678', '0281234567', '012'];
    for (let i = 0; i < 5000; i++) {
      const length = 2 + Math.floor(random() * 12);
      let digits = '0';
      for (let d = 1; d < length; d++) digits += String(Math.floor(random() * 10));
      inputs.push(digits);
    }
    for (const input of inputs)
      expect([input, normalizeMsisdn(input, table)]).toEqual([input, normalizeMsisdn(` ${input}`, table)]);
    expect(inputs.filter((x) => normalizeMsisdn(x, table).error === null).length).toBeGreaterThan(100);
  });
});
