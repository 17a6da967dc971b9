import { indexPrefixTable, type PrefixIndex } from './prefix-index';
import type { PrefixTable } from './prefix-table';

export type MsisdnResult = { msisdn: string; error: null } | { msisdn: null; error: string };

/** Characters people put between digits: whitespace, dots, parentheses and every common dash. */
const SEPARATORS = /[\s.()\-\u2010-\u2015\u2212]/gu;
const NOT_DIGIT_OR_PLUS = /[^\d+]/u;
const COUNTRY_CODE = '84';
/** Digits after the trunk "0" (or after +84) in a current mobile number. */
const NSN_LENGTH = 9;

function fail(error: string): MsisdnResult {
  return { msisdn: null, error };
}

/** "+84 (0) 912…" is a common way to write numbers; a single trunk 0 after the country code is tolerated. */
function dropTrunkZero(nsn: string): string {
  return nsn.startsWith('0') ? nsn.slice(1) : nsn;
}

function fromNationalNumber(nsn: string, index: PrefixIndex): MsisdnResult {
  if (nsn.startsWith('2') && (nsn.length === NSN_LENGTH || nsn.length === NSN_LENGTH + 1)) {
    return fail(`not a mobile number: 0${nsn.slice(0, 2)} is a landline area code`);
  }
  if (nsn.length === NSN_LENGTH) {
    const prefix = `0${nsn.slice(0, 2)}`;
    if (!index.carrierByPrefix.has(prefix)) return fail(`not a mobile prefix: ${prefix} belongs to no carrier`);
    return { msisdn: COUNTRY_CODE + nsn, error: null };
  }
  if (nsn.length === NSN_LENGTH + 1 && nsn.startsWith('1')) {
    const legacy = `0${nsn.slice(0, 3)}`;
    const current = index.legacyToCurrent.get(legacy);
    if (current === undefined) return fail(`not a mobile prefix: legacy prefix ${legacy} has no 10-digit equivalent`);
    return { msisdn: COUNTRY_CODE + current.slice(1) + nsn.slice(3), error: null };
  }
  return fail(
    `wrong length: a Vietnamese mobile number has ${NSN_LENGTH} digits after the leading 0 or +84 ` +
      `(10 after a pre-2018 01xx prefix), this one has ${nsn.length}`,
  );
}

/** Whether `input` is a "0" followed by digits only, the second of them not "0" (which starts "00…" instead). */
function isLocalDigits(input: string): boolean {
  if (input.length < 2 || input.charCodeAt(0) !== 48 || input.charCodeAt(1) === 48) return false;
  for (let i = 1; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Normalises a Vietnamese mobile number to E.164 without "+" (`84xxxxxxxxx`).
 * Accepts `+84…`, `(+84)…`, `0084…`, `84…` and `0…`, with spaces, dots, dashes and parentheses between digits,
 * rewrites pre-2018 11-digit numbers (`01xx…`) to their 10-digit form, and also accepts a bare 9-digit number
 * whose leading 0 was lost (spreadsheets do this). Never throws; the error is a readable English sentence.
 */
export function normalizeMsisdn(input: string, table: PrefixTable): MsisdnResult {
  if (typeof input !== 'string') return fail('empty: no phone number given');
  // Most of a subscriber list: a local number written as digits alone ("0912345678"). The steps below would find
  // nothing to drop in it and take all but its leading 0 as the national number; only "00…" means more.
  if (isLocalDigits(input)) return fromNationalNumber(input.slice(1), indexPrefixTable(table));
  const trimmed = input.normalize('NFC').trim();
  if (trimmed === '') return fail('empty: no phone number given');
  const compact = trimmed.replace(SEPARATORS, '');
  if (compact === '') return fail('empty: the phone number has separators but no digits');
  const stray = NOT_DIGIT_OR_PLUS.exec(compact);
  if (stray) return fail(`contains a character that is not a digit: "${stray[0]}"`);
  if (compact.lastIndexOf('+') > 0) return fail('contains a "+" that is not at the start');
  if (compact === '+') return fail('empty: the phone number has no digits');

  let nsn: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith(`+${COUNTRY_CODE}`)) {
      return fail(`not Vietnamese: the country code must be +${COUNTRY_CODE}`);
    }
    nsn = dropTrunkZero(compact.slice(1 + COUNTRY_CODE.length));
  } else if (compact.startsWith('00')) {
    if (!compact.startsWith(`00${COUNTRY_CODE}`)) {
      return fail(`not Vietnamese: the international prefix 00 must be followed by ${COUNTRY_CODE}`);
    }
    nsn = dropTrunkZero(compact.slice(2 + COUNTRY_CODE.length));
  } else if (compact.startsWith('0')) {
    nsn = compact.slice(1);
  } else if (compact.startsWith(COUNTRY_CODE) && compact.length > COUNTRY_CODE.length + NSN_LENGTH - 1) {
    nsn = dropTrunkZero(compact.slice(COUNTRY_CODE.length));
  } else {
    nsn = compact;
  }
  if (nsn === '') return fail('wrong length: nothing follows the country code');
  return fromNationalNumber(nsn, indexPrefixTable(table));
}
