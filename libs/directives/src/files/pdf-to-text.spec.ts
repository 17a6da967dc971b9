import { extractDirective } from '../extract';
import { LetterFileError } from './letter-file-error';
import { PageTextItem, pageText } from './pdf-layout';
import { pdfToText } from './pdf-to-text';
import {
  corruptPdf,
  letterLayout,
  letterPdf,
  noTextPdf,
  sampleLetterText,
} from '../../../../test/support/letter-files';

async function errorOf(f: () => Promise<unknown>): Promise<LetterFileError> {
  try {
    await f();
  } catch (e) {
    if (!(e instanceof LetterFileError)) throw e;
    return e as LetterFileError;
  }
  throw new Error('expected a LetterFileError');
}

/** An item of `text` at (x, y) in 12 pt, about 6 pt a character. */
const item = (text: string, x: number, y: number): PageTextItem => ({ text, x, y, width: text.length * 6, size: 12 });

describe('pageText (PDF reading order)', () => {
  const W = 595;

  it('reads a two-column header block left column first, grown over one-sided lines close by', () => {
    const items = [
      item('UBND TỈNH', 100, 800),
      item('CỘNG HÒA', 360, 800),
      item('SỞ TTTT', 100, 785),
      item('Độc lập', 360, 785),
      item('Số: 12/STTTT', 90, 770),
      item('Sóc Trăng, ngày 1', 340, 770),
      item('V/v tuyên truyền', 80, 755),
      item('phòng dịch', 90, 740),
      // A blank line, then the body: a line across the page, then a short last line.
      item('Kính gửi: các sở, ban, ngành tỉnh và UBND các huyện, thị xã, thành phố', 85, 700),
      item('phố.', 85, 685),
    ];
    expect(pageText(items, 0, W)).toEqual([
      'UBND TỈNH',
      'SỞ TTTT',
      'Số: 12/STTTT',
      'V/v tuyên truyền',
      'phòng dịch',
      'CỘNG HÒA',
      'Độc lập',
      'Sóc Trăng, ngày 1',
      'Kính gửi: các sở, ban, ngành tỉnh và UBND các huyện, thị xã, thành phố',
      'phố.',
    ]);
  });

  it('reads table rows whose two cells have different baselines (other fonts or spacing per column)', () => {
    const items = [
      { ...item('UBND TỈNH SÓC TRĂNG', 90, 800), size: 13 },
      item('CỘNG HÒA XÃ HỘI CHỦ NGHĨA', 330, 792),
      { ...item('SỞ THÔNG TIN', 100, 784), size: 13 },
      item('Độc lập - Tự do', 350, 776),
      { ...item('Số: 12/STTTT', 100, 768), size: 13 },
      item('Sóc Trăng, ngày 5', 340, 759),
      item('Kính gửi: các sở, ban, ngành tỉnh và UBND các huyện, thị xã, thành phố', 85, 720),
    ];
    expect(pageText(items, 0, W)).toEqual([
      'UBND TỈNH SÓC TRĂNG',
      'SỞ THÔNG TIN',
      'Số: 12/STTTT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA',
      'Độc lập - Tự do',
      'Sóc Trăng, ngày 5',
      'Kính gửi: các sở, ban, ngành tỉnh và UBND các huyện, thị xã, thành phố',
    ]);
  });

  it('keeps the body one column, joins items on a baseline with spaces, and ignores whitespace items', () => {
    const items = [
      item('Theo Công văn', 85, 500),
      item(' ', 163, 500),
      item('số 5069/VP-VX', 170, 500.4),
      item('ngày 28/9/2021 của Văn phòng UBND tỉnh', 260, 499.8),
      item('Sóc Trăng', 85, 483),
    ];
    expect(pageText(items, 0, W)).toEqual([
      'Theo Công văn số 5069/VP-VX ngày 28/9/2021 của Văn phòng UBND tỉnh',
      'Sóc Trăng',
    ]);
  });

  it('does not split a line whose wide gap is near a page edge', () => {
    const long = 'Nội dung tuyên truyền trên hệ thống loa của các xã';
    const items = [item(long, 85, 400), item('(1)', 520, 400), item('cuối', 85, 380)];
    expect(pageText(items, 0, W)).toEqual([`${long} (1)`, 'cuối']);
  });
});

describe('pdfToText', () => {
  it('reads a Decree 30 letter with the same fields as its plain text, columns not interleaved', async () => {
    const text = sampleLetterText();
    const fromPdf = await pdfToText(await letterPdf(text));
    const l = letterLayout(text);
    const lines = fromPdf.split('\n');
    expect(lines.slice(0, l.headerLeft.length + l.headerRight.length)).toEqual([...l.headerLeft, ...l.headerRight]);
    expect(lines.slice(-(l.footerLeft.length + l.footerRight.length))).toEqual([...l.footerLeft, ...l.footerRight]);
    expect(fromPdf).toBe(fromPdf.normalize('NFC'));
    const want = extractDirective(text);
    const got = extractDirective(fromPdf);
    expect(got).toEqual(want);
    expect(got).toMatchObject({
      parentAuthority: 'UBND TỈNH SÓC TRĂNG',
      issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      documentCode: { number: null, symbol: 'STTTT-TTBCXB' },
      place: 'Sóc Trăng',
      signer: { name: 'Lê Hoàng Bắc', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
    });
  });

  it('names each bad file: password-protected, corrupt, truncated, without a text layer', async () => {
    const locked = await errorOf(async () => pdfToText(await letterPdf(undefined, { userPassword: 'matkhau' })));
    expect(locked.code).toBe('encrypted');
    expect(locked.message).toMatch(/mật khẩu.* \/ the PDF is password-protected/);
    expect((await errorOf(() => pdfToText(corruptPdf()))).code).toBe('corrupt');
    const whole = await letterPdf();
    expect((await errorOf(() => pdfToText(whole.subarray(0, 3000)))).code).toBe('corrupt');
    const scan = await errorOf(async () => pdfToText(await noTextPdf()));
    expect(scan.code).toBe('no_text_layer');
    expect(scan.message).toMatch(/OCR/);
  });
});
