import { BatchMark, batchesFromMarks, sendJobOptions } from './send-batches';

const mark = (id: number, carrierCode: string | null, rn: number, start: boolean, last = false): BatchMark => ({
  id: String(id),
  carrierCode,
  rn,
  start,
  last,
});

describe('batchesFromMarks', () => {
  it('runs each batch to just before the next one starts, and the last to the page’s last row', () => {
    // Rows 101…107 of the page: Viettel 101–105 in batches of 3 (101, 104), MobiFone from 106 on.
    const batches = batchesFromMarks([
      mark(101, 'viettel', 1, true),
      mark(104, 'viettel', 4, true),
      mark(106, 'mobifone', 6, true),
      mark(107, 'mobifone', 7, false, true),
    ]);
    expect(batches).toEqual([
      { carrierCode: 'viettel', first: '101', last: '103', rows: 3 },
      { carrierCode: 'viettel', first: '104', last: '105', rows: 2 },
      { carrierCode: 'mobifone', first: '106', last: '107', rows: 2 },
    ]);
  });

  it('counts rows by position, not by id: ids of other campaigns may lie between', () => {
    const batches = batchesFromMarks([mark(10, 'viettel', 1, true), mark(900, 'viettel', 3, false, true)]);
    expect(batches).toEqual([{ carrierCode: 'viettel', first: '10', last: '900', rows: 3 }]);
  });

  it('takes a one-row page (a start that is also the last row), rows without a carrier and ids past 2^53', () => {
    expect(batchesFromMarks([mark(7, null, 1, true, true)])).toEqual([
      { carrierCode: null, first: '7', last: '7', rows: 1 },
    ]);
    const big = [
      { id: '9007199254740993', carrierCode: 'viettel', rn: 1, start: true, last: false },
      { id: '9007199254740995', carrierCode: 'viettel', rn: 2, start: true, last: true },
    ];
    expect(batchesFromMarks(big).map((b) => [b.first, b.last])).toEqual([
      ['9007199254740993', '9007199254740994'],
      ['9007199254740995', '9007199254740995'],
    ]);
    expect(batchesFromMarks([])).toEqual([]);
  });

  it('refuses marks that do not describe a whole page', () => {
    expect(() => batchesFromMarks([mark(5, 'viettel', 1, false, true)])).toThrow(/before any batch starts/);
    expect(() => batchesFromMarks([mark(5, 'viettel', 1, true)])).toThrow(/no last row/);
  });
});

describe('sendJobOptions', () => {
  it('puts an emergency ahead of ordinary work (a lower BullMQ priority number is taken first)', () => {
    const urgent = sendJobOptions({ emergency: true }).priority;
    const ordinary = sendJobOptions({ emergency: false }).priority;
    expect(urgent).toBeGreaterThan(0); // 0 would mean "no priority" to BullMQ
    expect(urgent).toBeLessThan(ordinary);
  });
});
