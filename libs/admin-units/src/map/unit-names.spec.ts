import { nameKey, unitKindOf } from './unit-names';

describe('nameKey', () => {
  it('reads two tone-mark conventions, Roman numerals and spacing as one name', () => {
    expect(nameKey('Xã Hoà Tú II')).toBe(nameKey('xã  Hòa Tú 2'));
    expect(nameKey('Phường Thuỵ Khuê')).toBe(nameKey('Phường Thụy Khuê'));
    expect(nameKey('Xã Hòa Tú 1')).not.toBe(nameKey('Xã Hòa Tú 2'));
  });

  it('drops the kind word unless asked to keep it, and reads TP./TX./TT.', () => {
    expect(nameKey('Tỉnh Sóc Trăng')).toBe('sóc trăng');
    expect(nameKey('TP. Sóc Trăng', { keepKind: true })).toBe('thành phố sóc trăng');
    expect(nameKey('TX.Vĩnh Châu', { keepKind: true })).toBe('thị xã vĩnh châu');
    expect(nameKey('Thị trấn Long Phú', { keepKind: true })).not.toBe(nameKey('Xã Long Phú', { keepKind: true }));
  });

  it('keeps decomposed (NFD) input equal to NFC', () => {
    expect(nameKey('Mỹ Tú'.normalize('NFD'))).toBe(nameKey('Mỹ Tú'));
  });
});

describe('unitKindOf', () => {
  it('reads the kind word, "Thành phố" by level', () => {
    expect(unitKindOf('Thành phố Cần Thơ', 'province')).toBe('municipality');
    expect(unitKindOf('Thành phố Sóc Trăng', 'district')).toBe('provincial_city');
    expect(unitKindOf('Đặc khu Phú Quốc', 'commune')).toBe('special_zone');
    expect(unitKindOf('Thị trấn Huỳnh Hữu Nghĩa', 'commune')).toBe('township');
    expect(() => unitKindOf('Sóc Trăng')).toThrow(/kind word/);
  });
});
