import type { FeedScriptDto } from '../api/schema.gen';
import { airingsFrom, localDate, logOf } from './schedule';

const script = (over: Partial<FeedScriptDto>): FeedScriptDto =>
  ({
    scriptId: 's1',
    slots: ['17:00', '06:00'],
    startDate: '2026-12-03',
    endDate: '2026-12-05',
    status: 'active',
    ...over,
  }) as FeedScriptDto;

describe("a station's airings", () => {
  it('lists every slot of every date from today, in broadcast order, for the days asked', () => {
    const a = airingsFrom(
      [script({}), script({ scriptId: 's2', slots: ['11:00'], startDate: '2026-12-05', endDate: '2026-12-09' })],
      '2026-12-04',
      3,
    );
    expect(a.map((x) => `${x.date} ${x.slot} ${x.script.scriptId}`)).toEqual([
      '2026-12-04 06:00 s1',
      '2026-12-04 17:00 s1',
      '2026-12-05 06:00 s1',
      '2026-12-05 11:00 s2',
      '2026-12-05 17:00 s1',
      '2026-12-06 11:00 s2',
    ]);
  });

  it('leaves out withdrawn scripts, keeps paused ones (the page says not to air them yet)', () => {
    expect(airingsFrom([script({ status: 'withdrawn' })], '2026-12-04', 2)).toEqual([]);
    expect(airingsFrom([script({ status: 'paused' })], '2026-12-04', 1)).toHaveLength(2);
  });

  it("takes today's date in the station's zone, and finds what the log says of an airing", () => {
    expect(localDate(new Date('2026-12-03T18:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-12-04');
    const [first] = airingsFrom([script({})], '2026-12-04', 1);
    const entry = { scriptId: 's1', date: '2026-12-04', slot: '06:00', status: 'aired' as const };
    expect(logOf([entry as never], first)).toBe(entry);
    expect(logOf([{ ...entry, slot: '17:00' } as never], first)).toBeUndefined();
  });
});
