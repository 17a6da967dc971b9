import {
  formatDuration,
  readDate,
  readDecimal,
  readDigits,
  readInteger,
  readMonth,
  readOrdinal,
  readTime,
} from './vietnamese-numbers';

describe('readInteger (Vietnamese rules)', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [4, 'bốn'],
    [5, 'năm'],
    [10, 'mười'],
    [11, 'mười một'],
    [14, 'mười bốn'],
    [15, 'mười lăm'],
    [20, 'hai mươi'],
    [21, 'hai mươi mốt'],
    [24, 'hai mươi tư'],
    [25, 'hai mươi lăm'],
    [55, 'năm mươi lăm'],
    [99, 'chín mươi chín'],
    [100, 'một trăm'],
    [101, 'một trăm linh một'],
    [105, 'một trăm linh năm'],
    [110, 'một trăm mười'],
    [115, 'một trăm mười lăm'],
    [121, 'một trăm hai mươi mốt'],
    [1000, 'một nghìn'],
    [1001, 'một nghìn không trăm linh một'],
    [1010, 'một nghìn không trăm mười'],
    [1100, 'một nghìn một trăm'],
    [1163, 'một nghìn một trăm sáu mươi ba'],
    [2021, 'hai nghìn không trăm hai mươi mốt'],
    [5069, 'năm nghìn không trăm sáu mươi chín'],
    [10_000, 'mười nghìn'],
    [15_000, 'mười lăm nghìn'],
    [100_000, 'một trăm nghìn'],
    [1_000_000, 'một triệu'],
    [1_005_000, 'một triệu không trăm linh năm nghìn'],
    [1_000_005, 'một triệu không trăm linh năm'],
    [2_500_000, 'hai triệu năm trăm nghìn'],
    [1_000_000_000, 'một tỷ'],
    [21_000_000_000, 'hai mươi mốt tỷ'],
  ])('%d → %s', (n, words) => {
    expect(readInteger(n)).toBe(words);
  });

  it('reads beyond tỷ as nghìn tỷ, triệu tỷ, and digit strings of any length', () => {
    expect(readInteger('1000000000000')).toBe('một nghìn tỷ');
    expect(readInteger('5000000000000000')).toBe('năm triệu tỷ');
    expect(readInteger(10n ** 18n)).toBe('một tỷ tỷ');
    expect(readInteger('007')).toBe('bảy');
  });

  it('reads southern forms: lẻ, ngàn, bốn after mươi', () => {
    const south = { dialect: 'south' as const };
    expect(readInteger(101, south)).toBe('một trăm lẻ một');
    expect(readInteger(2021, south)).toBe('hai ngàn không trăm hai mươi mốt');
    expect(readInteger(24, south)).toBe('hai mươi bốn');
    expect(readInteger(1_000_000, south)).toBe('một triệu');
  });

  it('refuses what is not a non-negative integer', () => {
    expect(() => readInteger('12a')).toThrow(RangeError);
    expect(() => readInteger(-1)).toThrow(RangeError);
  });
});

describe('dates, times, decimals, digits', () => {
  it('reads a full date', () => {
    expect(readDate(12, 10, 2021)).toBe('ngày mười hai tháng mười năm hai nghìn không trăm hai mươi mốt');
    expect(readDate(1, 4, 2025)).toBe('ngày một tháng tư năm hai nghìn không trăm hai mươi lăm');
  });

  it('reads partial dates, leaving out what is missing', () => {
    expect(readDate(null, 9, 2021)).toBe('tháng chín năm hai nghìn không trăm hai mươi mốt');
    expect(readDate(15, 10, null)).toBe('ngày mười lăm tháng mười');
  });

  it('reads April as "tư" and refuses month 13', () => {
    expect(readMonth(4)).toBe('tư');
    expect(readMonth(12)).toBe('mười hai');
    expect(() => readMonth(13)).toThrow(RangeError);
  });

  it('reads clock times', () => {
    expect(readTime(6, 0)).toBe('sáu giờ');
    expect(readTime(17, 30)).toBe('mười bảy giờ ba mươi phút');
    expect(readTime(0, 5)).toBe('không giờ năm phút');
  });

  it('reads decimals with "phẩy" and digit strings one by one', () => {
    expect(readDecimal('3', '5')).toBe('ba phẩy năm');
    expect(readDecimal('0', '25')).toBe('không phẩy hai mươi lăm');
    expect(readDecimal('1', '05')).toBe('một phẩy không năm');
    expect(readDigits('0299 3822')).toBe('không hai chín chín ba tám hai hai');
  });

  it('reads ordinals after "thứ"', () => {
    expect(readOrdinal(1)).toBe('nhất');
    expect(readOrdinal(2)).toBe('hai');
    expect(readOrdinal(4)).toBe('tư');
    expect(readOrdinal(10)).toBe('mười');
  });

  it('formats durations for people', () => {
    expect(formatDuration(45)).toBe('45 giây');
    expect(formatDuration(120)).toBe('2 phút');
    expect(formatDuration(200)).toBe('3 phút 20 giây');
  });
});
