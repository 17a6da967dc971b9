import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAdminUnits } from './admin-units.loader';
import { currentUnitsOf, liesWithin, placeVerdict, proposeArea, resolveArea, searchUnits, unitsNamedIn } from './map';

const LETTERS = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'directives');
const letter = (name: string) => readFileSync(join(LETTERS, name), 'utf8');

/** Area rules over the shipped map (config/admin-units). */
describe('areas on the shipped map', () => {
  const { map } = loadAdminUnits();
  const day = '2026-12-04';

  it('resolves today’s codes and refuses a former one with what it became', () => {
    const { units, problems } = resolveArea(map, ['92', '31507', '94', '99999'], day);
    expect(units.map((u) => u.name)).toEqual(['Thành phố Cần Thơ', 'Phường Sóc Trăng']);
    expect(problems[0]).toMatch(/^94 Tỉnh Sóc Trăng .* it is now part of 92 Thành phố Cần Thơ$/);
    expect(problems[1]).toMatch(/^99999: .* no administrative unit has this code$/);
  });

  it('reads former codes as today’s units: a district town as the wards it became', () => {
    expect(
      currentUnitsOf(map, '941', day)
        .map((u) => u.name)
        .sort(),
    ).toEqual(['Phường Mỹ Xuyên', 'Phường Phú Lợi', 'Phường Sóc Trăng']);
    expect(currentUnitsOf(map, '31498', day).map((u) => u.name)).toEqual(['Phường Sóc Trăng']);
    expect(currentUnitsOf(map, 'nope', day)).toEqual([]);
  });

  it('says what lies within an area', () => {
    const twoCommunes = resolveArea(map, ['31507', '31594'], day).units;
    expect(liesWithin(map, '31507', twoCommunes, day)).toBe(true);
    expect(liesWithin(map, '31498', twoCommunes, day)).toBe(true); // former Phường 5 is now Phường Sóc Trăng
    expect(liesWithin(map, '941', twoCommunes, day)).toBe(false); // the former city is three wards now
    expect(liesWithin(map, '92', twoCommunes, day)).toBe(false);
    expect(liesWithin(map, null, twoCommunes, day)).toBe(false);
    const province = resolveArea(map, ['92'], day).units;
    expect(liesWithin(map, '941', province, day)).toBe(true);
    expect(liesWithin(map, '31594', province, day)).toBe(true);
  });

  it('finds unit names in a letter after their kind word, not "xã hội"', () => {
    const text = 'Vận động xã hội tại xã Mỹ Hương, huyện Mỹ Tú, tỉnh Sóc Trăng và TP. Cần Thơ.';
    const in2021 = unitsNamedIn(map, text, '2021-09-15');
    expect(in2021.map((u) => `${u.code} ${u.name} ${u.validTo}`)).toEqual([
      '31591 Xã Mỹ Hương 2025-06-30',
      '944 Huyện Mỹ Tú 2025-06-30',
      '94 Tỉnh Sóc Trăng 2025-06-30',
      '92 Thành phố Cần Thơ 2025-06-30',
    ]);
    // Undated, a name means the latest unit that bore it.
    expect(unitsNamedIn(map, 'xã Mỹ Hương').map((u) => u.validFrom)).toEqual(['2025-07-01']);
    expect(unitsNamedIn(map, 'chính sách xã hội, Phường chưa rõ')).toEqual([]);
  });

  it('proposes the same area for a 2021 Sóc Trăng letter and a 2025 letter of the merged city', () => {
    const old = proposeArea(map, letter('soc-trang-stttt-2021-09-vandongxahoi.txt'), day);
    const merged = proposeArea(
      map,
      'SỞ KHOA HỌC VÀ CÔNG NGHỆ THÀNH PHỐ CẦN THƠ\nKính gửi: Ủy ban nhân dân các xã, phường trên địa bàn thành phố Cần Thơ.',
      day,
    );
    expect(old.provinces.map((u) => u.code)).toEqual(['92']);
    const kienGiang = proposeArea(map, letter('kien-giang-stttt-570-2021-06-5k-vaccine.txt'), day, '2021-06-01');
    expect(kienGiang.provinces.map((u) => u.name)).toEqual(['Tỉnh An Giang']);
    expect(merged.provinces.map((u) => u.code)).toEqual(['92']);
  });

  it('offers today’s units of a province for a picker, accents optional, the province first', () => {
    const canTho = resolveArea(map, ['92'], day).units[0];
    const found = searchUnits(map, { query: 'my huong', within: canTho, day, limit: 50 });
    expect(found.map((u) => u.name)).toEqual(['Xã Mỹ Hương']);
    expect(found[0].parentName).toBe('Thành phố Cần Thơ');
    const all = searchUnits(map, { query: '', within: canTho, day, limit: 500 });
    expect(all[0].code).toBe('92');
    expect(all).toHaveLength(104);
    expect(searchUnits(map, { query: 'Mỹ Tú', within: null, day, limit: 5 }).map((u) => u.name)).toContain('Xã Mỹ Tú');
  });

  it('reads where a list says a subscriber lives against an area, in the organisation’s province', () => {
    const canTho = resolveArea(map, ['92'], day).units[0];
    const myHuong = resolveArea(map, ['31591'], day).units;
    const verdict = (place: string) => placeVerdict(map, place, myHuong, canTho, day);
    expect(verdict('Xã Mỹ Hương')).toBe('in');
    expect(verdict('xã Phú Mỹ')).toBe('in'); // merged into Mỹ Hương in 2025
    // Two former communes of the province bore this name: one is in Mỹ Hương now, the other in Xà Phiên.
    expect(verdict('xã Thuận Hưng')).toBe('unknown');
    expect(verdict('Phường Sóc Trăng')).toBe('out');
    expect(verdict('Phường 1')).toBe('out'); // every Phường 1 of the former Sóc Trăng and Hậu Giang is elsewhere now
    expect(verdict('Mỹ Tú')).toBe('unknown'); // the former district (partly in) or the commune (out)
    expect(verdict('Nơi không có')).toBe('unknown');
    expect(verdict('Phường Bến Nghé')).toBe('unknown'); // not in this province: the list cannot mean it
  });
});
