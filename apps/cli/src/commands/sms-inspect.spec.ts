import { runCliInMemory } from '../run-cli-in-memory';

function inspect(args: string[], stdinText = ''): ReturnType<typeof runCliInMemory> {
  return runCliInMemory(['sms', 'inspect', ...args], stdinText);
}

const NOTICE = 'Đề nghị người dân thực hiện nghiêm thông điệp 5K và tiêm vắc xin phòng Covid-19 khi đến lượt.';

describe('loa sms inspect', () => {
  it('prints one JSON line: a Vietnamese text is UCS-2, counted in UTF-16 units', async () => {
    const result = await inspect([NOTICE]);
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(result.stdout)).toEqual({ text: NOTICE, encoding: 'UCS-2', length: 93, segments: 2 });
  });

  it('strips diacritics with --strip and counts GSM-7 septets, extension characters twice', async () => {
    expect(JSON.parse((await inspect(['--strip', NOTICE])).stdout)).toEqual({
      text: 'De nghi nguoi dan thuc hien nghiem thong diep 5K va tiem vac xin phong Covid-19 khi den luot.',
      encoding: 'GSM-7',
      length: 93,
      segments: 1,
    });
    expect(JSON.parse((await inspect(['--strip', '[QC] Ưu đãi 5€'])).stdout)).toEqual({
      text: '[QC] Uu dai 5€',
      encoding: 'GSM-7',
      length: 17,
      segments: 1,
    });
  });

  it('counts an emoji as two UCS-2 units and finds the segment boundaries', async () => {
    expect(JSON.parse((await inspect(['😀'])).stdout)).toMatchObject({ encoding: 'UCS-2', length: 2, segments: 1 });
    expect(JSON.parse((await inspect(['a'.repeat(160)])).stdout)).toMatchObject({ length: 160, segments: 1 });
    expect(JSON.parse((await inspect(['a'.repeat(161)])).stdout)).toMatchObject({ length: 161, segments: 2 });
  });

  it('joins several words with spaces, reads "-" from stdin and normalises NFD input', async () => {
    expect(JSON.parse((await inspect(['Xin', 'chao'])).stdout)).toMatchObject({ text: 'Xin chao', length: 8 });
    const fromStdin = await inspect(['-'], `${'Thông báo'.normalize('NFD')}\n`);
    expect(JSON.parse(fromStdin.stdout)).toEqual({ text: 'Thông báo', encoding: 'UCS-2', length: 9, segments: 1 });
    expect(JSON.parse((await inspect(['--', '--strip'])).stdout)).toMatchObject({ text: '--strip' });
  });

  it('exits with 2 and the usage without TEXT or with an unknown option', async () => {
    const none = await inspect([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: npm run loa -- sms inspect [--strip] TEXT|-');
    expect((await inspect(['--strip'])).code).toBe(2);
    expect((await inspect(['--fast', 'x'])).code).toBe(2);
  });
});
