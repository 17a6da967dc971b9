import { SubmitTextCache } from './submit-text-cache';
import { encodeUserText, splitConcatenated, withReference } from './udh';

const LONG = 'Thông báo khẩn: bão số 3 đổ bộ đêm nay. '.repeat(4); // UCS-2, three parts

describe('SubmitTextCache', () => {
  it('works a text out once and hands every message the same octets', () => {
    const cache = new SubmitTextCache();
    const first = cache.get('Bao so 3 do bo dem nay');
    expect(cache.get('Bao so 3 do bo dem nay')).toBe(first);
    expect(first).toMatchObject({ segments: 1, encoding: 'GSM-7', dataCoding: 0 });
    expect(first.whole()).toBe(first.whole());
    expect(first.whole()).toEqual(encodeUserText('Bao so 3 do bo dem nay', 'GSM-7'));
  });

  it('cuts a long text once; each message gets its own reference in the UDH', () => {
    const long = new SubmitTextCache().get(LONG);
    expect(long).toMatchObject({ segments: 3, encoding: 'UCS-2', dataCoding: 8 });
    const a = withReference(long.parts(), 7);
    const b = withReference(long.parts(), 8);
    expect(a).toEqual(splitConcatenated(LONG, 7));
    expect(b.parts.map((p) => p.udh[3])).toEqual([8, 8, 8]);
    expect(b.parts.map((p) => p.shortMessage.subarray(6))).toEqual(a.parts.map((p) => p.shortMessage.subarray(6)));
  });

  it('keys by the text as given and sends it NFC-normalised', () => {
    const cache = new SubmitTextCache();
    const decomposed = 'Thông báo'.normalize('NFD');
    const t = cache.get(decomposed);
    expect(t.text).toBe('Thông báo'.normalize('NFC'));
    expect(t.whole()).toEqual(encodeUserText('Thông báo'.normalize('NFC'), 'UCS-2'));
  });

  it('keeps the last texts used, dropping the least recently used first', () => {
    const cache = new SubmitTextCache(2);
    const a = cache.get('a');
    cache.get('b');
    cache.get('a'); // a is now the most recent
    cache.get('c'); // b goes
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(a);
    const b = cache.get('b');
    expect(b.text).toBe('b');
    expect(cache.size).toBe(2);
    expect(() => new SubmitTextCache(0)).toThrow(/capacity/);
  });
});
