import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { extractDirective } from './extract-directive';
import { DirectiveTooLargeError, MAX_DIRECTIVE_CHARS } from './limits';
import type { DirectiveFields } from './types';
import { seededRandom as prng } from '../../../../test/support/seeded-random';

/**
 * Robustness: the extractor must return (never throw, never hang) on any text up to the size limit. The budget is
 * the test timeout for the whole batch, not a per-call wall-clock threshold.
 */

const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'directives');
const letters = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));

const random = prng(0x10a);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];

/** Characters and fragments that steer the extractor into each of its branches. */
const FRAGMENTS = [
  'Số:',
  'Số ',
  'V/v ',
  'Kính gửi:',
  'Nơi nhận:',
  'ngày',
  ' tháng ',
  ' năm 2021',
  'KT. GIÁM ĐỐC',
  'PHÓ GIÁM ĐỐC',
  '1. ',
  '4.1. ',
  'II. ',
  '- ',
  './.',
  '…',
  '....',
  '/STTTT-TTBCBC',
  '-HD/BTGTU',
  'http://',
  'www.',
  '.gov.vn',
  '.org.vn',
  'VĂN BẢN ĐẾN',
  'Ngày: ',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'HƯỚNG DẪN',
  'UBND TỈNH SÓC TRĂNG',
  'Lê Hoàng Bắc',
  'Đề nghị ',
  'Covid-',
  '19',
  '2021',
  '/',
  '-',
  ':',
  ';',
  ',',
  '.',
  '(',
  ')',
  '“',
  '”',
  '\n',
  '\n\n',
  ' ',
  '   ',
  '\t',
  '\f',
  '\r\n',
  'ạ',
  'Đ',
  'đ',
  'ư',
  'ể',
  'A',
  'z',
  '0',
  '9',
  '😀',
  '\u0301',
  '\u200b',
  '\ufeff',
  '\u0000',
  '*',
  '**',
  '@',
];

function randomText(maxPieces: number): string {
  const pieces = Math.floor(random() * maxPieces);
  let text = '';
  for (let i = 0; i < pieces; i++) {
    text += random() < 0.8 ? pick(FRAGMENTS) : String.fromCharCode(Math.floor(random() * 0xffff));
  }
  return text;
}

function repeatLines(letter: string): string {
  const lines = letter.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const times = random() < 0.1 ? 1 + Math.floor(random() * 200) : 1;
    for (let i = 0; i < times; i++) out.push(line);
  }
  return out.join('\n').slice(0, MAX_DIRECTIVE_CHARS);
}

function expectWellFormed(fields: DirectiveFields): void {
  expect(Object.keys(fields).sort()).toEqual(
    [
      'addressees',
      'copyTo',
      'date',
      'documentCode',
      'documentType',
      'issuer',
      'items',
      'links',
      'parentAuthority',
      'place',
      'references',
      'signer',
      'subject',
    ].sort(),
  );
  for (const list of [fields.addressees, fields.items, fields.links, fields.references, fields.copyTo]) {
    if (list !== null) expect(list.length).toBeGreaterThan(0);
  }
  if (fields.documentCode) expect(fields.documentCode.symbol).toMatch(/\p{Lu}/u);
  if (fields.date?.iso) expect(fields.date.iso).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  for (const item of fields.items ?? []) expect(item.number).toMatch(/^\d{1,2}(\.\d{1,2}){0,2}$/);
  for (const ref of fields.references ?? []) if (ref.date) expect(ref.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (fields.signer) expect(fields.signer.name !== null || fields.signer.title !== null).toBe(true);
}

describe('extractDirective robustness', () => {
  it('returns a well-formed result for 500 hostile inputs', () => {
    const inputs: string[] = [];
    // Truncations of each letter at 60 cut points (every code unit position is a candidate, surrogates included).
    for (const letter of letters) {
      for (let k = 0; k < 60; k++) inputs.push(letter.slice(0, Math.floor(random() * (letter.length + 1))));
    }
    // Each letter with random lines repeated up to 200 times, and tiled up to the size limit.
    for (const letter of letters) {
      for (let k = 0; k < 20; k++) inputs.push(repeatLines(letter));
      inputs.push(letter.repeat(Math.ceil(MAX_DIRECTIVE_CHARS / letter.length)).slice(0, MAX_DIRECTIVE_CHARS));
    }
    // Random texts built from structural fragments and arbitrary UTF-16 code units.
    while (inputs.length < 480) inputs.push(randomText(random() < 0.9 ? 300 : 5000));
    // Degenerate shapes at the size limit.
    const n = MAX_DIRECTIVE_CHARS;
    inputs.push(
      'Số:' + '.'.repeat(n - 3),
      'Sóc Trăng, ngày' + ' .'.repeat((n - 15) / 2),
      'a'.repeat(n),
      'a.'.repeat(n / 2),
      '1/'.repeat(n / 2),
      'Kính gửi:\n- a\n' + 'b\n'.repeat((n - 20) / 2),
      'Nơi nhận:\n' + '- a,\n'.repeat((n - 20) / 5),
      '1. a\n'.repeat(n / 5),
      'I. A\nII. B\n'.repeat(n / 12),
      'a-\n'.repeat(n / 3),
      'http://'.repeat(Math.floor(n / 7)),
      ('Đề nghị ' + 'a'.repeat(100) + '\n').repeat(Math.floor(n / 110)),
      'VĂN BẢN ĐẾN\nSố: 1/AB\nNgày: 1\n'.repeat(Math.floor(n / 30)),
      ' '.repeat(n),
      '\n'.repeat(n),
      '\ud800'.repeat(n),
      'x' + ';'.repeat(n - 2) + 'x',
      ('V/v ' + 'x'.repeat(90) + '\n').repeat(Math.floor(n / 95)),
      'Lê Hoàng Bắc\n'.repeat(Math.floor(n / 13)),
      '12/AB-'.repeat(Math.floor(n / 6)),
    );
    expect(inputs).toHaveLength(500);

    let completed = 0;
    for (const input of inputs) {
      expect(input.length).toBeLessThanOrEqual(MAX_DIRECTIVE_CHARS);
      expectWellFormed(extractDirective(input));
      completed++;
    }
    expect(completed).toBe(500);
  }, 60_000);

  it('keeps the header fields of a truncated letter once its header is complete', () => {
    for (const letter of letters) {
      const full = extractDirective(letter);
      // The header ends where the addressees (công văn) or the body (hướng dẫn) begin.
      const kinhGui = letter.indexOf('Kính gửi');
      const headerEnd = kinhGui >= 0 ? kinhGui : letter.indexOf('Thực hiện Hướng dẫn');
      expect(headerEnd).toBeGreaterThan(0);
      for (let k = 0; k < 10; k++) {
        const cut = headerEnd + Math.floor(random() * (letter.length - headerEnd));
        const partial = extractDirective(letter.slice(0, cut));
        expect(partial.parentAuthority).toBe(full.parentAuthority);
        expect(partial.issuer).toBe(full.issuer);
        expect(partial.documentCode).toEqual(full.documentCode);
        expect(partial.date).toEqual(full.date);
        expect(partial.subject).toBe(full.subject);
      }
    }
  });

  it('throws only DirectiveTooLargeError, and only above the limit', () => {
    expect(() => extractDirective(letters[0].repeat(200))).toThrow(DirectiveTooLargeError);
    expect(() => extractDirective(' '.repeat(MAX_DIRECTIVE_CHARS + 1))).toThrow(/accepts at most 200000/);
  });
});
