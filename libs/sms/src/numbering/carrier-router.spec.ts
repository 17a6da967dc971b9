import { readFileSync } from 'fs';
import { join } from 'path';
import { CarrierRouter, routeNumber } from './carrier-router';
import { loadPrefixTable } from './prefix-table';

const table = loadPrefixTable(
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'config', 'carrier-prefixes.json'), 'utf8')),
);

describe('CarrierRouter', () => {
  const router = new CarrierRouter(table);

  it.each([
    ['84961234567', 'viettel'],
    ['84321234567', 'viettel'],
    ['84861234567', 'viettel'],
    ['84911234567', 'vinaphone'],
    ['84881234567', 'vinaphone'],
    ['84901234567', 'mobifone'],
    ['84701234567', 'mobifone'],
    ['84921234567', 'vietnamobile'],
    ['84521234567', 'vietnamobile'],
    ['84991234567', 'gmobile'],
    ['84591234567', 'gmobile'],
    ['84871234567', 'itel'],
    ['84551234567', 'reddi'],
  ])('routes %s to %s by prefix', (msisdn, carrier) => {
    expect(router.route(msisdn)).toBe(carrier);
  });

  it('routes every prefix of every carrier to that carrier', () => {
    for (const carrier of table.carriers) {
      for (const prefix of carrier.prefixes) {
        expect(router.route(`84${prefix.slice(1)}1234567`)).toBe(carrier.code);
      }
    }
  });

  it.each(['0912345678', '8491234567', '+84912345678', '84951234567', '', 'abc'])(
    'returns null for %p (not a normalised mobile MSISDN)',
    (msisdn) => {
      expect(router.route(msisdn)).toBeNull();
    },
  );

  it('lists carrier codes in table order', () => {
    expect(router.carrierCodes()).toEqual(table.carriers.map((c) => c.code));
    expect(router.carrierCodes()).toContain('reddi');
  });

  it('prefers the ported-number record over the prefix', () => {
    const ported = new CarrierRouter(table, new Map([['84961234567', 'mobifone']]));
    expect(ported.route('84961234567')).toBe('mobifone');
    expect(ported.route('84961234568')).toBe('viettel');
  });

  it('copies the ported map so later mutation does not change routing', () => {
    const map = new Map([['84961234567', 'mobifone']]);
    const ported = new CarrierRouter(table, map);
    map.set('84961234567', 'itel');
    expect(ported.route('84961234567')).toBe('mobifone');
  });

  it('rejects ported entries with unknown carriers or unnormalised numbers', () => {
    expect(() => new CarrierRouter(table, new Map([['84961234567', 'beeline']]))).toThrow(/unknown carrier "beeline"/);
    expect(() => new CarrierRouter(table, new Map([['0961234567', 'viettel']]))).toThrow(
      /"0961234567" is not a normalised MSISDN/,
    );
  });
});

describe('routeNumber', () => {
  const router = new CarrierRouter(table, new Map([['84901234567', 'vinaphone']]));

  it('normalises then routes', () => {
    expect(routeNumber('0168 123 4567', router)).toEqual({
      input: '0168 123 4567',
      msisdn: '84381234567',
      carrier: 'viettel',
      error: null,
    });
  });

  it('applies porting after normalisation', () => {
    expect(routeNumber('+84 90 123 4567', router)).toMatchObject({ msisdn: '84901234567', carrier: 'vinaphone' });
  });

  it('reports the normalisation error with a null carrier', () => {
    const result = routeNumber('028 3822 1234', router);
    expect(result).toEqual({
      input: '028 3822 1234',
      msisdn: null,
      carrier: null,
      error: 'not a mobile number: 028 is a landline area code',
    });
  });

  it('reports an unknown prefix against the narrower table the router carries', () => {
    const partial = loadPrefixTable({ carriers: [{ code: 'viettel', name: 'Viettel', prefixes: ['096'] }] });
    const narrowRouter = new CarrierRouter(partial);
    const result = routeNumber('0911234567', narrowRouter);
    expect(result.carrier).toBeNull();
    expect(result.error).toMatch(/not a mobile prefix: 091/);
  });
});
