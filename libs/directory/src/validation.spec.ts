import {
  DEFAULT_SLOT_MINUTES,
  mobileNumber,
  broadcastSlots,
  canRelay,
  checkStationTree,
  directoryCode,
  findCycle,
  httpUrl,
  parseSlotsText,
  relayProblem,
  singleLine,
  timeZone,
  validateStation,
} from './validation';

describe('mobileNumber', () => {
  it('normalises the forms people write to 84 and nine digits', () => {
    for (const raw of ['0912 345 678', '+84 912.345.678', '84912345678', '0912-345-678'])
      expect(mobileNumber(raw)).toEqual({ ok: true, value: '84912345678' });
  });

  it('refuses landlines, short numbers and other countries', () => {
    for (const raw of ['0212 345 678', '091234567', '+1 415 555 0100', 'không có'])
      expect(mobileNumber(raw)).toMatchObject({ ok: false });
  });
});

describe('relay levels', () => {
  it('lets a station relay only a strictly higher level (the district tier may be absent)', () => {
    expect(canRelay('commune', 'district')).toBe(true);
    expect(canRelay('commune', 'province')).toBe(true);
    expect(canRelay('district', 'province')).toBe(true);
    expect(canRelay('district', 'district')).toBe(false);
    expect(canRelay('district', 'commune')).toBe(false);
    expect(canRelay('province', 'province')).toBe(false);
    expect(canRelay('commune', 'commune')).toBe(false);
  });

  it('explains a refusal in Vietnamese, then English', () => {
    expect(relayProblem('district', 'commune')).toMatch(/^đài cấp huyện .* \/ a district station/);
    expect(relayProblem('province', 'district')).toMatch(/province station relays no other/);
    expect(relayProblem('commune', 'district')).toBeNull();
  });
});

describe('cycles', () => {
  it('finds none in a tree', () => {
    expect(
      findCycle([
        { code: 'a', parentCode: null },
        { code: 'b', parentCode: 'a' },
        { code: 'c', parentCode: 'b' },
      ]),
    ).toBeNull();
  });

  it('names the cycle in order, and a self-loop', () => {
    expect(
      findCycle([
        { code: 'a', parentCode: 'c' },
        { code: 'b', parentCode: 'a' },
        { code: 'c', parentCode: 'b' },
        { code: 'd', parentCode: 'a' },
      ]),
    ).toEqual(['a', 'c', 'b', 'a']);
    expect(findCycle([{ code: 'x', parentCode: 'x' }])).toEqual(['x', 'x']);
  });

  it('ignores parents outside the set (reported as missing elsewhere)', () => {
    expect(findCycle([{ code: 'a', parentCode: 'zz' }])).toBeNull();
  });
});

describe('checkStationTree', () => {
  it('reports missing parents, wrong levels, self-relay and cycles against the station concerned', () => {
    const problems = checkStationTree([
      { code: 'tinh', level: 'province', parentCode: null },
      { code: 'huyen', level: 'district', parentCode: 'tinh' },
      { code: 'xa-ok', level: 'commune', parentCode: 'huyen' },
      { code: 'xa-mo-coi', level: 'commune', parentCode: 'khong-co' },
      { code: 'huyen-sai', level: 'district', parentCode: 'xa-ok' },
      { code: 'tu-than', level: 'commune', parentCode: 'tu-than' },
    ]);
    expect(problems.map((p) => p.code).sort()).toEqual(['huyen-sai', 'tu-than', 'xa-mo-coi']);
    expect(problems.find((p) => p.code === 'xa-mo-coi')!.message).toMatch(/parent station "khong-co" not found/);
  });

  it('reports a cycle even when levels were bypassed (defence in depth)', () => {
    const problems = checkStationTree([
      { code: 'a', level: 'commune', parentCode: 'b' },
      { code: 'b', level: 'commune', parentCode: 'a' },
    ]);
    expect(problems.some((p) => /relay cycle: a → b → a/.test(p.message))).toBe(true);
  });
});

