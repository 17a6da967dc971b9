import { checkSendingWindow, DEFAULT_SENDING_WINDOW, SendingWindow, validateSendingWindow } from './quiet-hours';
import { localDateKey } from './zoned-time';
import { seededRandom as prng } from '../../../../test/support/seeded-random';

const VN = 'Asia/Ho_Chi_Minh'; // UTC+7 all year
const DAYTIME: SendingWindow = { start: '07:00', end: '22:00', timeZone: VN };
const NIGHT: SendingWindow = { start: '22:00', end: '06:00', timeZone: VN };

const at = (iso: string): Date => new Date(iso);

describe('checkSendingWindow, 07:00–22:00 Asia/Ho_Chi_Minh', () => {
  it('uses 07:00–22:00 Vietnam time by default', () => {
    expect(DEFAULT_SENDING_WINDOW).toEqual(DAYTIME);
    expect(checkSendingWindow(at('2024-05-10T03:00:00Z'))).toEqual({
      allowed: true,
      closesAt: at('2024-05-10T15:00:00Z'),
    });
  });

  it('opens exactly at 07:00:00.000 local (00:00 UTC)', () => {
    expect(checkSendingWindow(at('2024-05-10T00:00:00.000Z'), DAYTIME)).toEqual({
      allowed: true,
      closesAt: at('2024-05-10T15:00:00.000Z'),
    });
  });

  it('is closed one millisecond before 07:00 local, on the previous UTC date', () => {
    expect(checkSendingWindow(at('2024-05-09T23:59:59.999Z'), DAYTIME)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-05-10T00:00:00.000Z'),
    });
  });

  it('is open at 21:59:59.999 local and closed at 22:00:00.000 until 07:00 the next day', () => {
    expect(checkSendingWindow(at('2024-05-10T14:59:59.999Z'), DAYTIME)).toEqual({
      allowed: true,
      closesAt: at('2024-05-10T15:00:00.000Z'),
    });
    expect(checkSendingWindow(at('2024-05-10T15:00:00.000Z'), DAYTIME)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-05-11T00:00:00.000Z'),
    });
  });

  it('after local midnight but before UTC midnight, waits for 07:00 of the local day, not of the UTC day', () => {
    // 2024-05-10T17:30Z is 00:30 on 11 May in Vietnam: the next opening is 07:00 on 11 May (00:00Z), not 10 May.
    expect(checkSendingWindow(at('2024-05-10T17:30:00Z'), DAYTIME)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-05-11T00:00:00Z'),
    });
    // 23:30 local on 10 May (16:30Z): the next opening is also 07:00 on 11 May.
    expect(checkSendingWindow(at('2024-05-10T16:30:00Z'), DAYTIME)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-05-11T00:00:00Z'),
    });
  });

  it('rolls over month and year ends in local time', () => {
    // 22:15 on 31 Dec 2024 local.
    expect(checkSendingWindow(at('2024-12-31T15:15:00Z'), DAYTIME)).toEqual({
      allowed: false,
      nextAllowedAt: at('2025-01-01T00:00:00Z'),
    });
    // 00:00 on 1 Mar 2024 local (leap year), 29 Feb in UTC.
    expect(checkSendingWindow(at('2024-02-29T17:00:00Z'), DAYTIME)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-03-01T00:00:00Z'),
    });
  });
});

describe('checkSendingWindow, windows crossing midnight', () => {
  it('is open from 22:00 until 06:00 the next morning', () => {
    expect(checkSendingWindow(at('2024-05-10T15:00:00Z'), NIGHT)).toEqual({
      allowed: true,
      closesAt: at('2024-05-10T23:00:00Z'), // 06:00 on 11 May local
    });
    expect(checkSendingWindow(at('2024-05-10T17:30:00Z'), NIGHT)).toEqual({
      allowed: true,
      closesAt: at('2024-05-10T23:00:00Z'),
    });
    expect(checkSendingWindow(at('2024-05-10T22:59:59.999Z'), NIGHT)).toEqual({
      allowed: true,
      closesAt: at('2024-05-10T23:00:00Z'),
    });
  });

  it('is closed from 06:00 until 22:00 the same day', () => {
    expect(checkSendingWindow(at('2024-05-10T23:00:00Z'), NIGHT)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-05-11T15:00:00Z'),
    });
    expect(checkSendingWindow(at('2024-05-11T14:59:59.999Z'), NIGHT)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-05-11T15:00:00Z'),
    });
  });

  it('accepts 24:00 as the end of the day', () => {
    const evening: SendingWindow = { start: '18:00', end: '24:00', timeZone: VN };
    expect(checkSendingWindow(at('2024-05-10T16:59:59Z'), evening)).toEqual({
      allowed: true,
      closesAt: at('2024-05-10T17:00:00Z'),
    });
    expect(checkSendingWindow(at('2024-05-10T17:00:00Z'), evening)).toEqual({
      allowed: false,
      nextAllowedAt: at('2024-05-11T11:00:00Z'),
    });
  });
});

