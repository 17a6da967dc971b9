import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CarrierRouter, loadPrefixTable } from '../numbering';
import { buildAudience } from './build-audience';

const table = loadPrefixTable(
  JSON.parse(readFileSync(join(__dirname, '../../../../config/carrier-prefixes.json'), 'utf8')),
);
const router = new CarrierRouter(table);

describe('buildAudience', () => {
  it('routes by prefix, removes duplicates written differently, and explains rejects', () => {
    const r = buildAudience(
      ['0961 234 567', '+84961234567', '0912.345.678', '0901-234-567', '12345', '0871234567'],
      router,
      new Set(['viettel', 'vinaphone', 'mobifone']),
    );
    expect(r.accepted).toEqual([
      { msisdn: '84961234567', carrier: 'viettel' },
      { msisdn: '84912345678', carrier: 'vinaphone' },
      { msisdn: '84901234567', carrier: 'mobifone' },
    ]);
    expect(r.duplicates).toBe(1);
    expect(r.rejected.map((x) => x.input)).toEqual(['12345', '0871234567']);
    expect(r.rejected[1].error).toMatch(/no connection configured for carrier itel/);
  });
});
