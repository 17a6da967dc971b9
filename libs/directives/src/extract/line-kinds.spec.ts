import {
  afterLabel,
  isIndependenceLine,
  isKinhGui,
  isMotto,
  isNoiNhan,
  isNumberLine,
  isPersonName,
  isSignerTitle,
  isStampField,
  isStampMarker,
  isVvLine,
  parseNumberedHeading,
  parseSectionHeading,
  parseTypeHeading,
  typeFromSymbol,
} from './line-kinds';

describe('line kinds', () => {
  it('recognises the state and Party mottos and the independence line', () => {
    expect(isMotto('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(true);
    expect(isMotto('CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBe(true);
    expect(isMotto('ĐẢNG CỘNG SẢN VIỆT NAM')).toBe(true);
    expect(isMotto('BAN TUYÊN GIÁO')).toBe(false);
    expect(isIndependenceLine('Độc lập – Tự do – Hạnh phúc')).toBe(true);
    expect(isIndependenceLine('Độc lập - Tự do - Hạnh phúc')).toBe(true);
    expect(isIndependenceLine('Độc lập')).toBe(false);
  });

  it('recognises labels and reads the text after them', () => {
    expect(isKinhGui('Kính gửi:')).toBe(true);
    expect(isKinhGui('Kính gửi các đơn vị')).toBe(true);
    expect(isKinhGui('Kính gửiX')).toBe(false);
    expect(isNoiNhan('Nơi nhận:')).toBe(true);
    expect(isVvLine('V/v phối hợp')).toBe(true);
    expect(isVvLine('V/V: phối hợp')).toBe(true);
    expect(isVvLine('V/vx')).toBe(false);
    expect(afterLabel('Kính gửi: Sở Y tế', /^Kính gửi/iu)).toBe('Sở Y tế');
    expect(afterLabel('V/v: phối hợp', /^V\/v/iu)).toBe('phối hợp');
  });

  it('recognises number lines and receiving-stamp parts', () => {
    expect(isNumberLine('Số: 570/STTTT-TTBCBC')).toBe(true);
    expect(isNumberLine('Số 22 -HD/BTGTU')).toBe(true);
    expect(isNumberLine('Số:…....../STTTT')).toBe(true);
    expect(isNumberLine('Số lượng người dân')).toBe(false);
    expect(isStampMarker('VĂN BẢN ĐẾN')).toBe(true);
    expect(isStampMarker('CÔNG VĂN ĐẾN Số: 12')).toBe(true);
    expect(isStampMarker('Đến số: 12')).toBe(true);
    expect(isStampMarker('đưa tin đến người dân')).toBe(false);
    expect(isStampField('Ngày: 04/10/21')).toBe(true);
    expect(isStampField('Lưu hồ sơ số:')).toBe(true);
    expect(isStampField('Ngày 04 tháng 10')).toBe(false);
  });

  it('parses section and numbered headings', () => {
    expect(parseSectionHeading('II. NỘI DUNG TUYÊN TRUYỀN')).toEqual({
      ordinal: 2,
      numeral: 'II',
      title: 'NỘI DUNG TUYÊN TRUYỀN',
    });
    expect(parseSectionHeading('IIII. X')).toBeNull();
    expect(parseSectionHeading('V/v phối hợp')).toBeNull();
    expect(parseNumberedHeading('4.1. Đối với “vùng xanh”')).toEqual({
      parts: [4, 1],
      number: '4.1',
      text: 'Đối với “vùng xanh”',
    });
    expect(parseNumberedHeading('2) Báo Sóc Trăng')).toMatchObject({ number: '2', text: 'Báo Sóc Trăng' });
    expect(parseNumberedHeading('2021. Năm')).toBeNull();
    expect(parseNumberedHeading('3.5 triệu')).toBeNull();
    expect(parseNumberedHeading('19; chỉ đạo')).toBeNull();
  });

  it('parses type headings only as uppercase whole words', () => {
    expect(parseTypeHeading('HƯỚNG DẪN')).toEqual({ type: 'hướng dẫn', rest: '' });
    expect(parseTypeHeading('KẾ HOẠCH Tuyên truyền chuyển đổi số')).toEqual({
      type: 'kế hoạch',
      rest: 'Tuyên truyền chuyển đổi số',
    });
    expect(parseTypeHeading('Hướng dẫn số 24')).toBeNull();
    expect(parseTypeHeading('THƯỜNG TRỰC')).toBeNull();
    expect(parseTypeHeading('BÁO SÓC TRĂNG')).toBeNull();
  });

  it('maps symbol prefixes to document types', () => {
    expect(typeFromSymbol('HD/BTGTU')).toBe('hướng dẫn');
    expect(typeFromSymbol('QĐ-UBND')).toBe('quyết định');
    expect(typeFromSymbol('TTr-UBND')).toBe('tờ trình');
    expect(typeFromSymbol('STTTT-TTBCBC')).toBeNull();
  });

  it('recognises signer titles and personal names', () => {
    expect(isSignerTitle('KT. GIÁM ĐỐC')).toBe(true);
    expect(isSignerTitle('K/T TRƯỞNG BAN')).toBe(true);
    expect(isSignerTitle('TM. ỦY BAN NHÂN DÂN')).toBe(true);
    expect(isSignerTitle('PHÓ GIÁM ĐỐC')).toBe(true);
    expect(isSignerTitle('PHÓ TRƯỞNG BAN THƯỜNG TRỰC')).toBe(true);
    expect(isSignerTitle('CHỦ TỊCH')).toBe(true);
    expect(isSignerTitle('Giám đốc Sở')).toBe(false);
    expect(isSignerTitle('SỞ THÔNG TIN VÀ TRUYỀN THÔNG')).toBe(false);
    expect(isPersonName('Lê Hoàng Bắc')).toBe(true);
    expect(isPersonName('Lý Rotha')).toBe(true);
    expect(isPersonName('Lâm Văn Sơn')).toBe(true);
    expect(isPersonName('LÊ HOÀNG BẮC')).toBe(false);
    expect(isPersonName('Như trên;')).toBe(false);
    expect(isPersonName('Sơn')).toBe(false);
    expect(isPersonName('Báo Sóc Trăng, Đài')).toBe(false);
  });
});
