import { checkStationImport, parseStationCsv } from './station-csv';

const HEADER = 'code,name,level,parent_code,unit_code,region,slots,time_zone';

describe('parseStationCsv', () => {
  it('reads every column, with blank optional cells', () => {
    const { rows, problems, contactEmailGiven } = parseStationCsv(
      `\uFEFF${HEADER},contact_email\r\ndtt-tinh,Đài tỉnh,province,,94,south,05:30;17:00,Asia/Ho_Chi_Minh, Dai.Tinh@Example.VN \r\n` +
        `dtt-xa,"Đài xã A, B",commune,dtt-tinh,,,,,\r\n`,
    );
    expect(problems).toEqual([]);
    expect(contactEmailGiven).toBe(true);
    expect(rows).toEqual([
      {
        line: 2,
        code: 'dtt-tinh',
        name: 'Đài tỉnh',
        level: 'province',
        parentCode: null,
        adminUnitCode: '94',
        region: 'south',
        broadcastSlots: [
          { start: '05:30', minutes: 30 },
          { start: '17:00', minutes: 30 },
        ],
        timeZone: 'Asia/Ho_Chi_Minh',
        contactEmail: 'dai.tinh@example.vn',
      },
      {
        line: 3,
        code: 'dtt-xa',
        name: 'Đài xã A, B',
        level: 'commune',
        parentCode: 'dtt-tinh',
        adminUnitCode: null,
        region: null,
        broadcastSlots: [],
        timeZone: 'Asia/Ho_Chi_Minh',
        contactEmail: null,
      },
    ]);
  });

  it('accepts columns in any order and only the required ones', () => {
    const { rows, problems, contactEmailGiven } = parseStationCsv('level,name,code\ndistrict,Đài huyện,dtt-h\n');
    expect(problems).toEqual([]);
    expect(contactEmailGiven).toBe(false);
    expect(rows[0]).toMatchObject({ code: 'dtt-h', level: 'district', line: 2 });
  });

  it('reports each bad row with its line number (blank lines and multi-line cells counted as editors do)', () => {
    const text = [
      HEADER,
      'ok-1,Một,district,,,,,',
      '',
      'bad-level,Hai,village,,,,,',
      'ok-2,"Ba',
      'dòng",district,,,,,',
      'bad-slot,Bốn,commune,ok-1,,,6h,',
      'short,row',
    ].join('\r\n');
    const { rows, problems } = parseStationCsv(text);
    expect(rows.map((r) => [r.code, r.line])).toEqual([['ok-1', 2]]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'level'],
      [5, 'name'],
      [7, 'broadcastSlots'],
      [8, undefined],
    ]);
  });

  it('refuses unknown, missing and repeated columns on line 1', () => {
    expect(parseStationCsv('code,name,lvl\n').problems).toEqual([
      expect.objectContaining({
        line: 1,
        message: expect.stringMatching(/unknown columns: lvl.*missing columns: level/),
      }),
    ]);
    expect(parseStationCsv('code,name,level,code\n').problems[0].message).toMatch(/repeated columns: code/);
  });

  it('reports malformed CSV and empty files', () => {
    expect(parseStationCsv(`${HEADER}\na,"unclosed,district\n`).problems[0].message).toMatch(/malformed CSV/);
    expect(parseStationCsv('').problems[0].message).toMatch(/empty/);
    expect(parseStationCsv(`${HEADER}\n`).problems[0].message).toMatch(/no data rows/);
  });
});

describe('checkStationImport', () => {
  const parsed = (text: string) => {
    const r = parseStationCsv(`${HEADER}\n${text}`);
    expect(r.problems).toEqual([]);
    return r.rows;
  };

  it('lets parents appear later in the file, or already exist', () => {
    const rows = parsed(
      'xa-1,Xã 1,commune,huyen-moi,,,,\nhuyen-moi,Huyện mới,district,,,,,\nxa-2,Xã 2,commune,dtt-mytu,,,,\n',
    );
    expect(checkStationImport(rows, [{ code: 'dtt-mytu', level: 'district', parentCode: null }], new Set())).toEqual(
      [],
    );
  });

  it('names the line of a duplicate code, a code taken elsewhere, a missing parent and a wrong level', () => {
    const rows = parsed(
      [
        'h-1,Huyện 1,district,,,,,',
        'h-1,Huyện 1 lặp,district,,,,,',
        'cua-tinh-khac,Khác,district,,,,,',
        'xa-1,Xã 1,commune,khong-co,,,,',
        'h-2,Huyện 2,district,xa-9,,,,',
        'xa-9,Xã 9,commune,h-1,,,,',
      ].join('\n'),
    );
    const problems = checkStationImport(rows, [], new Set(['cua-tinh-khac']));
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(problems[0].message).toMatch(/already on line 2/);
    expect(problems[1].message).toMatch(/already taken/);
    expect(problems[2].message).toMatch(/"khong-co" not found/);
    expect(problems[3].message).toMatch(/a district station can only relay a higher level/);
  });

  it('refuses demoting a station that existing stations relay, on the demoting line', () => {
    const rows = parsed('dtt-mytu,Mỹ Tú,commune,,,,,');
    const problems = checkStationImport(
      rows,
      [
        { code: 'dtt-mytu', level: 'district', parentCode: null },
        { code: 'xa-a', level: 'commune', parentCode: 'dtt-mytu' },
      ],
      new Set(),
    );
    expect(problems).toEqual([expect.objectContaining({ line: 2, message: expect.stringMatching(/"xa-a" relays/) })]);
  });

  it('finds a cycle formed across the file and the database', () => {
    // Levels alone forbid cycles; this guards against data written before the rule existed.
    const rows = parsed('a,A,commune,b,,,,');
    const problems = checkStationImport(rows, [{ code: 'b', level: 'commune', parentCode: 'a' }], new Set());
    expect(problems.length).toBeGreaterThan(0);
  });
});
