import { join } from 'node:path';
import { runCliInMemory } from '../run-cli-in-memory';

const LETTERS = join(__dirname, '../../../../test/fixtures/directives');

describe('loa radio script', () => {
  it('prints the script for a letter, in words, with its reading time', async () => {
    const run = await runCliInMemory([
      'radio',
      'script',
      join(LETTERS, 'kien-giang-stttt-570-2021-06-5k-vaccine.txt'),
      '--station',
      'Đài Truyền thanh xã Mỹ Hương',
    ]);
    expect(run.code).toBe(0);
    const out = run.stdout;
    expect(out.startsWith('Kính thưa bà con nhân dân!\n\nSau đây, Đài Truyền thanh xã Mỹ Hương xin thông tin')).toBe(
      true,
    );
    expect(out).toContain(
      'Ngày bốn tháng sáu năm hai nghìn không trăm hai mươi mốt, Sở Thông tin và Truyền thông tỉnh Kiên Giang ban hành Công văn số năm trăm bảy mươi, ký hiệu ét tê tê tê tê gạch ngang tê tê bê xê bê xê',
    );
    expect(out).toContain('Đài Truyền thanh xã Mỹ Hương vừa phát thông tin');
    expect(out).toMatch(/— \d+ âm tiết; đọc khoảng \d+ phút/);
    expect(out.split('\n— ')[0]).not.toMatch(/\d/);
  });

  it('warns when the script does not fit the slot, and reads southern numbers for the south', async () => {
    const letter = join(LETTERS, 'soc-trang-stttt-2021-09-vandongxahoi.txt');
    const run = await runCliInMemory(['radio', 'script', letter, '--region', 'south', '--slot-seconds', '60']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('hai ngàn không trăm hai mươi mốt');
    expect(run.stdout).toContain('vandongxahoi chấm mattran chấm org chấm vn');
    expect(run.stdout).toMatch(/Cảnh báo: Thời lượng đọc ước tính .* vượt thời lượng khung phát 1 phút\./);
  });

  it('prints JSON on request', async () => {
    const letter = join(LETTERS, 'soc-trang-stttt-2021-09-vandongxahoi.txt');
    const run = await runCliInMemory(['radio', 'script', letter, '--json', '--priority', 'emergency']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { text: string; estimatedSeconds: number; warnings: string[] };
    expect(json.text.startsWith('Thông báo khẩn! Thông báo khẩn!')).toBe(true);
    expect(json.estimatedSeconds).toBeGreaterThan(60);
  });

  it('refuses bad usage and missing files', async () => {
    expect((await runCliInMemory(['radio', 'script'])).code).toBe(2);
    const priority = await runCliInMemory(['radio', 'script', 'x.txt', '--priority', 'urgent']);
    expect(priority.code).toBe(2);
    expect(priority.stderr).toContain('--priority must be one of normal, priority, emergency');
    const missing = await runCliInMemory(['radio', 'script', '/nonexistent/letter.txt']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
  });
});
