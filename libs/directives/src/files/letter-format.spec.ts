import { DOCX_MEDIA_TYPE, detectLetterFormat } from './letter-format';
import { LetterFileError } from './letter-file-error';
import { corruptPdf, letterDocx, noTextPdf } from '../../../../test/support/letter-files';

const TEXT = Buffer.from('UBND TỈNH SÓC TRĂNG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\n', 'utf8');

function codeOf(f: () => unknown): string | null {
  try {
    f();
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(LetterFileError);
    return (e as LetterFileError).code;
  }
}

describe('detectLetterFormat', () => {
  let docx: Buffer;
  let pdf: Buffer;
  beforeAll(async () => {
    docx = await letterDocx();
    pdf = await noTextPdf();
  });

  it('decides by content: %PDF-, a ZIP holding word/document.xml, UTF-8 text', () => {
    expect(detectLetterFormat(pdf)).toBe('pdf');
    expect(detectLetterFormat(corruptPdf())).toBe('pdf');
    expect(detectLetterFormat(docx)).toBe('docx');
    expect(detectLetterFormat(TEXT)).toBe('text');
  });

  it('accepts a matching or generic name and media type', () => {
    expect(detectLetterFormat(pdf, 'Công văn 570.PDF', 'application/pdf')).toBe('pdf');
    expect(detectLetterFormat(docx, 'cv.docx', DOCX_MEDIA_TYPE)).toBe('docx');
    expect(detectLetterFormat(docx, 'cv.docx', 'application/octet-stream')).toBe('docx');
    expect(detectLetterFormat(TEXT, 'cv.txt', 'text/plain; charset=utf-8')).toBe('text');
    expect(detectLetterFormat(pdf, 'no-extension', '')).toBe('pdf');
  });

  it('refuses an extension or media type that lies about the content', () => {
    expect(codeOf(() => detectLetterFormat(TEXT, 'letter.pdf'))).toBe('format_mismatch');
    expect(codeOf(() => detectLetterFormat(TEXT, 'letter.txt', 'application/pdf'))).toBe('format_mismatch');
    expect(codeOf(() => detectLetterFormat(pdf, 'letter.docx'))).toBe('format_mismatch');
    expect(codeOf(() => detectLetterFormat(docx, 'letter.pdf', 'application/pdf'))).toBe('format_mismatch');
    try {
      detectLetterFormat(TEXT, 'letter.pdf');
    } catch (e) {
      expect((e as Error).message).toMatch(
        /^Tệp ghi là \.pdf .* \/ the file claims to be \.pdf but its content is plain text$/,
      );
    }
  });

  it('refuses what it cannot read: binary junk, a ZIP that is not a DOCX, a legacy .doc', () => {
    expect(codeOf(() => detectLetterFormat(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80])))).toBe('unsupported_format');
    expect(codeOf(() => detectLetterFormat(Buffer.from('PK\x03\x04xl/workbook.xml', 'latin1')))).toBe(
      'unsupported_format',
    );
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(codeOf(() => detectLetterFormat(ole, 'cv.doc'))).toBe('unsupported_format');
    expect(codeOf(() => detectLetterFormat(TEXT, 'cv.odt'))).toBe('unsupported_format');
    expect(codeOf(() => detectLetterFormat(Buffer.from('abc\u0000def')))).toBe('unsupported_format');
  });
});
