import {
  cleanEntry,
  endsClause,
  isBullet,
  isUppercaseLine,
  joinWrapped,
  startsLowercase,
  stripBullet,
  toLines,
} from './text-lines';

describe('toLines', () => {
  it('drops blank lines, trims, collapses spaces and unifies line breaks and page breaks', () => {
    const text = '  UBND  TỈNH\u00a0SÓC TRĂNG \r\n\r\n \t\nSỞ THÔNG TIN\fTRANG 2\rcuối';
    expect(toLines(text)).toEqual(['UBND TỈNH SÓC TRĂNG', 'SỞ THÔNG TIN', 'TRANG 2', 'cuối']);
  });

  it('returns NFC lines for NFD input', () => {
    const [line] = toLines('Kính gửi:'.normalize('NFD'));
    expect(line).toBe('Kính gửi:');
    expect(line).toBe(line.normalize('NFC'));
  });

  it('removes invisible characters, control characters and markdown bold markers', () => {
    expect(toLines('\ufeff**HƯỚNG\u200b DẪN**\u0007x')).toEqual(['HƯỚNG DẪN x']);
  });

  it('returns no lines for whitespace-only text', () => {
    expect(toLines(' \n\t\n\u00a0')).toEqual([]);
  });
});

describe('line helpers', () => {
  it('recognises and strips bullets', () => {
    expect(isBullet('- Báo Sóc Trăng;')).toBe(true);
    expect(isBullet('• Báo')).toBe(true);
    expect(isBullet('-')).toBe(false);
    expect(isBullet('Báo - Đài')).toBe(false);
    expect(stripBullet('- Báo Sóc Trăng;')).toBe('Báo Sóc Trăng;');
  });

  it('cleans trailing list punctuation including "./."', () => {
    expect(cleanEntry('UBND tỉnh (b/c);')).toBe('UBND tỉnh (b/c)');
    expect(cleanEntry('Lưu: VT, TTBCXB. ')).toBe('Lưu: VT, TTBCXB');
    expect(cleanEntry('thực hiện./.')).toBe('thực hiện');
    expect(cleanEntry(';;;')).toBe('');
  });

  it('tells clause endings and lowercase starts', () => {
    expect(endsClause('thành phố;')).toBe(true);
    expect(endsClause('như sau:')).toBe(true);
    expect(endsClause('(Đính kèm ...).”')).toBe(true);
    expect(endsClause('UBND')).toBe(false);
    expect(startsLowercase('các xã')).toBe(true);
    expect(startsLowercase('Các xã')).toBe(false);
    expect(startsLowercase('đồng bào')).toBe(true);
  });

  it('detects uppercase lines with at least two words', () => {
    expect(isUppercaseLine('SỞ THÔNG TIN VÀ TRUYỀN THÔNG')).toBe(true);
    expect(isUppercaseLine('UBND TỈNH SÓC TRĂNG')).toBe(true);
    expect(isUppercaseLine('HƯỚNG')).toBe(false);
    expect(isUppercaseLine('A. Duân²')).toBe(false);
    expect(isUppercaseLine('Sở Thông tin')).toBe(false);
    expect(isUppercaseLine('9.24')).toBe(false);
  });

  it('joins wrapped lines, rejoining words broken at a hyphen', () => {
    expect(joinWrapped(['phòng, chống dịch Covid-', '19; chỉ đạo'])).toBe('phòng, chống dịch Covid-19; chỉ đạo');
    expect(joinWrapped(['kinh tế -', 'xã hội'])).toBe('kinh tế - xã hội');
    expect(joinWrapped(['a'])).toBe('a');
    expect(joinWrapped([])).toBe('');
  });
});
