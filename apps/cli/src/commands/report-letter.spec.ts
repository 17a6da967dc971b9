import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxToText, pdfToText } from '@loa/directives';
import { runCliInMemory } from '../run-cli-in-memory';

const LETTER = join(__dirname, '../../../../test/fixtures/directives/kien-giang-stttt-570-2021-06-5k-vaccine.txt');
const counters = (o: Record<string, number>) => ({
  total: 0,
  queued: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  failed: 0,
  unknown: 0,
  expired: 0,
  cancelled: 0,
  opted_out: 0,
  ...o,
});
/** As GET /api/campaigns/:id answers it. */
const REPORT = {
  id: '6f1c2e9a-0000-4000-8000-000000000001',
  title: 'Thông điệp 5K',
  status: 'completed',
  startsAt: '2021-06-05T01:00:00.000Z',
  endsAt: '2021-06-30T10:00:00.000Z',
  channels: {
    sms: {
      ...counters({ total: 1200, delivered: 1150, failed: 30, unknown: 20 }),
      segments: 2400,
      byCarrier: { viettel: { ...counters({ total: 1200, delivered: 1150, failed: 30 }), segments: 2400 } },
      failedByReason: {},
      receiptsQueried: 0,
      carrierOrders: [],
    },
    email: { ...counters({ total: 9, sent: 9 }), acknowledged: 6 },
  },
};

describe('loa report letter', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loa-report-letter-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(REPORT));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const base = (out: string) => [
    'report',
    'letter',
    join(dir, 'report.json'),
    LETTER,
    '--org',
    'Sở Văn hóa, Thể thao và Du lịch tỉnh Kiên Giang',
    '--province',
    'Kiên Giang',
    '--out',
    join(dir, out),
  ];

  it('writes the DOCX from a saved campaign report and the letter it carried out', async () => {
    const r = await runCliInMemory([...base('bao-cao.docx'), '--signer-name', 'Lê Văn Ký']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/bao-cao\.docx: V\/v báo cáo kết quả/u);
    const text = docxToText(readFileSync(join(dir, 'bao-cao.docx'))).replace(/\s+/gu, ' ');
    expect(text).toMatch(/Số: +\/BC-SVHTTDL/u);
    // The 2021 signer merged into Sở KH&CN and Kiên Giang into An Giang (config/organizations): the report goes there.
    expect(text).toContain('Kính gửi: Sở Khoa học và Công nghệ tỉnh An Giang.');
    expect(text).toContain('Thực hiện Công văn số 570/STTTT-TTBCBC ngày 4/6/2021');
    expect(text).toContain('đã gửi tới 1.200 thuê bao (2.400 bản tin tính cước); 1.150 thuê bao đã nhận (đạt 95,8%)');
    expect(text).toContain('6 cơ quan, đơn vị đã xác nhận đã nhận');
    expect(text).toContain('Lê Văn Ký');
  });

  it('writes a PDF when the output says so', async () => {
    const r = await runCliInMemory(base('bao-cao.pdf'));
    expect(r.code).toBe(0);
    const text = (await pdfToText(readFileSync(join(dir, 'bao-cao.pdf')))).replace(/\s+/gu, ' ');
    expect(text).toContain('Kiên Giang, ngày');
  });

  it('names what is missing or wrong (usage: exit 2; unreadable report: exit 1)', async () => {
    expect((await runCliInMemory(['report', 'letter', join(dir, 'report.json')])).code).toBe(2);
    const noOrg = await runCliInMemory(base('x.docx').filter((a, i, all) => a !== '--org' && all[i - 1] !== '--org'));
    expect(noOrg.code).toBe(2);
    expect(noOrg.stderr).toContain('--org is required');
    writeFileSync(join(dir, 'not-a-report.json'), '{"hello": 1}');
    const bad = await runCliInMemory([
      'report',
      'letter',
      join(dir, 'not-a-report.json'),
      LETTER,
      '--org',
      'Sở',
      '--province',
      'X',
      '--out',
      join(dir, 'y.docx'),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('expected the answer of GET /api/campaigns/:id');
  });
});
