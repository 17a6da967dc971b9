import { extractDirective } from './extract-directive';
import { directiveDateView, directiveFieldsView } from './fields-view';

describe('directiveDateView', () => {
  it('is the ISO date when the letter gives day, month and year', () => {
    expect(directiveDateView({ year: 2021, month: 9, day: 28, iso: '2021-09-28' })).toBe('2021-09-28');
  });

  it('is { year, month } when the day is left blank', () => {
    expect(directiveDateView({ year: 2021, month: 9, day: null, iso: null })).toEqual({ year: 2021, month: 9 });
  });

  it('keeps a year-only date as { year, month: null }', () => {
    expect(directiveDateView({ year: 2021, month: null, day: null, iso: null })).toEqual({ year: 2021, month: null });
  });

  it('is null when no date was found', () => {
    expect(directiveDateView(null)).toBeNull();
  });
});

describe('directiveFieldsView', () => {
  const letter = (dateLine: string) =>
    [
      'UBND TỈNH SÓC TRĂNG',
      'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      'Số: 1163/STTTT-TTBCBC',
      'V/v tuyên truyền Cuộc vận động ủng hộ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      dateLine,
      'Kính gửi: Các cơ quan, đơn vị.',
      'Đề nghị các cơ quan tuyên truyền rộng rãi.',
    ].join('\n');

  it('answers a whole date of a real letter as a string and leaves the other fields as read', () => {
    const fields = extractDirective(letter('Sóc Trăng, ngày 28 tháng 9 năm 2021'));
    const view = directiveFieldsView(fields);
    expect(view.date).toBe('2021-09-28');
    expect(view.documentCode).toEqual(fields.documentCode);
    expect(view.subject).toBe(fields.subject);
  });

  it('answers a blank day as { year, month }', () => {
    const view = directiveFieldsView(extractDirective(letter('Sóc Trăng, ngày     tháng 9 năm 2021')));
    expect(view.date).toEqual({ year: 2021, month: 9 });
  });
});
