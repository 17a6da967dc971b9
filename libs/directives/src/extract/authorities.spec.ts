import { extractAuthorities } from './authorities';

describe('extractAuthorities', () => {
  it('splits parent authority and issuer, joining a wrapped issuer name', () => {
    const lines = ['UBND TỈNH SÓC TRĂNG', 'SỞ THÔNG TIN VÀ', 'TRUYỀN THÔNG', 'Số: 1/STTTT'];
    expect(extractAuthorities(lines, lines.length)).toEqual({
      parentAuthority: 'UBND TỈNH SÓC TRĂNG',
      issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      lastIndex: 2,
    });
  });

  it('skips OCR noise, the motto and the place-date line', () => {
    const lines = [
      '9.24',
      'A. Duân²',
      'HỎA TỐC',
      'TỈNH ỦY SÓC TRĂNG',
      'BAN TUYÊN GIÁO',
      'ĐẢNG CỘNG SẢN VIỆT NAM',
      'Sóc Trăng, ngày 30 tháng 9 năm 2021',
      'Số 22 -HD/BTGTU',
      'SCS ĐẢNG UBND TỈNH SÓC TRĂNG',
    ];
    expect(extractAuthorities(lines, lines.length)).toMatchObject({
      parentAuthority: 'TỈNH ỦY SÓC TRĂNG',
      issuer: 'BAN TUYÊN GIÁO',
    });
  });

  it('keeps a single-line authority as issuer only', () => {
    const lines = ['ỦY BAN NHÂN DÂN', 'TỈNH SÓC TRĂNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'KẾ HOẠCH'];
    expect(extractAuthorities(lines, lines.length)).toEqual({
      parentAuthority: null,
      issuer: 'ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG',
      lastIndex: 1,
    });
  });

  it('finds nothing in a text without a letterhead', () => {
    expect(extractAuthorities(['Kính gửi:', 'UBND TỈNH SÓC TRĂNG'], 2)).toEqual({
      parentAuthority: null,
      issuer: null,
      lastIndex: -1,
    });
  });
});