describe('slots', () => {
  it('parses "05:30;17:00" with the default length, and explicit minutes', () => {
    expect(parseSlotsText('17:00; 5:30/20')).toEqual({
      ok: true,
      value: [
        { start: '05:30', minutes: 20 },
        { start: '17:00', minutes: DEFAULT_SLOT_MINUTES },
      ],
    });
    expect(parseSlotsText('')).toEqual({ ok: true, value: [] });
  });

  it('refuses bad times, duplicates and overlaps, naming the slot', () => {
    expect(parseSlotsText('25:00')).toMatchObject({ ok: false, message: expect.stringMatching(/25:00/) });
    expect(parseSlotsText('6h')).toMatchObject({ ok: false });
    expect(parseSlotsText('06:00;06:00')).toMatchObject({ ok: false, message: expect.stringMatching(/twice/) });
    expect(parseSlotsText('06:00/45;06:30')).toMatchObject({ ok: false, message: expect.stringMatching(/overlaps/) });
    expect(parseSlotsText('23:50/30;00:10')).toMatchObject({ ok: false, message: expect.stringMatching(/overlaps/) });
    expect(parseSlotsText('06:00/0')).toMatchObject({ ok: false });
  });

  it('validates slot lists from JSON', () => {
    expect(broadcastSlots([{ start: '06:00', minutes: 30 }])).toEqual({
      ok: true,
      value: [{ start: '06:00', minutes: 30 }],
    });
    expect(broadcastSlots([{ start: '6:00', minutes: 30 }])).toMatchObject({ ok: false });
    expect(broadcastSlots([{ start: '06:00', minutes: 1.5 }])).toMatchObject({ ok: false });
    expect(broadcastSlots('not a list but text 06:00')).toMatchObject({ ok: false });
  });
});

describe('fields', () => {
  it('normalises names to NFC and refuses control and bidi-override characters', () => {
    expect(singleLine('  Đài xã Mỹ Hương '.normalize('NFD'))).toEqual({ ok: true, value: 'Đài xã Mỹ Hương' });
    expect(singleLine('abc\u202Efdp.exe')).toMatchObject({ ok: false });
    expect(singleLine('bell\u0007')).toMatchObject({ ok: false });
    expect(singleLine('   ')).toMatchObject({ ok: false });
  });

  it('lower-cases codes and refuses anything else', () => {
    expect(directoryCode(' DTT-MyTu ')).toEqual({ ok: true, value: 'dtt-mytu' });
    expect(directoryCode('dtt mytu')).toMatchObject({ ok: false });
    expect(directoryCode('-dtt')).toMatchObject({ ok: false });
    expect(directoryCode("'; DROP TABLE stations; --")).toMatchObject({ ok: false });
  });

  it('accepts only http(s) portal URLs without credentials', () => {
    expect(httpUrl('https://www.soctrang.gov.vn')).toEqual({ ok: true, value: 'https://www.soctrang.gov.vn' });
    expect(httpUrl('http://stttt.soctrang.gov.vn/tin')).toMatchObject({ ok: true });
    expect(httpUrl('javascript:alert(1)')).toMatchObject({ ok: false });
    expect(httpUrl('ftp://example.vn')).toMatchObject({ ok: false });
    expect(httpUrl('https://user:pw@example.vn')).toMatchObject({ ok: false });
    expect(httpUrl('not a url')).toMatchObject({ ok: false });
  });

  it('knows IANA time zones and defaults to Asia/Ho_Chi_Minh', () => {
    expect(timeZone('')).toEqual({ ok: true, value: 'Asia/Ho_Chi_Minh' });
    expect(timeZone('Asia/Bangkok')).toEqual({ ok: true, value: 'Asia/Bangkok' });
    expect(timeZone('Mars/Olympus')).toMatchObject({ ok: false });
  });

  it('collects every problem of a station at once', () => {
    const r = validateStation({ code: 'Bad Code', name: '', level: 'village', broadcastSlots: '99:99' }, 7);
    expect(r.value).toBeNull();
    expect(r.problems.map((p) => p.field)).toEqual(['code', 'name', 'level', 'broadcastSlots']);
    expect(r.problems.every((p) => p.line === 7)).toBe(true);
  });
});
