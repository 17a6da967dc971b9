import { UTF8_BOM, csvCell, csvRow, neutralizeCsvCell } from './csv';

describe('CSV cells for spreadsheets', () => {
  it.each([
    ['=1+2', "'=1+2"],
    ['+84912345678', "'+84912345678"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['=HYPERLINK("http://evil.example","bấm")', '\'=HYPERLINK("http://evil.example","bấm")'],
  ])('neutralises %j', (input, expected) => {
    expect(neutralizeCsvCell(input)).toBe(expected);
  });

  it.each(['0912345678', 'Nguyễn Văn An', '', ' =not first', "'already", '84912345678', 'a=b'])(
    'leaves %j alone',
    (input) => {
      expect(neutralizeCsvCell(input)).toBe(input);
    },
  );

  it('quotes cells with separators, quotes or line breaks, after neutralising', () => {
    expect(csvCell('Số 1, đường 2')).toBe('"Số 1, đường 2"');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell('=A1,B1')).toBe('"\'=A1,B1"');
    expect(csvCell('\r\n')).toBe('"\'\r\n"');
  });

  it('writes numbers as they are, null as empty, and drops NUL characters', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(12n)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell('a\u0000b')).toBe('ab');
  });

  it('ends records with CRLF and offers the UTF-8 BOM', () => {
    expect(csvRow([1, '=x', 'Hà Nội'])).toBe("1,'=x,Hà Nội\r\n");
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
