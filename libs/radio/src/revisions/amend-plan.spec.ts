import { RadioInputError } from '../radio-errors';
import { amendRadioPlan } from './amend-plan';

const stored = {
  stationCodes: ['DTT-MX', 'DTT-VC'],
  script: 'Kính thưa bà con',
  slots: ['05:30', '17:00'],
  priority: 'normal',
  startDate: '2026-11-20',
  endDate: '2026-11-30',
};

describe('amendRadioPlan', () => {
  it('changes only the fields given and reports them in a fixed order', () => {
    const a = amendRadioPlan(stored, { repeat: 2, slots: ['06:00'] });
    expect(a.changed).toEqual(['slots', 'repeat']);
    expect(a.content).toEqual({ ...stored, slots: ['06:00'], repeat: 2 });
    expect(a.spokenChanged).toBe(false);
  });

  it('says the spoken words changed when the script or the priority changes', () => {
    expect(amendRadioPlan(stored, { script: 'Nội dung mới' }).spokenChanged).toBe(true);
    expect(amendRadioPlan(stored, { priority: 'emergency' }).spokenChanged).toBe(true);
    expect(amendRadioPlan(stored, { endDate: '2026-12-05' }).spokenChanged).toBe(false);
  });

  it('finds no change when the values are the same (a repeated request makes no revision)', () => {
    const a = amendRadioPlan(stored, { script: 'Kính thưa bà con', slots: ['05:30', '17:00'] });
    expect(a.changed).toEqual([]);
    expect(a.spokenChanged).toBe(false);
  });

  it('stores text as NFC, so a decomposed copy of the same words is no change', () => {
    const decomposed = 'Kính thưa bà con'.normalize('NFD');
    expect(decomposed).not.toBe(stored.script);
    const a = amendRadioPlan(stored, { script: decomposed });
    expect(a.content.script).toBe(stored.script);
    expect(a.changed).toEqual([]);
  });

  it('refuses to change the stations, naming the field', () => {
    expect(() => amendRadioPlan(stored, { stationCodes: ['DTT-MX'] })).toThrow(RadioInputError);
    expect(() => amendRadioPlan(stored, { stationCodes: ['DTT-MX'] })).toThrow(/^stationCodes:/);
    expect(amendRadioPlan(stored, { stationCodes: ['DTT-MX', 'DTT-VC'], repeat: 3 }).changed).toEqual(['repeat']);
  });

  it('checks the date range against the stored dates', () => {
    expect(() => amendRadioPlan(stored, { endDate: '2026-11-19' })).toThrow(/^endDate:.*2026-11-19/);
    expect(() => amendRadioPlan(stored, { startDate: '2026-12-01' })).toThrow(/^startDate:/);
    expect(amendRadioPlan(stored, { startDate: '2026-12-01', endDate: '2026-12-02' }).changed).toEqual([
      'startDate',
      'endDate',
    ]);
  });

  it('reads an empty stored plan without failing', () => {
    expect(amendRadioPlan(null, { script: 'x' }).content).toEqual({ script: 'x' });
  });
});
