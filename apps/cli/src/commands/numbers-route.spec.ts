import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { CliIo } from '../command';
import { runCli } from '../main';

interface Captured {
  io: CliIo;
  stdout: () => string;
  stderr: () => string;
}

function capture(stdin: Readable = Readable.from([])): Captured {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (chunks: string[]) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    });
  return {
    io: { stdin, stdout: sink(out), stderr: sink(err) },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

describe('loa numbers route', () => {
  it('routes numbers read from stdin, one JSON object a line, in input order', async () => {
    const run = capture(
      Readable.from(['\uFEFF0961 234 567\r\n+84 (0) 912-345-678\n', '01683456789\n\n0281234567\nabc\n0551234567']),
    );
    expect(await runCli(['numbers', 'route'], run.io)).toBe(0);
    expect(jsonLines(run.stdout())).toEqual([
      { input: '0961 234 567', msisdn: '84961234567', carrier: 'viettel', error: null },
      { input: '+84 (0) 912-345-678', msisdn: '84912345678', carrier: 'vinaphone', error: null },
      { input: '01683456789', msisdn: '84383456789', carrier: 'viettel', error: null },
      { input: '', msisdn: null, carrier: null, error: 'empty: no phone number given' },
      {
        input: '0281234567',
        msisdn: null,
        carrier: null,
        error: 'not a mobile number: 028 is a landline area code',
      },
      { input: 'abc', msisdn: null, carrier: null, error: 'contains a character that is not a digit: "a"' },
      { input: '0551234567', msisdn: '84551234567', carrier: 'reddi', error: null },
    ]);
    expect(run.stderr()).toBe('7 line(s): 4 routed, 3 with an error\n');
  });

  it('reads stdin for "-" and a file when one is named', async () => {
    const dash = capture(Readable.from(['0901234567\n']));
    expect(await runCli(['numbers', 'route', '-'], dash.io)).toBe(0);
    expect(jsonLines(dash.stdout())).toEqual([
      { input: '0901234567', msisdn: '84901234567', carrier: 'mobifone', error: null },
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'loa-numbers-'));
    try {
      const file = join(dir, 'numbers.txt');
      writeFileSync(file, '0921234567\n0591234567\n');
      const fromFile = capture(Readable.from(['0901234567\n']));
      expect(await runCli(['numbers', 'route', file], fromFile.io)).toBe(0);
      expect(jsonLines(fromFile.stdout()).map((row) => (row as { carrier: string }).carrier)).toEqual([
        'vietnamobile',
        'gmobile',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with exit code 1 for a missing file and 2 for extra arguments', async () => {
    const missing = capture();
    expect(await runCli(['numbers', 'route', '/nonexistent/loa-numbers.txt'], missing.io)).toBe(1);
    expect(missing.stderr()).toMatch(/ENOENT/);
    const extra = capture();
    expect(await runCli(['numbers', 'route', 'a.txt', 'b.txt'], extra.io)).toBe(2);
    expect(extra.stderr()).toContain('Usage: npm run loa -- numbers route [FILE|-]');
    const option = capture();
    expect(await runCli(['numbers', 'route', '--fast'], option.io)).toBe(2);
  });

  it('streams: does not read far ahead of a stalled output, then finishes every line', async () => {
    const total = 200_000;
    let produced = 0;
    const stdin = new Readable({
      read() {
        if (produced >= total) {
          this.push(null);
          return;
        }
        let chunk = '';
        for (let i = 0; i < 100 && produced < total; i++, produced++)
          chunk += `09${String(produced).padStart(8, '0')}\n`;
        this.push(chunk);
      },
    });
    // An output that holds every write until released, with a small buffer.
    let lines = 0;
    let stalled = true;
    const held: Array<() => void> = [];
    const stdout = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer | string, _encoding, callback) {
        lines += String(chunk).split('\n').length - 1;
        if (stalled) held.push(callback);
        else callback();
      },
    });
    const release = (): void => {
      stalled = false;
      for (const callback of held.splice(0)) callback();
    };
    const stderr = new PassThrough();
    const done = runCli(['numbers', 'route'], { stdin, stdout, stderr });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only what fits the stream buffers has been read, not the 200 000 lines.
    expect(produced).toBeLessThan(20_000);
    release();
    expect(await done).toBe(0);
    expect(lines).toBe(total);
    expect(String(stderr.read())).toBe(`${total} line(s): ${total} routed, 0 with an error\n`);
  });
});
