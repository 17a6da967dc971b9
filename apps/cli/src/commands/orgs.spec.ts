import { runCliInMemory } from '../run-cli-in-memory';

describe('loa orgs', () => {
  it('traces a department that no longer exists to the one that carries its work', async () => {
    const r = await runCliInMemory(['orgs', 'find', 'Sở TTTT Sóc Trăng', '--on', '2026-01-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('94-stttt  Sở Thông tin và Truyền thông tỉnh Sóc Trăng (Sở TTTT Sóc Trăng)');
    expect(r.stdout).toContain('hiệu lực / in force … → 2025-02-28');
    expect(r.stdout).toMatch(
      /nay là \/ now \(2026-01-01\):\n {4}92-skhcn-2025-07 {2}Sở Khoa học và Công nghệ thành phố Cần Thơ/,
    );
  });

  it('lists what today’s department grew out of, as JSON', async () => {
    const r = await runCliInMemory(['orgs', 'find', '92-skhcn-2025-07', '--json']);
    expect(r.code).toBe(0);
    const [body] = JSON.parse(r.stdout) as Array<{ name: string; formerly: string[] }>;
    expect(body.name).toBe('Sở Khoa học và Công nghệ thành phố Cần Thơ');
    expect(body.formerly).toEqual(
      expect.arrayContaining(['94-skhcn-2025-03', '94-stttt', '93-stttt', '92-stttt', '92-skhcn-2025-03']),
    );
    expect(body.formerly).not.toContain('94-svhttdl');
  });

  it('says so when nothing matches, and refuses a bad date', async () => {
    const none = await runCliInMemory(['orgs', 'find', 'Sở Du hành vũ trụ']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('không tìm thấy cơ quan');
    const bad = await runCliInMemory(['orgs', 'find', '94-stttt', '--on', '1/3/2025']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('is not a date');
  });
});
