import { copyTextField, findPhoneColumn, foldHeader } from './audience-csv';

describe('phone column detection', () => {
  it.each([
    [['name', 'phone'], 1],
    [['MSISDN'], 0],
    [['Họ tên', 'Số điện thoại', 'Địa bàn'], 1],
    [['ho_ten', 'so_dien_thoai'], 1],
    [['STT', 'SĐT'], 1],
    [['stt', 'sdt', 'phone'], 1],
    [['  Phone Number  '], 0],
    [['SỐ ĐIỆN THOẠI'.normalize('NFD')], 0],
    [['Điện thoại di động', 'Di động'], 1],
  ])('finds the phone column in %j', (header, index) => {
    expect(findPhoneColumn(header)).toMatchObject({ index, error: null });
  });

  it('uses ?column= when given, compared without case or diacritics', () => {
    expect(findPhoneColumn(['phone', 'Số liên hệ'], 'so lien he')).toMatchObject({ index: 1, name: 'Số liên hệ' });
    expect(findPhoneColumn(['a', 'b'], 'B')).toMatchObject({ index: 1 });
  });

  it('explains, in Vietnamese and English, when no column matches', () => {
    const r = findPhoneColumn(['họ tên', 'địa chỉ']);
    expect(r.index).toBeNull();
    expect(r.error).toMatch(/Không tìm thấy cột số điện thoại/);
    expect(r.error).toMatch(/no phone-number column.*"họ tên", "địa chỉ"/);
    expect(findPhoneColumn(['phone'], 'mobile').error).toMatch(/has no column "mobile"/);
  });

  it('folds headers', () => {
    expect(foldHeader('Số Điện Thoại')).toBe('sodienthoai');
    expect(foldHeader('so_dien_thoai')).toBe('sodienthoai');
    expect(foldHeader('\uFEFFphone')).toBe('phone');
  });
});

describe('COPY text fields', () => {
  it('escapes backslash, tab and line breaks; NULL is \\N; NUL is replaced', () => {
    expect(copyTextField('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField('\\N')).toBe('\\\\N');
    expect(copyTextField('x\u0000y')).toBe('x\uFFFDy');
    expect(copyTextField('Nguyễn Văn An')).toBe('Nguyễn Văn An');
  });
});
