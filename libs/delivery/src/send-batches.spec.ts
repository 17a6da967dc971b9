import { BatchMark, WrittenSpan, batchesFromMarks, batchesOfSpans, sendJobOptions } from './send-batches';

const mark = (id: number, carrierCode: string | null, rn: number, start: boolean, last = false): BatchMark => ({
  id: String(id),
  carrierCode,
  rn,
  start,
  last,
});

const span = (
  carrierCode: string | null,
  first: string,
  last: string,
  rows: number,
  consecutive = true,
): WrittenSpan => ({
  carrierCode,
  first,
  last,
  rows,
  consecutive,
});

describe('batchesOfSpans', () => {
  it('cuts each carrier’s span into ranges of the batch size, the last one short', () => {
    expect(batchesOfSpans([span('viettel', '101', '107', 7), span('mobifone', '108', '110', 3)], 3)).toEqual([
      { carrierCode: 'viettel', first: '101', last: '103', rows: 3 },
      { carrierCode: 'viettel', first: '104', last: '106', rows: 3 },
      { carrierCode: 'viettel', first: '107', last: '107', rows: 1 },
      { carrierCode: 'mobifone', first: '108', last: '110', rows: 3 },
    ]);
  });

  it('names every id of a span exactly once, at any size, past 2^53', () => {
    const base = 2n ** 53n + 5n;
    for (const size of [1, 2, 7, 25, 200]) {
      const batches = batchesOfSpans([span(null, String(base), String(base + 99n), 100)], size)!;
      const ids = batches.flatMap((b) => {
        const out: bigint[] = [];
        for (let id = BigInt(b.first); id <= BigInt(b.last); id++) out.push(id);
        return out;
      });
      expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => base + BigInt(i)));
      expect(Math.max(...batches.map((b) => b.rows))).toBeLessThanOrEqual(size);
      expect(batches.reduce((n, b) => n + b.rows, 0)).toBe(100);
    }
  });

  it('gives no batch for a carrier with nothing to send (every number opted out)', () => {
    expect(batchesOfSpans([span('viettel', '1', '2', 0), span('mobifone', '3', '3', 1)], 5)).toEqual([
      { carrierCode: 'mobifone', first: '3', last: '3', rows: 1 },
    ]);
  });

  it('answers null when a span is interleaved with other rows: they must be read back', () => {
    expect(batchesOfSpans([span('viettel', '1', '4', 4), span('mobifone', '5', '20', 3, false)], 5)).toBeNull();
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => batchesOfSpans([], 0)).toThrow(RangeError);
    expect(() => batchesOfSpans([], 2.5)).toThrow(RangeError);
  });
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
