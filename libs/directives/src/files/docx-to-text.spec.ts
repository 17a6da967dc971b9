import { strToU8, zipSync } from 'fflate';
import { extractDirective } from '../extract';
import { docxToText } from './docx-to-text';
import { LetterFileError } from './letter-file-error';
import { letterDocx, letterLayout, sampleLetterText, zipBombDocx } from '../../../../test/support/letter-files';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A minimal DOCX around a w:body's inner XML. */
function docxOf(body: string): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ),
  });
}

const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r>${r}</w:r>`).join('')}</w:p>`;
const t = (s: string) => `<w:t xml:space="preserve">${s}</w:t>`;
const tc = (...paras: string[]) => `<w:tc>${paras.join('')}</w:tc>`;

async function errorOf(f: () => unknown): Promise<LetterFileError> {
  try {
    await f();
  } catch (e) {
    expect(e).toBeInstanceOf(LetterFileError);
    return e as LetterFileError;
  }
  throw new Error('expected a LetterFileError');
}

describe('docxToText', () => {
  it('reads a Decree 30 letter with the same fields as its plain text, columns not interleaved', async () => {
    const text = sampleLetterText();
    const fromDocx = docxToText(await letterDocx(text));
    const l = letterLayout(text);
    const lines = fromDocx.split('\n');
    // The header's left column whole, then the right one; the footer likewise.
    expect(lines.slice(0, l.headerLeft.length + l.headerRight.length)).toEqual([...l.headerLeft, ...l.headerRight]);
    expect(lines.slice(-(l.footerLeft.length + l.footerRight.length))).toEqual([...l.footerLeft, ...l.footerRight]);
    const want = extractDirective(text);
    const got = extractDirective(fromDocx);
    expect(got).toEqual(want);
    expect(got).toMatchObject({
      parentAuthority: 'UBND TỈNH SÓC TRĂNG',
      issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
      documentCode: { number: null, symbol: 'STTTT-TTBCXB' },
      date: { year: 2021, month: 9, day: null },
      signer: { name: 'Lê Hoàng Bắc', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' },
    });
    expect(got.subject).toMatch(/^phối hợp tuyên truyền, vận động huy động nguồn lực/);
  });

  it('joins runs, honours tabs and line breaks, skips field codes and deleted text, and writes NFC', () => {
    const decomposed = 'Sở Thông tin'.normalize('NFD');
    const body =
      p(t('Kính '), t('gửi:'), '<w:tab/>', t('- Các sở')) +
      p(t('dòng một'), '<w:br/>', t('dòng hai')) +
      p('<w:instrText> HYPERLINK "x" </w:instrText>', t('liên kết')) +
      `<w:p><w:del><w:r><w:delText>đã xóa</w:delText></w:r></w:del><w:r>${t(decomposed)}</w:r></w:p>` +
      p(t('A &amp; B'));
    expect(docxToText(docxOf(body))).toBe(
      ['Kính gửi:\t- Các sở', 'dòng một', 'dòng hai', 'liên kết', 'Sở Thông tin'.normalize('NFC'), 'A & B'].join('\n'),
    );
  });

  it('reads a layout table column by column across rows, spans and nesting; a wide data table row by row', () => {
    const header =
      '<w:tbl>' +
      `<w:tr>${tc(p(t('L1')))}${tc(p(t('R1')))}</w:tr>` +
      `<w:tr>${tc(p(t('L2')), p(t('L3')))}${tc(p(t('R2')))}</w:tr>` +
      `<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>${p(t('WIDE'))}</w:tc></w:tr>` +
      '</w:tbl>';
    const data =
      '<w:tbl>' +
      `<w:tr>${tc(p(t('a')))}${tc(p(t('b')))}${tc(p(t('c')))}${tc(p(t('d')))}</w:tr>` +
      `<w:tr>${tc(p(t('1')))}${tc(p(t('2')))}${tc(p(t('3')))}${tc(p(t('4')))}</w:tr>` +
      '</w:tbl>';
    expect(docxToText(docxOf(header + p(t('body')) + data)).split('\n')).toEqual([
      'L1',
      'L2',
      'L3',
      'WIDE',
      'R1',
      'R2',
      'body',
      'a\tb\tc\td',
      '1\t2\t3\t4',
    ]);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const e = await errorOf(() => docxToText(zipBombDocx()));
    expect(e.code).toBe('too_large_uncompressed');
    expect(e.message).toMatch(/^Tệp DOCX giải nén quá lớn .* \/ the DOCX inflates too much/);
  });

  it('refuses an archive whose declared sizes add up past the limit, even at a modest ratio', async () => {
    const noise = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
    const parts: Record<string, Uint8Array> = { 'word/document.xml': strToU8('<w:document/>') };
    for (let i = 0; i < 8; i += 1) parts[`word/media/image${i}.bin`] = noise;
    const e = await errorOf(() => docxToText(zipSync(parts, { level: 0 })));
    expect(e.code).toBe('too_large_uncompressed');
  });

  it('calls a broken archive or document corrupt', async () => {
    const docx = await letterDocx();
    expect((await errorOf(() => docxToText(docx.subarray(0, docx.length / 2)))).code).toBe('corrupt');
    expect((await errorOf(() => docxToText(docxOf('<w:p><w:r><w:t>unclosed</w:r></w:p>')))).code).toBe('corrupt');
    const dtd = zipSync({ 'word/document.xml': strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document/>') });
    expect((await errorOf(() => docxToText(dtd))).code).toBe('corrupt');
    expect((await errorOf(() => docxToText(zipSync({ 'word/other.xml': strToU8('<x/>') })))).code).toBe('corrupt');
  });
});