describe('checkSendingWindow in a zone with daylight-saving time', () => {
  const BERLIN = 'Europe/Berlin';

  it('opens at the end of the gap when the start time is skipped (clocks spring forward)', () => {
    // 28 Mar 2021: 02:00 CET jumps to 03:00 CEST at 01:00Z, so 02:30 never happens.
    const window: SendingWindow = { start: '02:30', end: '22:00', timeZone: BERLIN };
    expect(checkSendingWindow(at('2021-03-28T00:45:00Z'), window)).toEqual({
      allowed: false,
      nextAllowedAt: at('2021-03-28T01:00:00Z'),
    });
    expect(checkSendingWindow(at('2021-03-28T01:00:00Z'), window)).toMatchObject({ allowed: true });
  });

  it('opens at the first of two 02:30s when clocks fall back', () => {
    // 31 Oct 2021: 03:00 CEST goes back to 02:00 CET at 01:00Z; 02:30 happens at 00:30Z and 01:30Z.
    const window: SendingWindow = { start: '02:30', end: '22:00', timeZone: BERLIN };
    expect(checkSendingWindow(at('2021-10-31T00:00:00Z'), window)).toEqual({
      allowed: false,
      nextAllowedAt: at('2021-10-31T00:30:00Z'),
    });
  });

  it('closes at 22:00 local time on the summer-time side of a change', () => {
    expect(checkSendingWindow(at('2021-03-28T05:00:00Z'), { ...DAYTIME, timeZone: BERLIN })).toEqual({
      allowed: true,
      closesAt: at('2021-03-28T20:00:00Z'),
    });
  });
});

describe('checkSendingWindow invariants', () => {
  it.each([
    ['Asia/Ho_Chi_Minh', '07:00', '22:00'],
    ['Asia/Ho_Chi_Minh', '21:30', '05:15'],
    ['Europe/Berlin', '02:30', '22:00'],
    ['America/New_York', '23:00', '01:30'],
  ])('in %s %s–%s the answer is always the edge of the window', (timeZone, start, end) => {
    const window = { start, end, timeZone };
    const random = prng(7);
    const from = Date.UTC(2021, 0, 1);
    for (let i = 0; i < 300; i++) {
      const now = new Date(from + Math.floor(random() * 366 * 86_400_000));
      const decision = checkSendingWindow(now, window);
      const edge = decision.allowed ? decision.closesAt : decision.nextAllowedAt;
      expect(edge.getTime()).toBeGreaterThan(now.getTime());
      expect(edge.getTime() - now.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
      // The state flips exactly at the edge, not a millisecond earlier.
      expect(checkSendingWindow(edge, window).allowed).toBe(!decision.allowed);
      expect(checkSendingWindow(new Date(edge.getTime() - 1), window).allowed).toBe(decision.allowed);
    }
  });
});

describe('validateSendingWindow', () => {
  it.each([
    [{ start: '7:00', end: '22:00', timeZone: VN }, /not a time of day/],
    [{ start: '07:00', end: '22:60', timeZone: VN }, /not a time of day/],
    [{ start: '24:00', end: '06:00', timeZone: VN }, /not a time of day/],
    [{ start: '07:00', end: '24:30', timeZone: VN }, /not a time of day/],
    [{ start: '07:00', end: '07:00', timeZone: VN }, /ambiguous or always open/],
    [{ start: '00:00', end: '24:00', timeZone: VN }, /ambiguous or always open/],
    [{ start: '07:00', end: '22:00', timeZone: 'Asia/Saigon_Typo' }, /./],
  ])('refuses %p', (window, message) => {
    expect(() => validateSendingWindow(window)).toThrow(RangeError);
    expect(() => validateSendingWindow(window)).toThrow(message);
    expect(() => checkSendingWindow(at('2024-05-10T03:00:00Z'), window)).toThrow(RangeError);
  });

  it('accepts the default and a crossing window', () => {
    expect(() => validateSendingWindow(DEFAULT_SENDING_WINDOW)).not.toThrow();
    expect(() => validateSendingWindow(NIGHT)).not.toThrow();
  });

  it('refuses an invalid Date', () => {
    expect(() => checkSendingWindow(new Date(Number.NaN), DAYTIME)).toThrow(RangeError);
  });
});

describe('localDateKey', () => {
  it('changes date at Vietnamese midnight, 17:00 UTC', () => {
    expect(localDateKey(at('2024-05-10T16:59:59.999Z'), VN)).toBe('2024-05-10');
    expect(localDateKey(at('2024-05-10T17:00:00.000Z'), VN)).toBe('2024-05-11');
    expect(localDateKey(at('2024-12-31T17:00:00Z'), VN)).toBe('2025-01-01');
    expect(localDateKey(at('2024-05-10T23:59:59Z'), 'UTC')).toBe('2024-05-10');
  });
});
