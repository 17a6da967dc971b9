import { existsSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { RejectSpool } from './reject-spool';

describe('RejectSpool', () => {
  it('gives back what was added, in order, from memory while small', async () => {
    const spool = new RejectSpool(1000);
    spool.add('a\t2\tx\tSai độ dài\n');
    spool.add('a\t5\ty\tTrống\n');
    expect(spool.file).toBeNull();
    expect(spool.rows).toBe(2);
    expect(await text(spool.read())).toBe('a\t2\tx\tSai độ dài\na\t5\ty\tTrống\n');
    spool.dispose();
  });

  it('spills to a temporary file past its threshold, reads it back whole, and removes it on dispose', async () => {
    const spool = new RejectSpool(64);
    const lines = Array.from({ length: 50 }, (_, i) => `imp\t${i + 2}\tkhông-có-số-${i}\tKhông hợp lệ\n`);
    for (const line of lines) spool.add(line);
    const path = spool.file!;
    expect(existsSync(path)).toBe(true);

    const stream = spool.read();
    expect(await text(stream)).toBe(lines.join(''));
    spool.dispose();
    expect(existsSync(path)).toBe(false);
    spool.dispose();
  });

  it('removes its file when disposed before being read (an import that failed)', () => {
    const spool = new RejectSpool(8);
    spool.add('imp\t2\tx\ty\n');
    spool.add('imp\t3\tx\ty\n');
    const path = spool.file!;
    expect(existsSync(path)).toBe(true);
    spool.dispose();
    expect(existsSync(path)).toBe(false);
    expect(spool.file).toBeNull();
  });
});
