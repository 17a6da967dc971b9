import { loadAdminUnits } from './admin-units.loader';

/** The shipped data in config/admin-units, as every process loads it. */
describe('config/admin-units', () => {
  const { map } = loadAdminUnits();
  const before = '2025-06-30';
  const after = '2025-07-01';

  it('passes its own checks and matches the official totals before and after the reform', () => {
    const count = (day: string, level: string) => map.at(day).filter((u) => u.level === level).length;
    expect([count(before, 'province'), count(before, 'district'), count(before, 'commune')]).toEqual([63, 696, 10035]);
    expect([count(after, 'province'), count(after, 'district'), count(after, 'commune')]).toEqual([34, 0, 3321]);
  });

  it.each([
    ['94', 'Tỉnh Sóc Trăng', 'Thành phố Cần Thơ'],
    ['91', 'Tỉnh Kiên Giang', 'Tỉnh An Giang'],
    ['30', 'Tỉnh Hải Dương', 'Thành phố Hải Phòng'],
  ])('maps every former unit of %s (%s) into %s, each former commune to a commune', (code, oldName, newName) => {
    const province = map.unit(code, before)!;
    expect(province.name).toBe(oldName);
    expect(map.asOf(province, after).map((u) => u.name)).toEqual([newName]);
    const communes = map.communesUnder(province);
    expect(communes.length).toBeGreaterThan(80);
    for (const commune of communes) {
      const now = map.asOf(commune, after);
      expect(now.length).toBeGreaterThan(0);
      for (const u of now) {
        expect(u.level).toBe('commune');
        expect(map.provinceOf(u).name).toBe(newName);
      }
    }
  });

  it('keeps Sóc Trăng’s district towns findable and says what they became', () => {
    const [district] = map.find('huyện Mỹ Tú');
    expect(district.code).toBe('944');
    const became = new Set(
      map
        .communesUnder(district)
        .flatMap((c) => map.asOf(c, after))
        .map((u) => u.name),
    );
    expect([...became].sort()).toEqual(['Xã Mỹ Hương', 'Xã Mỹ Phước', 'Xã Mỹ Tú', 'Xã Long Hưng'].sort());
  });

  it('versions a change of kind on a later day (Đồng Nai, 30 April 2026)', () => {
    expect(map.unit('75', '2026-04-29')!.name).toBe('Tỉnh Đồng Nai');
    expect(map.unit('75', '2026-04-30')!.name).toBe('Thành phố Đồng Nai');
    expect(map.asOf(map.unit('75', '2026-04-29')!, '2026-05-01').map((u) => u.kind)).toEqual(['municipality']);
  });
});
