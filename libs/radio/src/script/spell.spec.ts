import { readDocumentCode, readSymbol, spellAddress, spellLetters } from './spell';

describe('spellAddress (web addresses and e-mail for listeners)', () => {
  it.each([
    ['vandongxahoi.mattran.org.vn', 'vandongxahoi chấm mattran chấm org chấm vn'],
    ['https://vandongxahoi.mattran.org.vn/', 'vandongxahoi chấm mattran chấm org chấm vn'],
    ['http://www.soctrang.gov.vn', 'vê kép vê kép vê kép chấm soctrang chấm gov chấm vn'],
    ['https://dichvucong.gov.vn/p/home', 'dichvucong chấm gov chấm vn gạch chéo p gạch chéo home'],
    ['tiem-chung.covid19.gov.vn', 'tiem gạch ngang chung chấm covid một chín chấm gov chấm vn'],
    ['stttt@soctrang.gov.vn', 'stttt a còng soctrang chấm gov chấm vn'],
    ['Zalo.ME/so_tttt', 'zalo chấm me gạch chéo so gạch dưới tttt'],
  ])('%s → %s', (address, spoken) => {
    expect(spellAddress(address)).toBe(spoken);
  });
});

describe('letters and document codes', () => {
  it('spells letters with their Vietnamese names', () => {
    expect(spellLetters('VP')).toBe('vê pê');
    expect(spellLetters('QĐ')).toBe('quy đê');
    expect(spellLetters('WX')).toBe('vê kép ích xì');
  });

  it('reads the symbol: letters spelled, digit runs as numbers, separators by name', () => {
    expect(readSymbol('QH15')).toBe('quy hát mười lăm');
    expect(readSymbol('NĐ-CP')).toBe('en nờ đê gạch ngang xê pê');
  });

  it('reads number, year and symbol of a code', () => {
    expect(readDocumentCode({ number: '5069', symbol: 'VP-VX' })).toBe(
      'năm nghìn không trăm sáu mươi chín, ký hiệu vê pê gạch ngang vê ích xì',
    );
    expect(readDocumentCode({ number: '30', year: '2021', symbol: 'QH15' })).toBe(
      'ba mươi năm hai nghìn không trăm hai mươi mốt, ký hiệu quy hát mười lăm',
    );
    expect(readDocumentCode({ number: null, symbol: 'STTTT' })).toBe('ký hiệu ét tê tê tê tê');
  });
});
