import type { Check } from '@loa/directory';

/** The organisation's test list: the only numbers and addresses an exercise or a test reaches. */
export interface TestList {
  /** Normalised MSISDNs (84 followed by 9 digits). */
  msisdns: string[];
  emails: string[];
}

export interface TestListProblem {
  field: string;
  message: string;
}

/** A number as the carrier router sees it: normalised and routed, or why not. */
export interface RoutedTestNumber {
  msisdn: string | null;
  carrier: string | null;
  error: string | null;
}

/** A test list is for a handful of staff phones and mailboxes, never an audience. */
export const MAX_TEST_LIST_ENTRIES = 50;

/**
 * Checks a submitted test list (pure): every number must route to an enabled carrier, every address be valid, at
 * most MAX_TEST_LIST_ENTRIES of each; duplicates are folded. Each problem names its entry (`msisdns[2]`).
 */
export function checkTestList(
  raw: { msisdns?: unknown; emails?: unknown },
  route: (input: string) => RoutedTestNumber,
  enabledCarriers: ReadonlySet<string>,
  emailAddress: (input: unknown) => Check<string>,
): { value: TestList | null; problems: TestListProblem[] } {
  const problems: TestListProblem[] = [];
  const list = (field: 'msisdns' | 'emails'): string[] => {
    const v = raw[field] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      problems.push({ field, message: 'phải là danh sách chuỗi / must be a list of strings' });
      return [];
    }
    if (v.length > MAX_TEST_LIST_ENTRIES)
      problems.push({
        field,
        message: `tối đa ${MAX_TEST_LIST_ENTRIES} mục / at most ${MAX_TEST_LIST_ENTRIES} entries`,
      });
    return (v as string[]).map((x) => x.normalize('NFC').trim()).filter((x) => x !== '');
  };
  const msisdns = list('msisdns').map((input, i) => {
    const r = route(input);
    const field = `msisdns[${i}]`;
    if (r.error || !r.msisdn || !r.carrier) problems.push({ field, message: `${input}: ${r.error ?? 'no carrier'}` });
    else if (!enabledCarriers.has(r.carrier))
      problems.push({ field, message: `${input}: nhà mạng ${r.carrier} chưa bật / carrier ${r.carrier} is disabled` });
    return r.msisdn ?? '';
  });
  const emails = list('emails').map((input, i) => {
    const c = emailAddress(input);
    if (c.ok) return c.value;
    problems.push({ field: `emails[${i}]`, message: `${input}: ${c.message}` });
    return '';
  });
  if (problems.length) return { value: null, problems };
  return { value: { msisdns: [...new Set(msisdns)], emails: [...new Set(emails)] }, problems: [] };
}
