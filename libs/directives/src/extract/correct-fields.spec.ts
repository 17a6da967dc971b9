import { correctFields, documentCodeText } from './correct-fields';
import { extractDirective } from './extract-directive';

const letter = [
  'UBND TỈNH SÓC TRĂNG',
  'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
  'Số: 1163/STTTT-TTBCXB',
  'V/v tuyên truyền phòng, chống dịch',
  'Kính gửi: Các sở, ban, ngành tỉnh',
].join('\n');

describe('correctFields', () => {
  const read = extractDirective(letter);

  it('replaces what is given, clears what is blank, keeps what is absent', () => {
    const { fields, problems } = correctFields(read, {
      documentCode: ' …/ STTTT-TTBCXB ',
      subject: 'Tuyên truyền  phòng, chống dịch Covid-19',
      date: '2021-09-28',
      signerName: 'Lê Hoàng Bắc',
      addressees: ['Các sở, ban, ngành tỉnh', ' ', 'UBND các huyện'],
      issuer: '',
    });
    expect(problems).toEqual([]);
    expect(fields).toMatchObject({
      documentCode: { number: null, symbol: 'STTTT-TTBCXB' },
      subject: 'Tuyên truyền phòng, chống dịch Covid-19',
      date: { year: 2021, month: 9, day: 28, iso: '2021-09-28' },
      signer: { name: 'Lê Hoàng Bắc', title: read.signer?.title ?? null },
      addressees: ['Các sở, ban, ngành tỉnh', 'UBND các huyện'],
      issuer: null,
      parentAuthority: read.parentAuthority,
    });
    expect(documentCodeText(fields!)).toBe('…/STTTT-TTBCXB');
  });

  it('names each field it cannot take, and changes nothing then', () => {
    const { fields, problems } = correctFields(read, { documentCode: 'một nghìn', date: '2021-02-30' });
    expect(fields).toBeNull();
    expect(problems.map((p) => p.field)).toEqual(['documentCode', 'date']);
  });

  it('stores text as NFC', () => {
    const { fields } = correctFields(read, { subject: 'Ủng hộ'.normalize('NFD') });
    expect(fields!.subject).toBe('Ủng hộ'.normalize('NFC'));
  });
});
