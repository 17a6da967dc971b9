import { runCliInMemory } from '../run-cli-in-memory';

describe('loa units', () => {
  it('finds a former district and says what its communes became, and when', async () => {
    const r = await runCliInMemory(['units', 'find', 'huyện Mỹ Tú', '--on', '2025-08-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('944  Huyện Mỹ Tú, Tỉnh Sóc Trăng');
    expect(r.stdout).toContain('hiệu lực / in force … → 2025-06-30');
    expect(r.stdout).toContain('92 Thành phố Cần Thơ');
    expect(r.stdout).toMatch(/its communes are now in 4 unit\(s\): .*Xã Mỹ Tú/);
  });

  it('finds a code in every period, with what made up the new unit', async () => {
    const r = await runCliInMemory(['units', 'find', '92', '--json']);
    expect(r.code).toBe(0);
    const found = JSON.parse(r.stdout) as Array<{ validFrom: string | null; formerly: Array<{ name: string }> }>;
    expect(found.map((u) => u.validFrom)).toEqual([null, '2025-07-01']);
    expect(found[1].formerly.map((f) => f.name).sort()).toEqual([
      'Thành phố Cần Thơ',
      'Tỉnh Hậu Giang',
      'Tỉnh Sóc Trăng',
    ]);
  });

  it('lists the map in force on a date, and a province’s units with --in', async () => {
    const before = await runCliInMemory(['units', 'at', '2025-06-30']);
    expect(before.stdout).toContain('2025-06-30: 63 tỉnh/thành (provinces)');
    const after = await runCliInMemory(['units', 'at', '2025-07-01']);
    expect(after.stdout).toContain('2025-07-01: 34 tỉnh/thành (provinces)');
    const canTho = await runCliInMemory(['units', 'at', '2025-07-01', '--in', 'Cần Thơ']);
    expect(canTho.code).toBe(0);
    expect(canTho.stdout).toContain('Phường Sóc Trăng');
    expect(canTho.stdout).toMatch(/1 tỉnh\/thành \(provinces\), 0 huyện \(districts\), 103 xã/);
  });

  it('refuses a bad date or an unknown unit with a message and a non-zero exit', async () => {
    expect(await runCliInMemory(['units', 'at', '2025-13-45'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a date'),
    });
    expect(await runCliInMemory(['units', 'at', '2021-01-01'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('the map starts on 2025-03-01'),
    });
    expect(await runCliInMemory(['units', 'find', 'Atlantis'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no unit named or coded "Atlantis"'),
    });
    expect(await runCliInMemory(['units', 'find'])).toMatchObject({ code: 2 });
  });
});
