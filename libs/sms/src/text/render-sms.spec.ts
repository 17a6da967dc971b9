import { renderSms } from './render-sms';

const NOTICE = 'Đề nghị người dân thực hiện nghiêm thông điệp 5K và tiêm vắc xin phòng Covid-19 khi đến lượt.';

describe('renderSms', () => {
  it('analyses the text as is without a policy', () => {
    const result = renderSms(NOTICE);
    expect(result).toMatchObject({
      text: NOTICE,
      encoding: 'UCS-2',
      length: NOTICE.length,
      segments: 2,
      diacriticsStripped: false,
      exceedsMaxSegments: false,
      error: null,
    });
  });

  it('strips diacritics to reach GSM-7 and says it did', () => {
    const result = renderSms(NOTICE, { stripDiacritics: true });
    expect(result.text).toBe(
      'De nghi nguoi dan thuc hien nghiem thong diep 5K va tiem vac xin phong Covid-19 khi den luot.',
    );
    expect(result).toMatchObject({ encoding: 'GSM-7', segments: 1, diacriticsStripped: true });
    expect(result.length).toBe(result.text.length);
  });

  it('reports diacriticsStripped false when there was nothing to strip', () => {
    expect(renderSms('Khong dau', { stripDiacritics: true }).diacriticsStripped).toBe(false);
  });

  it('adds prefix and suffix verbatim and strips them too', () => {
    const result = renderSms('Tiêm vắc xin', { prefix: 'UBND tỉnh: ', suffix: ' [Sở TTTT]', stripDiacritics: true });
    expect(result.text).toBe('UBND tinh: Tiem vac xin [So TTTT]');
    // '[' and ']' are extension characters: 2 septets each.
    expect(result).toMatchObject({ encoding: 'GSM-7', length: result.text.length + 2 });
  });

  it('flags a message longer than maxSegments', () => {
    const long = NOTICE.repeat(3);
    const result = renderSms(long, { maxSegments: 2 });
    expect(result.segments).toBe(5);
    expect(result.exceedsMaxSegments).toBe(true);
    expect(result.error).toBe('message needs 5 UCS-2 segments, the policy allows at most 2');
    const stripped = renderSms(long, { maxSegments: 2, stripDiacritics: true });
    expect(stripped).toMatchObject({ segments: 2, exceedsMaxSegments: false, error: null });
  });

  it('accepts a message exactly at maxSegments', () => {
    expect(renderSms('a'.repeat(306), { maxSegments: 2 })).toMatchObject({ segments: 2, exceedsMaxSegments: false });
    expect(renderSms('a'.repeat(307), { maxSegments: 2 })).toMatchObject({ segments: 3, exceedsMaxSegments: true });
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects maxSegments %p', (maxSegments) => {
    expect(() => renderSms('x', { maxSegments })).toThrow(RangeError);
  });

  it('normalises NFD input and prefix to NFC', () => {
    const result = renderSms('thông báo'.normalize('NFD'), { prefix: 'Sở: '.normalize('NFD') });
    expect(result.text).toBe('Sở: thông báo');
    expect(result.length).toBe('Sở: thông báo'.length);
  });

  it('bills an empty message as one segment', () => {
    expect(renderSms('')).toMatchObject({ text: '', segments: 1, length: 0 });
  });
});
