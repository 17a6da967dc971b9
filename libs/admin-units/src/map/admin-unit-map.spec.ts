import { AdminUnit, AdminUnitMap } from './admin-unit-map';

const unit = (
  code: string,
  level: AdminUnit['level'],
  name: string,
  parentCode: string | null,
  validFrom: string | null,
  validTo: string | null,
): AdminUnit => ({
  code,
  level,
  kind: level === 'province' ? 'province' : level === 'district' ? 'rural_district' : 'commune',
  name,
  parentCode,
  validFrom,
  validTo,
});

/** Two old provinces with a district and two communes each, merged into one province with two communes. */
function smallMap(options: { dropSuccessionOf?: string } = {}): AdminUnitMap {
  const units = [
    unit('94', 'province', 'Tỉnh Sóc Trăng', null, null, '2025-06-30'),
    unit('944', 'district', 'Huyện Mỹ Tú', '94', null, '2025-06-30'),
    unit('31594', 'commune', 'Xã Mỹ Tú', '944', null, '2025-06-30'),
    unit('31600', 'commune', 'Xã Mỹ Thuận', '944', null, '2025-06-30'),
    unit('92', 'province', 'Thành phố Cần Thơ', null, null, '2025-06-30'),
    unit('916', 'district', 'Quận Ninh Kiều', '92', null, '2025-06-30'),
    unit('31120', 'commune', 'Phường Cái Khế', '916', null, '2025-06-30'),
    unit('31123', 'commune', 'Phường An Hòa', '916', null, '2025-06-30'),
    unit('92', 'province', 'Thành phố Cần Thơ', null, '2025-07-01', null),
    unit('31594', 'commune', 'Xã Mỹ Tú', '92', '2025-07-01', null),
    unit('31120', 'commune', 'Phường Cái Khế', '92', '2025-07-01', null),
  ];
  const s = (formerCode: string, successorCode: string, basis: 'named' | 'district' = 'named') => ({
    formerCode,
    formerValidTo: '2025-06-30',
    successorCode,
    successorValidFrom: '2025-07-01',
    share: 'whole' as const,
    basis,
  });
  const successions = [
    s('94', '92'),
    s('92', '92'),
    s('944', '92', 'district'),
    s('916', '92', 'district'),
    s('31594', '31594'),
    s('31600', '31594'),
    s('31120', '31120'),
    s('31123', '31120'),
  ].filter((x) => x.formerCode !== options.dropSuccessionOf);
  return AdminUnitMap.from(units, successions, '2025-03-01');
}

describe('AdminUnitMap', () => {
  it('answers by day: the map in force, a code, what a former unit became', () => {
    const map = smallMap();
    expect(map.at('2025-06-30').map((u) => u.code)).toEqual([
      '92',
      '94',
      '916',
      '944',
      '31120',
      '31123',
      '31594',
      '31600',
    ]);
    expect(map.at('2025-07-01').map((u) => u.code)).toEqual(['92', '31120', '31594']);
    const oldMyThuan = map.unit('31600', '2025-06-30')!;
    expect(map.asOf(oldMyThuan, '2025-07-01').map((u) => u.name)).toEqual(['Xã Mỹ Tú']);
    expect(map.provinceOf(oldMyThuan).name).toBe('Tỉnh Sóc Trăng');
    expect(
      map
        .predecessorsOf(map.unit('92', '2025-07-01')!)
        .map((p) => p.former.code)
        .sort(),
    ).toEqual(['916', '92', '94', '944']);
  });

  it('finds every period of a code or a name, with or without the kind word', () => {
    const map = smallMap();
    expect(map.find('92').map((u) => u.validFrom)).toEqual([null, '2025-07-01']);
    expect(map.find('huyện Mỹ Tú').map((u) => u.code)).toEqual(['944']);
    expect(map.find('Mỹ Tú').map((u) => u.code)).toEqual(['944', '31594', '31594']);
    expect(map.find('Nowhere')).toEqual([]);
  });

  it('lists the communes under an area', () => {
    const map = smallMap();
    expect(map.communesUnder(map.unit('94', '2025-01-01')!).map((u) => u.code)).toEqual(['31594', '31600']);
    expect(
      map
        .communesUnder(map.unit('92', '2025-07-01')!)
        .map((u) => u.code)
        .sort(),
    ).toEqual(['31120', '31594']);
  });

  it('checks totals, codes, parents and successors', () => {
    expect(smallMap().check([{ on: '2025-07-01', province: 1, district: 0, commune: 2 }])).toEqual([]);
    expect(smallMap().check([{ on: '2025-07-01', province: 34, district: 0, commune: 3321 }])).toEqual([
      'on 2025-07-01: 1 province units, the official total is 34',
      'on 2025-07-01: 2 commune units, the official total is 3321',
    ]);
    expect(smallMap({ dropSuccessionOf: '31600' }).check([])).toEqual([
      '31600 Xã Mỹ Thuận (until 2025-06-30) has no successor',
    ]);
  });

  it('refuses a succession that names no unit', () => {
    expect(() =>
      AdminUnitMap.from(
        [unit('94', 'province', 'Tỉnh Sóc Trăng', null, null, '2025-06-30')],
        [
          {
            formerCode: '94',
            formerValidTo: '2025-06-30',
            successorCode: '92',
            successorValidFrom: '2025-07-01',
            share: 'whole',
            basis: 'named',
          },
        ],
        '2025-03-01',
      ),
    ).toThrow(/no unit 92 in force from 2025-07-01/);
  });
});
