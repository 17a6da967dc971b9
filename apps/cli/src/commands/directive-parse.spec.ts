import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInMemory } from '../run-cli-in-memory';
import { letterDocx, letterPdf, noTextPdf, SAMPLE_LETTER } from '../../../../test/support/letter-files';

const FIXTURES = join(__dirname, '../../../../test/fixtures/directives');

function cli(args: string[]): ReturnType<typeof runCliInMemory> {
  return runCliInMemory(['directive', 'parse', ...args]);
}

describe('loa directive parse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'loa-directive-parse-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the extraction and the proposed plan as one JSON object', async () => {
    const r = await cli([join(FIXTURES, 'soc-trang-stttt-2021-09-vandongxahoi.txt')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual([
      'parentAuthority',
      'issuer',
      'documentCode',
      'documentType',
      'place',
      'date',
      'subject',
      'addressees',
      'items',
      'links',
      'references',
      'signer',
      'copyTo',
      'plan',
      'proposal',
    ]);
    expect(json.documentCode).toEqual({ number: null, symbol: 'STTTT-TTBCXB' });
    expect(json.plan.map((e: { channel: string; addressee: string }) => [e.channel, e.addressee])).toEqual([
      ['email', 'Các sở, ban, ngành tỉnh'],
      ['email', 'UBND các huyện, thị xã, thành phố'],
      ['email', 'Báo Sóc Trăng'],
      ['email', 'Đài Phát thanh - Truyền hình Sóc Trăng'],
      ['email', 'UBND các xã, phường, thị trấn'],
      ['radio', 'Đài Truyền thanh các huyện, thị xã, thành phố'],
      ['banner', 'Website của cơ quan, đơn vị'],
      ['radio', 'Đài/Trạm Truyền thanh cấp xã'],
    ]);
    expect(json.plan[5]).toMatchObject({
      channel: 'radio',
      addressee: 'Đài Truyền thanh các huyện, thị xã, thành phố',
      reason: {
        vi: 'Kính gửi: đài truyền thanh cấp huyện phát bản tin trên hệ thống loa; đài cấp xã tiếp âm.',
        en: 'Addressee ("Kính gửi"): district radio stations air the script on their loudspeakers; commune stations relay it.',
      },
    });
    expect(json.proposal.link.url).toBe('https://vandongxahoi.mattran.org.vn');
    expect(json.proposal.drafts.sms.segments).toBeLessThanOrEqual(2);
  });

  it('prints the date as YYYY-MM-DD when whole and as { year, month } when the day is left blank', async () => {
    const whole = JSON.parse((await cli([join(FIXTURES, 'kien-giang-stttt-570-2021-06-5k-vaccine.txt')])).stdout);
    expect(whole.date).toBe('2021-06-04');
    const partial = JSON.parse((await cli([join(FIXTURES, 'soc-trang-stttt-2021-09-vandongxahoi.txt')])).stdout);
    expect(partial.date).toEqual({ year: 2021, month: 9 });
  });

  it('fails with a clear message for a missing file', async () => {
    const r = await cli([join(dir, 'nope.txt')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Error: cannot read .*nope\.txt: no such file/);
  });

  it('fails for a directory, an oversized file and a file that is not UTF-8', async () => {
    expect((await cli([dir])).stderr).toMatch(/is not a file/);
    const big = join(dir, 'big.txt');
    writeFileSync(big, Buffer.alloc(20 * 1024 * 1024 + 1, 0x61));
    const tooBig = await cli([big]);
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toMatch(/big\.txt is 21 MB; a directive may be at most 20 MB/);
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x53, 0xf4, 0x20, 0xe9, 0xe9]));
    expect((await cli([latin1])).stderr).toMatch(
      /latin1\.txt: .*\(neither UTF-8 text, DOCX nor PDF\); send a .txt .* \[unsupported_format\]/,
    );
  });

  it('reads the same letter as .docx and as a text-layer .pdf, printing what the .txt prints', async () => {
    const fromText = await cli([join(FIXTURES, SAMPLE_LETTER)]);
    const docx = join(dir, 'cong-van.docx');
    writeFileSync(docx, await letterDocx());
    const pdf = join(dir, 'cong-van.pdf');
    writeFileSync(pdf, await letterPdf());
    for (const file of [docx, pdf]) {
      const r = await cli([file]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fromText.stdout));
    }
  });

  it('names what is wrong with a file it cannot read (exit 1)', async () => {
    const locked = join(dir, 'khoa.pdf');
    writeFileSync(locked, await letterPdf(undefined, { userPassword: 'matkhau' }));
    const scan = join(dir, 'ban-quet.pdf');
    writeFileSync(scan, await noTextPdf());
    const lying = join(dir, 'gia.pdf');
    writeFileSync(lying, 'UBND TỈNH SÓC TRĂNG\nSở Thông tin và Truyền thông\n');
    const expectations: Array<[string, RegExp]> = [
      [locked, /password-protected: send an unlocked copy \[encrypted\]/],
      [scan, /needs OCR \[no_text_layer\]/],
      [lying, /claims to be \.pdf but its content is plain text \[format_mismatch\]/],
    ];
    for (const [file, message] of expectations) {
      const r = await cli([file]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
    }
  });

  it('wants exactly one FILE (usage error, exit 2)', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: npm run loa -- directive parse FILE');
  });
});
