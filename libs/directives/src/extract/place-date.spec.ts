import { findPlaceDate, parsePlaceDate } from './place-date';

describe('parsePlaceDate', () => {
  it('reads a full place-date line', () => {
    expect(parsePlaceDate('Kiên Giang, ngày 04 tháng 6 năm 2021')).toEqual({
      place: 'Kiên Giang',
      date: { year: 2021, month: 6, day: 4, iso: '2021-06-04' },
    });
  });

  it('reads a date whose day was left blank for hand-filling', () => {
    expect(parsePlaceDate('Sóc Trăng, ngày…......tháng 9 năm 2021')).toEqual({
      place: 'Sóc Trăng',
      date: { year: 2021, month: 9, day: null, iso: null },
    });
    expect(parsePlaceDate('Hà Nội, ngày ___ tháng ___ năm 2022')?.date).toEqual({
      year: 2022,
      month: null,
      day: null,
      iso: null,
    });
  });

  it('accepts multi-word place names with lowercase connectors', () => {
    expect(parsePlaceDate('Thành phố Hồ Chí Minh, ngày 1 tháng 10 năm 2021')?.place).toBe('Thành phố Hồ Chí Minh');
    expect(parsePlaceDate('TP. Hồ Chí Minh, ngày 1 tháng 10 năm 2021')?.place).toBe('TP. Hồ Chí Minh');
  });

  it('takes the place after a document number sharing the line', () => {
    expect(parsePlaceDate('Số: 570/STTTT-TTBCBC Kiên Giang, ngày 04 tháng 6 năm 2021')?.place).toBe('Kiên Giang');
  });

  it('gives a null place for body sentences and no result without a year', () => {
    const body = parsePlaceDate('Thực hiện chỉ đạo ngày 15 tháng 9 năm 2021 của UBND tỉnh');
    expect(body?.place).toBeNull();
    expect(body?.date.iso).toBe('2021-09-15');
    expect(parsePlaceDate('Sóc Trăng, ngày 30 tháng 9')).toBeNull();
    expect(parsePlaceDate('không có ngày tháng')).toBeNull();
  });
});

describe('findPlaceDate', () => {
  it('skips stamp fields and body sentences and returns the first header date', () => {
    const lines = [
      'VĂN BẢN ĐẾN',
      'Ngày: 04/10/21',
      'Thực hiện chỉ đạo ngày 15 tháng 9 năm 2021 của UBND tỉnh',
      'Sóc Trăng, ngày 30 tháng 9 năm 2021',
    ];
    expect(findPlaceDate(lines, lines.length)).toEqual({
      index: 3,
      value: { place: 'Sóc Trăng', date: { year: 2021, month: 9, day: 30, iso: '2021-09-30' } },
    });
  });

  it('respects the search limit', () => {
    expect(findPlaceDate(['x', 'Sóc Trăng, ngày 30 tháng 9 năm 2021'], 1)).toBeNull();
  });
});
