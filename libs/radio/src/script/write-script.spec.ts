import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAbbreviationDictionary } from './abbreviations';
import { issuerName, officialCase, writeBroadcastScript } from './write-script';

const dictionary = parseAbbreviationDictionary(
  JSON.parse(readFileSync(join(__dirname, '../../../../config/radio-abbreviations.json'), 'utf8')),
);

const BODY =
  'Tiểu ban Vận động và huy động xã hội ra mắt trang thông tin điện tử tại địa chỉ vandongxahoi.mattran.org.vn. ' +
  'Kêu gọi cán bộ, công chức và các tầng lớp nhân dân tham gia ủng hộ.';

describe('writeBroadcastScript', () => {
  const script = writeBroadcastScript(
    {
      stationName: 'Đài Truyền thanh xã Mỹ Hương',
      title: 'Chung tay ủng hộ phòng, chống dịch Covid-19',
      body: BODY,
      directive: {
        documentType: 'công văn',
        documentCode: '5069/VP-VX',
        date: { year: 2021, month: 9, day: 28 },
        issuer: 'SỞ THÔNG TIN VÀ TRUYỀN THÔNG',
        parentAuthority: 'UBND TỈNH SÓC TRĂNG',
        subject: 'V/v phối hợp tuyên truyền, vận động huy động nguồn lực',
      },
    },
    { dictionary },
  );

  it('opens and closes in the station voice', () => {
    const paragraphs = script.text.split('\n\n');
    expect(paragraphs[0]).toBe('Kính thưa bà con nhân dân!');
    expect(paragraphs[1]).toBe(
      'Sau đây, Đài Truyền thanh xã Mỹ Hương xin thông tin đến bà con: Chung tay ủng hộ phòng, chống dịch Covid mười chín.',
    );
    expect(paragraphs[paragraphs.length - 1]).toMatch(
      /^Đài Truyền thanh xã Mỹ Hương vừa phát thông tin: Chung tay ủng hộ phòng, chống dịch Covid mười chín\. .*lắng nghe!$/,
    );
  });

  it('says which letter it carries out, in words', () => {
    expect(script.text).toContain(
      'Ngày hai mươi tám tháng chín năm hai nghìn không trăm hai mươi mốt, Sở Thông tin và Truyền thông tỉnh Sóc Trăng ban hành Công văn số năm nghìn không trăm sáu mươi chín, ký hiệu vê pê gạch ngang vê ích xì về việc phối hợp tuyên truyền, vận động huy động nguồn lực.',
    );
  });

  it('spells the address and leaves no digit behind', () => {
    expect(script.text).toContain('vandongxahoi chấm mattran chấm org chấm vn');
    expect(script.text).not.toMatch(/\d/);
    expect(script.text).toBe(script.text.normalize('NFC'));
  });

  it('estimates reading time from syllables at 130 a minute, with no warning when no slot is known', () => {
    expect(script.words).toBe(script.text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length);
    expect(script.estimatedSeconds).toBe(Math.ceil((script.words / 130) * 60));
    expect(script.fitsSlot).toBeNull();
    expect(script.warnings).toEqual([]);
  });

  it('warns when the readings exceed the slot', () => {
    const long = writeBroadcastScript(
      { title: 'Thông báo', body: 'bà con '.repeat(200), slotSeconds: 120, repeat: 2 },
      { dictionary },
    );
    expect(long.estimatedSeconds).toBeGreaterThan(120);
    expect(long.airtimeSeconds).toBe(long.estimatedSeconds * 2);
    expect(long.fitsSlot).toBe(false);
    expect(long.warnings[0]).toMatch(
      /^Thời lượng đọc ước tính \d+ phút.* \(2 lượt × .*\) vượt thời lượng khung phát 2 phút\.$/,
    );
    const short = writeBroadcastScript({ title: 'Thông báo', body: 'Ngắn.', slotSeconds: 300 }, { dictionary });
    expect(short.fitsSlot).toBe(true);
    expect(short.warnings).toEqual([]);
  });

  it('marks emergencies at the start and the end', () => {
    const s = writeBroadcastScript(
      { stationName: 'Đài Truyền thanh huyện Mỹ Tú', title: 'Bão số 5', body: 'Di dời dân.', priority: 'emergency' },
      { dictionary },
    );
    expect(s.text.startsWith('Thông báo khẩn! Thông báo khẩn!\n\nKính thưa bà con nhân dân!')).toBe(true);
    expect(s.text).toContain('Bão số năm');
    expect(s.text).toContain('vừa phát thông báo khẩn');
  });

  it('leaves out a blank document number and what the letter does not say', () => {
    const s = writeBroadcastScript(
      {
        title: 'Tin',
        body: 'Nội dung.',
        directive: { documentType: 'công văn', documentCode: '…/STTTT-TTBCXB', issuer: null, subject: null },
      },
      { dictionary },
    );
    expect(s.text).not.toContain('ký hiệu');
    expect(s.text.split('\n\n')).toHaveLength(4);
    expect(s.text).toContain('Sau đây, Đài Truyền thanh xin thông tin');
  });

  it('warns about abbreviations it cannot read', () => {
    const s = writeBroadcastScript({ title: 'Tin', body: 'Theo khuyến cáo của ABCD.' }, { dictionary });
    expect(s.unknownAbbreviations).toEqual(['ABCD']);
    expect(s.warnings[0]).toContain('ABCD');
  });
});

describe('official names printed in capitals', () => {
  it('restores their written case', () => {
    expect(officialCase('SỞ THÔNG TIN VÀ TRUYỀN THÔNG', dictionary)).toBe('Sở Thông tin và Truyền thông');
    expect(officialCase('UBND TỈNH SÓC TRĂNG', dictionary)).toBe('Ủy ban nhân dân tỉnh Sóc Trăng');
    expect(officialCase('TỈNH ỦY SÓC TRĂNG', dictionary)).toBe('Tỉnh ủy Sóc Trăng');
    expect(officialCase('Sở Y tế', dictionary)).toBe('Sở Y tế');
  });

  it('gives the issuer the place of its parent authority', () => {
    expect(issuerName('SỞ THÔNG TIN VÀ TRUYỀN THÔNG', 'UBND TỈNH KIÊN GIANG', dictionary)).toBe(
      'Sở Thông tin và Truyền thông tỉnh Kiên Giang',
    );
    expect(issuerName('BAN TUYÊN GIÁO', 'TỈNH ỦY SÓC TRĂNG', dictionary)).toBe('Ban Tuyên giáo Tỉnh ủy Sóc Trăng');
    expect(issuerName('UBND HUYỆN MỸ TÚ', 'UBND TỈNH SÓC TRĂNG', dictionary)).toBe('Ủy ban nhân dân huyện Mỹ Tú');
    expect(issuerName(null, 'UBND TỈNH SÓC TRĂNG', dictionary)).toBeNull();
  });
});
