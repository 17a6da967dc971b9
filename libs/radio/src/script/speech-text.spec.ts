import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AbbreviationDictionary, expandAbbreviations, parseAbbreviationDictionary } from './abbreviations';
import { countSyllables, toSpeechText } from './speech-text';

const dictionary = parseAbbreviationDictionary(
  JSON.parse(readFileSync(join(__dirname, '../../../../config/radio-abbreviations.json'), 'utf8')),
);
const speak = (text: string, dialect: 'north' | 'south' = 'north') => toSpeechText(text, { dictionary, dialect }).text;

describe('abbreviation dictionary (config/radio-abbreviations.json)', () => {
  it('expands the common abbreviations of official letters', () => {
    expect(expandAbbreviations('UBND tỉnh', dictionary)).toBe('Ủy ban nhân dân tỉnh');
    expect(expandAbbreviations('Sở TTTT', dictionary)).toBe('Sở Thông tin và Truyền thông');
    expect(expandAbbreviations('UBMTTQ xã', dictionary)).toBe('Ủy ban Mặt trận Tổ quốc xã');
    expect(expandAbbreviations('MTTQ', dictionary)).toBe('Mặt trận Tổ quốc');
    expect(expandAbbreviations('phát triển KT-XH', dictionary)).toBe('phát triển kinh tế - xã hội');
    expect(expandAbbreviations('V/v tuyên truyền', dictionary)).toBe('về việc tuyên truyền');
  });

  it('matches whole words only, case-sensitively, longest first', () => {
    const d = new AbbreviationDictionary({ TT: 'thị trấn', TTTT: 'Thông tin và Truyền thông' });
    expect(expandAbbreviations('TTTT và TT', d)).toBe('Thông tin và Truyền thông và thị trấn');
    expect(expandAbbreviations('ATTT, tt, TTX', d)).toBe('ATTT, tt, TTX');
  });

  it('keeps NFC: a decomposed key in the file still matches composed text', () => {
    const d = new AbbreviationDictionary({ ['HĐND'.normalize('NFD')]: 'Hội đồng nhân dân' });
    expect(expandAbbreviations('HĐND huyện', d)).toBe('Hội đồng nhân dân huyện');
  });

  it('refuses a malformed file', () => {
    expect(() => parseAbbreviationDictionary({})).toThrow(/abbreviations/);
    expect(() => parseAbbreviationDictionary({ abbreviations: { X: 1 } })).toThrow(/X/);
  });
});

