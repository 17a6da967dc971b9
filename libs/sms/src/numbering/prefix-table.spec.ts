import { readFileSync } from 'fs';
import { join } from 'path';
import { loadPrefixTable, PrefixTableError, type PrefixTable } from './prefix-table';

const CONFIG_PATH = join(__dirname, '..', '..', '..', '..', 'config', 'carrier-prefixes.json');

function readConfig(): unknown {
  return JSON.parse(readFileSync(CONFIG_PATH, 'utf8'));
}

function carrierOf(table: PrefixTable, prefix: string): string | undefined {
  return table.carriers.find((c) => c.prefixes.includes(prefix))?.code;
}

function problemsOf(json: unknown): readonly string[] {
  try {
    loadPrefixTable(json);
  } catch (e) {
    if (e instanceof PrefixTableError) return e.problems;
    throw e;
  }
  throw new Error('expected loadPrefixTable to throw');
}

const VALID = {
  carriers: [
    { code: 'alpha', name: 'Alpha', prefixes: ['091', '094'] },
    { code: 'beta', name: 'Beta', prefixes: ['032'] },
  ],
  legacy: { '0162': '032' },
};

describe('config/carrier-prefixes.json', () => {
  const table = loadPrefixTable(readConfig());

  it('lists the seven Vietnamese mobile carriers in a stable order', () => {
    expect(table.carriers.map((c) => c.code)).toEqual([
      'viettel',
      'vinaphone',
      'mobifone',
      'vietnamobile',
      'gmobile',
      'itel',
      'reddi',
    ]);
  });

  it.each([
    ['viettel', ['032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098']],
    ['vinaphone', ['081', '082', '083', '084', '085', '088', '091', '094']],
    ['mobifone', ['070', '076', '077', '078', '079', '089', '090', '093']],
    ['vietnamobile', ['052', '056', '058', '092']],
    ['gmobile', ['059', '099']],
    ['itel', ['087']],
    ['reddi', ['055']],
  ])('gives %s exactly its post-2018 prefixes', (code, prefixes) => {
    const carrier = table.carriers.find((c) => c.code === code);
    expect([...(carrier?.prefixes ?? [])].sort()).toEqual(prefixes);
  });

  it('maps all 21 legacy 11-digit prefixes to a prefix of the same carrier', () => {
    const expected: Record<string, [string, string]> = {
      '0162': ['032', 'viettel'],
      '0163': ['033', 'viettel'],
      '0164': ['034', 'viettel'],
      '0165': ['035', 'viettel'],
      '0166': ['036', 'viettel'],
      '0167': ['037', 'viettel'],
      '0168': ['038', 'viettel'],
      '0169': ['039', 'viettel'],
      '0120': ['070', 'mobifone'],
      '0121': ['079', 'mobifone'],
      '0122': ['077', 'mobifone'],
      '0126': ['076', 'mobifone'],
      '0128': ['078', 'mobifone'],
      '0123': ['083', 'vinaphone'],
      '0124': ['084', 'vinaphone'],
      '0125': ['085', 'vinaphone'],
      '0127': ['081', 'vinaphone'],
      '0129': ['082', 'vinaphone'],
      '0186': ['056', 'vietnamobile'],
      '0188': ['058', 'vietnamobile'],
      '0199': ['059', 'gmobile'],
    };
    expect(Object.keys(table.legacy).sort()).toEqual(Object.keys(expected).sort());
    for (const [legacy, [current, carrier]] of Object.entries(expected)) {
      expect(table.legacy[legacy]).toBe(current);
      expect(carrierOf(table, current)).toBe(carrier);
    }
  });
});

describe('loadPrefixTable', () => {
  it('returns a frozen copy of a valid table', () => {
    const table = loadPrefixTable(VALID);
    expect(table.carriers.map((c) => [c.code, c.name, [...c.prefixes]])).toEqual([
      ['alpha', 'Alpha', ['091', '094']],
      ['beta', 'Beta', ['032']],
    ]);
    expect(table.legacy).toEqual({ '0162': '032' });
    expect(Object.isFrozen(table.carriers)).toBe(true);
    expect(Object.isFrozen(table.carriers[0].prefixes)).toBe(true);
    expect(table.carriers).not.toBe(VALID.carriers);
  });

  it('accepts a table without legacy conversions', () => {
    expect(loadPrefixTable({ carriers: VALID.carriers }).legacy).toEqual({});
  });

  it.each([null, 'text', 42, [1, 2]])('rejects a root that is not an object (%p)', (root) => {
    expect(() => loadPrefixTable(root)).toThrow(/root: expected an object/);
  });

  it('rejects a missing or empty carriers array', () => {
    expect(problemsOf({ legacy: {} })).toEqual(['carriers: expected a non-empty array, got nothing']);
    expect(problemsOf({ carriers: [] })).toEqual(['carriers: expected a non-empty array, got an array']);
  });

  it('names the path of each bad carrier field', () => {
    const problems = problemsOf({
      carriers: [
        { code: 'Viettel!', name: 'Viettel', prefixes: ['032'] },
        { code: 'vina', name: '  ', prefixes: ['91', 94] },
        { code: 'mobi', name: 'MobiFone', prefixes: [] },
        'nope',
      ],
    });
    expect(problems).toEqual([
      'carriers[0].code: expected a lowercase code like "viettel", got "Viettel!"',
      'carriers[1].name: expected a non-empty string, got "  "',
      'carriers[1].prefixes[0]: expected a 3-digit string starting with 0, got "91"',
      'carriers[1].prefixes[1]: expected a 3-digit string starting with 0, got number 94',
      'carriers[2].prefixes: expected a non-empty array of "0xx" strings, got an array',
      'carriers[3]: expected an object, got "nope"',
    ]);
  });

  it('rejects duplicate carrier codes and a prefix owned twice', () => {
    const problems = problemsOf({
      carriers: [
        { code: 'a', name: 'A', prefixes: ['091'] },
        { code: 'a', name: 'A again', prefixes: ['092'] },
        { code: 'b', name: 'B', prefixes: ['091'] },
      ],
    });
    expect(problems).toEqual([
      'carriers[1].code: duplicate carrier code "a"',
      'carriers[2].prefixes[0]: prefix 091 is already assigned to a',
    ]);
  });

  it('validates legacy keys, values and that targets belong to a carrier', () => {
    const problems = problemsOf({
      carriers: VALID.carriers,
      legacy: { '0162': '032', '162': '032', '0163': 33, '0164': '034' },
    });
    expect(problems).toEqual([
      'legacy: key "162" is not a 4-digit legacy prefix starting with 01',
      'legacy["0163"]: expected a 3-digit prefix starting with 0, got number 33',
      'legacy["0164"]: target prefix 034 belongs to no carrier',
    ]);
    expect(problemsOf({ carriers: VALID.carriers, legacy: ['0162'] })).toEqual([
      'legacy: expected an object mapping "01xx" to "0xx", got an array',
    ]);
  });

  it('puts every problem in the error message', () => {
    expect(() => loadPrefixTable({ carriers: [{ code: 'x', name: 'X', prefixes: ['1'] }] })).toThrow(
      'Invalid carrier prefix table: carriers[0].prefixes[0]: expected a 3-digit string starting with 0, got "1"',
    );
  });
});
