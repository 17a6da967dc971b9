import { emailAddress } from '@loa/directory';
import { checkTestList, MAX_TEST_LIST_ENTRIES, RoutedTestNumber } from './check-test-list';

/** Vinaphone owns 091x here, Viettel 098x; anything else has no carrier. */
function route(input: string): RoutedTestNumber {
  const digits = input.replace(/\D/g, '').replace(/^0/, '84');
  if (!/^84\d{9}$/.test(digits)) return { msisdn: null, carrier: null, error: 'not a Vietnamese mobile number' };
  const carrier = digits.startsWith('8491') ? 'vinaphone' : digits.startsWith('8498') ? 'viettel' : null;
  return { msisdn: digits, carrier, error: carrier ? null : 'no carrier serves this prefix' };
}

describe('checkTestList', () => {
  const enabled = new Set(['vinaphone', 'viettel']);

  it('normalises numbers and addresses and folds duplicates', () => {
    const { value, problems } = checkTestList(
      { msisdns: ['0912 345 678', '84912345678', '0987654321'], emails: [' Bien.Tap@Soctrang.GOV.vn ', 'a@b.vn'] },
      route,
      enabled,
      emailAddress,
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({ msisdns: ['84912345678', '84987654321'], emails: ['bien.tap@soctrang.gov.vn', 'a@b.vn'] });
  });

  it('names each bad entry, and a disabled carrier', () => {
    const { value, problems } = checkTestList(
      { msisdns: ['0912345678', '12345', '0987654321'], emails: ['ok@b.vn', 'not-an-address'] },
      route,
      new Set(['vinaphone']),
      emailAddress,
    );
    expect(value).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['msisdns[1]', 'msisdns[2]', 'emails[1]']);
    expect(problems[1].message).toMatch(/viettel/);
  });

  it('refuses a list that is not a list, and one too long to be a test list', () => {
    const many = Array.from({ length: MAX_TEST_LIST_ENTRIES + 1 }, (_, i) => `u${i}@b.vn`);
    const { problems } = checkTestList({ msisdns: '0912345678', emails: many }, route, enabled, emailAddress);
    expect(problems.map((p) => p.field)).toEqual(['msisdns', 'emails']);
  });

  it('accepts an empty list (rehearsals then cannot use that channel)', () => {
    expect(checkTestList({}, route, enabled, emailAddress).value).toEqual({ msisdns: [], emails: [] });
  });
});
