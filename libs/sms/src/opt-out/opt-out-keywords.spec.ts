import { detectOptOut, foldInboundText } from './opt-out-keywords';

describe('detectOptOut', () => {
  it.each([
    ['TC', 'TC'],
    ['tc', 'TC'],
    ['HUY', 'HUY'],
    ['Hủy', 'HUY'],
    ['HỦY', 'HUY'],
    ['huỷ', 'HUY'],
    ['huỷ'.normalize('NFD'), 'HUY'],
    ['HỦY'.normalize('NFD'), 'HUY'],
    ['STOP', 'STOP'],
    ['Stop', 'STOP'],
    ['TU CHOI', 'TU CHOI'],
    ['Từ chối', 'TU CHOI'],
    ['TỪ   CHỐI', 'TU CHOI'],
    ['tuchoi', 'TUCHOI'],
  ])('recognises %p as %p', (text, keyword) => {
    expect(detectOptOut(text)).toEqual({ optOut: true, keyword, serviceCode: null });
  });

  it.each([
    ['  TC  '],
    ['TC.'],
    ['"Hủy!"'],
    ['\tSTOP\r\n'],
    ['...stop...'],
    ['\u200bTC\ufeff'],
    ['STOP 😡'],
    ['ＳＴＯＰ'],
  ])('tolerates surrounding spaces, punctuation and symbols: %p', (text) => {
    expect(detectOptOut(text)).toMatchObject({ optOut: true, serviceCode: null });
  });

  it.each([
    ['TC QC', 'TC', 'QC'],
    ['tc qc', 'TC', 'QC'],
    ['TC-QC', 'TC', 'QC'],
    ['Hủy DV1', 'HUY', 'DV1'],
    ['  Từ chối   QC. ', 'TU CHOI', 'QC'],
    ['STOP ALL', 'STOP', 'ALL'],
  ])('takes one service code after the keyword: %p', (text, keyword, serviceCode) => {
    expect(detectOptOut(text)).toEqual({ optOut: true, keyword, serviceCode });
  });

  it.each([
    [''],
    ['   '],
    ['?!'],
    ['Huyện Mỹ Tú thông báo'],
    ['HUYEN'],
    ['TCQC'],
    ['Tôi không muốn hủy'],
    ['Đề nghị dừng STOP'],
    ['Cảm ơn thông tin'],
    ['Tuần sau'],
    ['Hủy bỏ cuộc họp chiều nay'],
    ['STOP sending me these please'],
    ['TC 12345678901'],
    ['stopped'],
  ])('is not triggered by ordinary text: %p', (text) => {
    expect(detectOptOut(text)).toEqual({ optOut: false });
  });

  it('accepts only listed service codes when serviceCodes is given', () => {
    const options = { serviceCodes: ['qc', 'DV'] };
    expect(detectOptOut('TC QC', options)).toEqual({ optOut: true, keyword: 'TC', serviceCode: 'QC' });
    expect(detectOptOut('Hủy bỏ', options)).toEqual({ optOut: false });
    expect(detectOptOut('Hủy bỏ')).toEqual({ optOut: true, keyword: 'HUY', serviceCode: 'BO' });
    expect(detectOptOut('HUY', options)).toEqual({ optOut: true, keyword: 'HUY', serviceCode: null });
  });

  it('uses the given keywords instead of the defaults, folded the same way', () => {
    const options = { keywords: ['Hủy đăng ký', 'OFF'] };
    expect(detectOptOut('huy dang ky', options)).toEqual({ optOut: true, keyword: 'HUY DANG KY', serviceCode: null });
    expect(detectOptOut('Off QC', options)).toEqual({ optOut: true, keyword: 'OFF', serviceCode: 'QC' });
    expect(detectOptOut('TC', options)).toEqual({ optOut: false });
  });
});

describe('foldInboundText', () => {
  it('folds case, marks, đ and separators', () => {
    expect(foldInboundText('  Đăng-ký   dịch vụ!! ')).toBe('DANG KY DICH VU');
    expect(foldInboundText('Hủy'.normalize('NFD'))).toBe('HUY');
  });
});
