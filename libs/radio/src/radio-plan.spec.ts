import { dialectFor, radioPlan, slotSecondsFor, slotsFor, stationSlots, voiceFor } from './radio-plan';

describe('radio plans as stored', () => {
  it('fills every optional field with its default (older plans have only codes, script and slots)', () => {
    expect(radioPlan({ stationCodes: ['dtt-mytu'], script: 'Nội dung', slots: ['17:00', '06:00', '06:00'] })).toEqual({
      stationCodes: ['dtt-mytu'],
      script: 'Nội dung',
      slots: ['06:00', '17:00'],
      priority: 'normal',
      startDate: null,
      endDate: null,
      repeat: 1,
      maxSeconds: null,
    });
  });

  it('keeps valid new fields and drops malformed ones', () => {
    const p = radioPlan({
      stationCodes: ['a', 1],
      script: 'x',
      slots: ['6:00', '25:00'],
      priority: 'emergency',
      startDate: '2026-05-01',
      endDate: 'tomorrow',
      repeat: 3,
      maxSeconds: 0,
    });
    expect(p).toMatchObject({ stationCodes: ['a'], slots: null, priority: 'emergency', startDate: '2026-05-01' });
    expect(p).toMatchObject({ endDate: null, repeat: 3, maxSeconds: null });
  });

  it('airs an emergency campaign as an emergency unless the plan says otherwise', () => {
    expect(radioPlan({ script: 'x' }, { emergency: true }).priority).toBe('emergency');
    expect(radioPlan({ script: 'x', priority: 'priority' }, { emergency: true }).priority).toBe('priority');
  });
});

describe('station data', () => {
  const station = { broadcastSlots: [{ start: '17:00', minutes: 20 }, { start: '06:00', minutes: 30 }, { bad: 1 }] };

  it('reads slots, ignoring malformed entries', () => {
    expect(stationSlots(station.broadcastSlots)).toEqual([
      { start: '06:00', minutes: 30 },
      { start: '17:00', minutes: 20 },
    ]);
    expect(stationSlots(null)).toEqual([]);
  });

  it('airs in the plan’s slots, else the station’s, else 06:00 and 17:00', () => {
    expect(slotsFor(radioPlan({ slots: ['11:00'] }), station)).toEqual(['11:00']);
    expect(slotsFor(radioPlan({}), station)).toEqual(['06:00', '17:00']);
    expect(slotsFor(radioPlan({}), { broadcastSlots: [] })).toEqual(['06:00', '17:00']);
  });

  it('limits airtime by the plan, else by the shortest matching station slot', () => {
    expect(slotSecondsFor(radioPlan({ maxSeconds: 90 }), station)).toBe(90);
    expect(slotSecondsFor(radioPlan({}), station)).toBe(20 * 60);
    expect(slotSecondsFor(radioPlan({ slots: ['06:00'] }), station)).toBe(30 * 60);
    expect(slotSecondsFor(radioPlan({ slots: ['11:00'] }), station)).toBeNull();
  });

  it('picks the espeak-ng voice and number words by region', () => {
    expect(voiceFor('north')).toBe('vi');
    expect(voiceFor('central')).toBe('vi-vn-x-central');
    expect(voiceFor('south')).toBe('vi-vn-x-south');
    expect(voiceFor(null)).toBe('vi');
    expect(dialectFor('south')).toBe('south');
    expect(dialectFor('central')).toBe('north');
  });
});
