import { cleanSymbol, findDocumentCode, parseNumberLine } from './document-code';

describe('parseNumberLine', () => {
  it.each([
    ['Số: 570/STTTT-TTBCBC', '570', 'STTTT-TTBCBC'],
    ['Số: 1163/STTTT-TTBCBC', '1163', 'STTTT-TTBCBC'],
    ['Số 22 -HD/BTGTU', '22', 'HD/BTGTU'],
    ['SỐ: 30/2021/QH15', '30/2021', 'QH15'],
    ['Số: 141 /QĐ-TTCH', '141', 'QĐ-TTCH'],
    ['Số: 08/CT-TTg', '08', 'CT-TTg'],
  ])('reads %p', (line, number, symbol) => {
    expect(parseNumberLine(line)).toEqual({ number, symbol });
  });

  it.each([
    'Số:…........../STTTT-TTBCXB',
    'Số: ......../STTTT-TTBCXB',
    'Số:    /QĐ-UBND',
    'Số: ___-HD/BTGTU',
    // OCR of a scan: a dot read after the slash, and the place-date of the other column on the same line.
    'Số:............./.STTTT-TTBCXB Sóc Trăng, ngày.........tháng 9 năm 2021',
  ])('reads a blank number in %p as null', (line) => {
    expect(parseNumberLine(line)?.number).toBeNull();
    expect(parseNumberLine(line)?.symbol).toMatch(/^[A-ZĐ]/u);
  });

  it.each(['Số lượng: 12/ngày', 'Số: 28/9/2021', 'Số điện thoại', 'Số:'])('finds no code in %p', (line) => {
    expect(parseNumberLine(line)).toBeNull();
  });

  it('trims a symbol to its well-formed pieces', () => {
    expect(cleanSymbol('STTTT-TTBCBC')).toBe('STTTT-TTBCBC');
    expect(cleanSymbol('VP-VX-')).toBe('VP-VX');
    expect(cleanSymbol('QĐ-UBNDngày')).toBe('QĐ');
    expect(cleanSymbol('9/2021')).toBeNull();
    expect(cleanSymbol('24h')).toBeNull();
  });
});

describe('findDocumentCode', () => {
  it('skips the receiving stamp number that follows the stamp marker', () => {
    const lines = ['BAN TUYÊN GIÁO', 'VĂN BẢN ĐẾN', 'Số: 611/BTGTU', 'Ngày: 04/10/21', 'Số 22 -HD/BTGTU'];
    expect(findDocumentCode(lines, lines.length)).toEqual({ index: 4, code: { number: '22', symbol: 'HD/BTGTU' } });
  });

  it('skips a stamp number printed above its fields even when the marker is missing', () => {
    const lines = ['Số: 611/BTGTU', 'Ngày: 04/10/21', 'Chuyển:', 'Số: 570/STTTT-TTBCBC'];
    expect(findDocumentCode(lines, lines.length)?.code).toEqual({ number: '570', symbol: 'STTTT-TTBCBC' });
  });

  it('keeps the letter number when a stamp follows it', () => {
    const lines = ['Số 22 -HD/BTGTU', 'SCS ĐẢNG UBND TỈNH SÓC TRĂNG', 'VĂN BẢN ĐẾN', 'Số: 611/BTGTU'];
    expect(findDocumentCode(lines, lines.length)?.code).toEqual({ number: '22', symbol: 'HD/BTGTU' });
  });

  it('rejects an inline "ĐẾN Số" stamp and returns null when nothing else is found', () => {
    expect(findDocumentCode(['Số: 611/BTGTU ĐẾN'], 1)).toBeNull();
    expect(findDocumentCode(['Kính gửi:'], 1)).toBeNull();
  });
});
