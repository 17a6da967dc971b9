import { extractLinks } from './links';

describe('extractLinks', () => {
  it('finds bare domains and full URLs', () => {
    const text =
      'địa chỉ: vandongxahoi.mattran.org.vn đến toàn thể; xem http://sotttt.haiduong.gov.vn, ' +
      'https://covid19.gov.vn/tin-tuc/abc.htm. và www.baosoctrang.org.vn.';
    expect(extractLinks(text)).toEqual([
      'http://sotttt.haiduong.gov.vn',
      'https://covid19.gov.vn/tin-tuc/abc.htm',
      'www.baosoctrang.org.vn',
      'vandongxahoi.mattran.org.vn',
    ]);
  });

  it('deduplicates case-insensitively and lowercases bare domains', () => {
    expect(extractLinks('VanDongXaHoi.MatTran.org.vn và vandongxahoi.mattran.org.vn')).toEqual([
      'vandongxahoi.mattran.org.vn',
    ]);
  });

  it('finds a domain glued to a label by OCR', () => {
    expect(extractLinks('địa chỉ:vandongxahoi.mattran.org.vn')).toEqual(['vandongxahoi.mattran.org.vn']);
  });

  it('ignores e-mail addresses, numbers, abbreviations and ellipses', () => {
    const text = 'Email: vanthu@soctrang.gov.vn; mục 4.1. và v.v... TP.HCM (Facebook, Zalo, Youtube...) 2.000 người';
    expect(extractLinks(text)).toEqual([]);
  });

  it('rejects malformed hosts', () => {
    expect(extractLinks('http://-bad-.vn and http://localhost')).toEqual([]);
  });
});
