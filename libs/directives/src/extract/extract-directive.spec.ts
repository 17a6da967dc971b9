import { readFileSync } from 'fs';
import { join } from 'path';
import { extractDirective } from './extract-directive';
import { DirectiveTooLargeError, MAX_DIRECTIVE_CHARS } from './limits';
import type { DirectiveFields } from './types';

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'directives');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

describe('extractDirective on the Kiên Giang công văn 570/STTTT-TTBCBC', () => {
  let fields: DirectiveFields;
  beforeAll(() => {
    fields = extractDirective(fixture('kien-giang-stttt-570-2021-06-5k-vaccine.txt'));
  });

  it('reads the letterhead, number, type, place and date', () => {
    expect(fields.parentAuthority).toBe('UBND TỈNH KIÊN GIANG');
    expect(fields.issuer).toBe('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(fields.documentCode).toEqual({ number: '570', symbol: 'STTTT-TTBCBC' });
    expect(fields.documentType).toBe('công văn');
    expect(fields.place).toBe('Kiên Giang');
    expect(fields.date).toEqual({ year: 2021, month: 6, day: 4, iso: '2021-06-04' });
  });

  it('joins the wrapped V/v subject', () => {
    expect(fields.subject).toBe('Đẩy mạnh thông tin, tuyên truyền về phòng, chống Covid-19');
  });

  it('lists the addressees without bullets or trailing punctuation', () => {
    expect(fields.addressees).toEqual([
      'Báo Kiên Giang',
      'Đài Phát thanh và Truyền hình Kiên Giang',
      'Cổng Thông tin điện tử tỉnh',
      'Thường trực Ủy ban nhân dân các huyện, thành phố',
    ]);
  });

  it('reads the three numbered points and leaves out the closing request', () => {
    expect(fields.items?.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(fields.items?.[0].text).toMatch(/^Tuyên truyền trách nhiệm mỗi cá nhân, cơ quan/u);
    expect(fields.items?.[0].text).toMatch(/“5K\+ vắc xin”.*thắng lợi mục tiêu kép\.$/u);
    expect(fields.items?.[2].text).toMatch(/gửi kèm Công văn số 576\/STTTT-TTBCBC ngày 04\/6\/2021\)\.$/u);
    expect(fields.items?.some((i) => i.text.includes('thực hiện tốt nội dung theo yêu cầu'))).toBe(false);
    expect(fields.items?.every((i) => i.section === null)).toBe(true);
  });

  it('finds the cited documents with their dates and no links', () => {
    expect(fields.references).toEqual([
      { code: '355/TTCS-TTTH', date: '2021-06-03' },
      { code: '576/STTTT-TTBCBC', date: '2021-06-04' },
    ]);
    expect(fields.links).toBeNull();
  });

  it('reads the signer (name only) and the Nơi nhận list', () => {
    expect(fields.signer).toEqual({ name: 'Lâm Văn Sơn', title: null });
    expect(fields.copyTo).toEqual([
      'Như trên',
      'UBND tỉnh (b/c)',
      'Trung tâm VH, TT và TT các huyện, thành phố',
      'Lưu: VT, TTBCBC',
    ]);
  });
});

describe('extractDirective on the Sóc Trăng công văn …/STTTT-TTBCXB (unnumbered, undated day)', () => {
  let fields: DirectiveFields;
  beforeAll(() => {
    fields = extractDirective(fixture('soc-trang-stttt-2021-09-vandongxahoi.txt'));
  });

  it('reads the letterhead and a blank number as null', () => {
    expect(fields.parentAuthority).toBe('UBND TỈNH SÓC TRĂNG');
    expect(fields.issuer).toBe('SỞ THÔNG TIN VÀ TRUYỀN THÔNG');
    expect(fields.documentCode).toEqual({ number: null, symbol: 'STTTT-TTBCXB' });
    expect(fields.documentType).toBe('công văn');
  });

  it('reads a partial date (no day) without an ISO form', () => {
    expect(fields.place).toBe('Sóc Trăng');
    expect(fields.date).toEqual({ year: 2021, month: 9, day: null, iso: null });
  });

  it('joins a subject wrapped across blank lines', () => {
    expect(fields.subject).toBe(
      'phối hợp tuyên truyền, vận động huy động nguồn lực cùng chung tay ủng hộ công tác phòng, chống dịch Covid-19',
    );
  });

  it('lists the six addressees', () => {
    expect(fields.addressees).toEqual([
      'Các sở, ban, ngành tỉnh',
      'UBND các huyện, thị xã, thành phố',
      'Báo Sóc Trăng',
      'Đài Phát thanh - Truyền hình Sóc Trăng',
      'UBND các xã, phường, thị trấn',
      'Đài Truyền thanh các huyện, thị xã, thành phố',
    ]);
  });

  it('reads the points, rejoining "Covid-" + "19" and stopping before the closing request', () => {
    expect(fields.items?.map((i) => i.number)).toEqual(['1', '2', '3']);
    expect(fields.items?.[0].text).toMatch(
      /^Các sở, ban, ngành tỉnh; UBND các huyện, thị xã, thành phố; UBND các xã, phường, thị trấn:\nTriển khai hưởng ứng/u,
    );
    expect(fields.items?.[1].text).toMatch(
      /^Báo Sóc Trăng, Đài Phát thanh - Truyền hình Sóc Trăng\nTổ chức tuyên truyền/u,
    );
    expect(fields.items?.[2].text).toContain('chống dịch Covid-19; chỉ đạo Đài/Trạm Truyền thanh cấp xã');
    expect(fields.items?.[2].text).toMatch(/\(Đính kèm Công văn số 2942\/MTTW-BTT .*Việt Nam\)\.$/u);
    expect(fields.items?.some((i) => i.text.includes('Đề nghị các cơ quan'))).toBe(false);
  });

  it('finds the link once and the two cited documents', () => {
    expect(fields.links).toEqual(['vandongxahoi.mattran.org.vn']);
    expect(fields.references).toEqual([
      { code: '5069/VP-VX', date: '2021-09-28' },
      { code: '2942/MTTW-BTT', date: '2021-09-16' },
    ]);
  });

  it('keeps the "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC" title form and the Nơi nhận list', () => {
    expect(fields.signer).toEqual({ name: 'Lê Hoàng Bắc', title: 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' });
    expect(fields.copyTo).toEqual([
      'Như trên',
      'UBND tỉnh (để báo cáo)',
      'UBMTTQVN tỉnh (để phối hợp)',
      'Cổng TTĐT tỉnh (đăng tải thông tin)',
      'Lưu: VT, TTBCXB',
    ]);
  });
});

describe('extractDirective on the Sóc Trăng hướng dẫn 22-HD/BTGTU (OCR, receiving stamp)', () => {
  let fields: DirectiveFields;
  beforeAll(() => {
    fields = extractDirective(fixture('soc-trang-btgtu-22-hd-2021-09-binh-thuong-moi.txt'));
  });

  it('reads the Party letterhead past OCR noise, not the stamp text', () => {
    expect(fields.parentAuthority).toBe('TỈNH ỦY SÓC TRĂNG');
    expect(fields.issuer).toBe('BAN TUYÊN GIÁO');
  });

  it("takes the letter's own number, not the receiving stamp's 611/BTGTU", () => {
    expect(fields.documentCode).toEqual({ number: '22', symbol: 'HD/BTGTU' });
  });

  it('reads type, place, date (not the stamp date) and the title block as subject', () => {
    expect(fields.documentType).toBe('hướng dẫn');
    expect(fields.place).toBe('Sóc Trăng');
    expect(fields.date).toEqual({ year: 2021, month: 9, day: 30, iso: '2021-09-30' });
    expect(fields.subject).toBe(
      'đẩy mạnh tuyên truyền phòng, chống dịch Covid-19 và phát triển kinh tế - xã hội trong trạng thái bình thường mới',
    );
    expect(fields.addressees).toBeNull();
  });

  it('reads the points of every section with their sub-points', () => {
    expect(fields.items?.map((i) => `${i.section}.${i.number}`)).toEqual([
      'I.1',
      'I.2',
      'I.3',
      'II.1',
      'II.2',
      'II.3',
      'II.4',
      'II.4.1',
      'II.4.2',
      'II.4.3',
      'II.5',
      'II.6',
      'II.7',
      'II.8',
      'III.1',
      'III.2',
      'III.3',
      'III.4',
      'III.5',
      'IV.1',
      'IV.2',
      'IV.3',
      'IV.4',
      'IV.5',
      'IV.6',
      'IV.7',
      'IV.8',
    ]);
  });

  it('keeps multi-paragraph points together and joins lines split by a page break', () => {
    const items = fields.items ?? [];
    const ii2 = items.find((i) => i.section === 'II' && i.number === '2');
    expect(ii2?.text.split('\n').map((p) => p.slice(0, 30))).toEqual([
      'Tập trung phân tích, lý giải s',
      'Tuyên truyền sâu rộng và thực ',
      'Chú trọng tuyên truyền, nhấn m',
    ]);
    const ii1 = items.find((i) => i.section === 'II' && i.number === '1');
    expect(ii1?.text).toContain('“Kiên định thực hiện mục tiêu kép phòng, chống dịch hiệu quả');
    const iv3 = items.find((i) => i.section === 'IV' && i.number === '3');
    expect(iv3?.text.split('\n')[0]).toBe('Sở Y tế');
    expect(
      iv3?.text
        .split('\n')
        .slice(1)
        .every((p) => p.startsWith('- ')),
    ).toBe(true);
    const last = items[items.length - 1];
    expect(last.text).toMatch(/bảo đảm giữ vững ổn định, trật tự, an toàn xã hội\.$/u);
  });

  it('lists every cited document once with its date, excluding the stamp registry number', () => {
    expect(fields.references).toEqual([
      { code: '24-HD/BTGTU', date: '2021-09-20' },
      { code: '07-KL/TW', date: '2021-06-11' },
      { code: '30/2021/QH15', date: '2021-07-28' },
      { code: '86/NQ-CP', date: '2021-08-06' },
      { code: '105/NQ-CP', date: '2021-09-09' },
      { code: '2375/QĐ-UBND', date: '2021-09-15' },
      { code: '141/QĐ-TTCH', date: '2021-09-20' },
      { code: '143/KH-UBND', date: '2021-09-19' },
      { code: '20-CV/BCD', date: '2021-09-26' },
    ]);
    expect(fields.links).toBeNull();
  });

  it('reads the "K/T" signature block and the Nơi nhận list', () => {
    expect(fields.signer).toEqual({ name: 'Lý Rotha', title: 'K/T TRƯỞNG BAN / PHÓ TRƯỞNG BAN THƯỜNG TRỰC' });
    expect(fields.copyTo).toHaveLength(10);
    expect(fields.copyTo?.[0]).toBe('Thường trực Tỉnh ủy (báo cáo)');
    expect(fields.copyTo?.[3]).toBe('Sở Văn hóa - Thể thao và Du Lịch');
    expect(fields.copyTo?.[9]).toBe('Lưu BTGTU');
  });
});

describe('extractDirective in general', () => {
  it('gives the same fields for NFD input and Windows line endings', () => {
    const text = fixture('kien-giang-stttt-570-2021-06-5k-vaccine.txt');
    const expected = extractDirective(text);
    expect(extractDirective(text.normalize('NFD').replace(/\n/g, '\r\n'))).toEqual(expected);
  });

  it('returns only nulls for empty or unrelated text (nothing invented)', () => {
    const empty = {
      parentAuthority: null,
      issuer: null,
      documentCode: null,
      documentType: null,
      place: null,
      date: null,
      subject: null,
      addressees: null,
      items: null,
      links: null,
      references: null,
      signer: null,
      copyTo: null,
    };
    expect(extractDirective('')).toEqual(empty);
    expect(extractDirective('hello world\n\n12345')).toEqual(empty);
  });

  it('falls back to the symbol for the type of a letter without V/v or title', () => {
    const fields = extractDirective('BAN TUYÊN GIÁO TỈNH ỦY\nSố 24-HD/BTGTU\nNội dung.');
    expect(fields.documentCode).toEqual({ number: '24', symbol: 'HD/BTGTU' });
    expect(fields.documentType).toBe('hướng dẫn');
    expect(fields.subject).toBeNull();
  });

  it('accepts exactly MAX_DIRECTIVE_CHARS and rejects one more with a clear error', () => {
    expect(() => extractDirective('x'.repeat(MAX_DIRECTIVE_CHARS))).not.toThrow();
    const tooLong = 'x'.repeat(MAX_DIRECTIVE_CHARS + 1);
    expect(() => extractDirective(tooLong)).toThrow(DirectiveTooLargeError);
    expect(() => extractDirective(tooLong)).toThrow(`Directive text is ${MAX_DIRECTIVE_CHARS + 1} characters long`);
  });

  it('rejects a non-string argument as a programming error', () => {
    expect(() => extractDirective(undefined as unknown as string)).toThrow(TypeError);
  });
});
