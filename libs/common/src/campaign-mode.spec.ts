import { capStatusOf, doNotAirNotice, isRehearsal, markRehearsal } from './campaign-mode';

describe('campaign modes', () => {
  it('names the CAP status of each mode', () => {
    expect(['actual', 'exercise', 'test'].map(capStatusOf)).toEqual(['Actual', 'Exercise', 'Test']);
  });

  it('marks a rehearsal and leaves a real campaign as it is', () => {
    expect(markRehearsal('exercise', 'Ủng hộ đồng bào')).toBe('[DIỄN TẬP] Ủng hộ đồng bào');
    expect(markRehearsal('test', 'Ủng hộ')).toBe('[THỬ NGHIỆM] Ủng hộ');
    expect(markRehearsal('actual', 'Ủng hộ')).toBe('Ủng hộ');
    expect(isRehearsal('actual')).toBe(false);
    expect(isRehearsal('exercise') && isRehearsal('test')).toBe(true);
  });

  it('tells stations not to air a rehearsal', () => {
    expect(doNotAirNotice('exercise')).toMatch(/^DIỄN TẬP – KHÔNG PHÁT/);
    expect(doNotAirNotice('actual')).toBeNull();
  });
});