describe('toSpeechText', () => {
  it('reads dates in words, without doubling "ngày"', () => {
    expect(speak('Hạn chót 12/10/2021.')).toBe(
      'Hạn chót ngày mười hai tháng mười năm hai nghìn không trăm hai mươi mốt.',
    );
    expect(speak('ngày 28/9/2021')).toBe('ngày hai mươi tám tháng chín năm hai nghìn không trăm hai mươi mốt');
    expect(speak('Ngày 01-04-2025')).toBe('Ngày một tháng tư năm hai nghìn không trăm hai mươi lăm');
    expect(speak('trong tháng 9/2021')).toBe('trong tháng chín năm hai nghìn không trăm hai mươi mốt');
    expect(speak('từ 12/10 đến ngày 15/10')).toBe('từ ngày mười hai tháng mười đến ngày mười lăm tháng mười');
    expect(speak('ngày 16 tháng 4 năm 2021')).toBe('ngày mười sáu tháng tư năm hai nghìn không trăm hai mươi mốt');
  });

  it('reads times, percentages, money and plain numbers', () => {
    expect(speak('lúc 06:00 và 17h30, 7h')).toBe('lúc sáu giờ và mười bảy giờ ba mươi phút, bảy giờ');
    expect(speak('đạt 15%, tăng 3,5 %')).toBe('đạt mười lăm phần trăm, tăng ba phẩy năm phần trăm');
    expect(speak('hỗ trợ 1.000.000 đồng, 500.000đ')).toBe('hỗ trợ một triệu đồng, năm trăm nghìn đồng');
    expect(speak('0, 10, 15, 21, 101 hộ')).toBe('không, mười, mười lăm, hai mươi mốt, một trăm linh một hộ');
    expect(speak('101 hộ', 'south')).toBe('một trăm lẻ một hộ');
    expect(speak('diện tích 2,5 ha')).toBe('diện tích hai phẩy năm ha');
  });

  it('reads document codes instead of expanding the abbreviations inside them', () => {
    expect(speak('Công văn số 5069/VP-VX')).toBe(
      'Công văn số năm nghìn không trăm sáu mươi chín, ký hiệu vê pê gạch ngang vê ích xì',
    );
    expect(speak('Quyết định số 2375/QĐ-UBND')).toContain('ký hiệu quy đê gạch ngang u bê en nờ dê');
    expect(speak('Luật 30/2021/QH15')).toBe(
      'Luật ba mươi năm hai nghìn không trăm hai mươi mốt, ký hiệu quy hát mười lăm',
    );
    expect(speak('Hướng dẫn số 24-HD/BTGTU')).toBe('Hướng dẫn số hai mươi tư, ký hiệu hát dê gạch chéo bê tê giê tê u');
  });

  it('spells web addresses and e-mail, ending punctuation kept outside', () => {
    expect(speak('Truy cập vandongxahoi.mattran.org.vn.')).toBe('Truy cập vandongxahoi chấm mattran chấm org chấm vn.');
    expect(speak('xem https://www.soctrang.gov.vn/tin-tuc, hoặc gửi về stttt@soctrang.gov.vn')).toBe(
      'xem vê kép vê kép vê kép chấm soctrang chấm gov chấm vn gạch chéo tin gạch ngang tuc, hoặc gửi về stttt a còng soctrang chấm gov chấm vn',
    );
  });

  it('reads phone numbers digit by digit, grouped as written', () => {
    expect(speak('Điện thoại 0299 3822 555.')).toBe('Điện thoại không hai chín chín, ba tám hai hai, năm năm năm.');
    expect(speak('gọi đường dây nóng 1022')).toBe('gọi đường dây nóng một không hai hai');
  });

  it('expands abbreviations and reads hyphenated names, ordinals, ranges and sections', () => {
    expect(speak('UBND xã, MTTQ và các tổ chức')).toBe('Ủy ban nhân dân xã, Mặt trận Tổ quốc và các tổ chức');
    expect(speak('phòng, chống dịch Covid-19')).toBe('phòng, chống dịch Covid mười chín');
    expect(speak('lần thứ 4, thứ 1')).toBe('lần thứ tư, thứ nhất');
    expect(speak('giai đoạn 2021-2025')).toBe(
      'giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm',
    );
    expect(speak('4.1. Vùng xanh')).toBe('bốn chấm một. Vùng xanh');
    expect(speak('Đài/Trạm Truyền thanh')).toBe('Đài hoặc Trạm Truyền thanh');
    expect(speak('tích cực tham gia./.')).toBe('tích cực tham gia.');
  });

  it('lists all-caps words the dictionary does not know, but not headings in capitals', () => {
    const r = toSpeechText('Theo khuyến cáo của ABCD và XYZ\nNỘI DUNG TUYÊN TRUYỀN', { dictionary });
    expect(r.unknownAbbreviations).toEqual(['ABCD', 'XYZ']);
  });

  it('keeps text NFC and paragraphs apart', () => {
    const r = speak('Kính thưa bà con\n\nUBND xã'.normalize('NFD'));
    expect(r).toBe('Kính thưa bà con\n\nỦy ban nhân dân xã');
    expect(r).toBe(r.normalize('NFC'));
  });

  it('counts syllables, not punctuation', () => {
    expect(countSyllables('Kính thưa bà con ! - 12')).toBe(5);
  });
});
