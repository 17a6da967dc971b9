import { testSmsText } from './test-sms-text';

describe('testSmsText', () => {
  it('marks the test in front of exactly what subscribers get, and counts its segments', () => {
    expect(testSmsText({ text: 'Chung tay ủng hộ' }, 'actual')).toEqual({
      text: '[THỬ] Chung tay ủng hộ',
      segments: 1,
    });
    expect(testSmsText({ text: 'Chung tay ủng hộ', stripDiacritics: true }, 'exercise')).toEqual({
      text: '[THU] [DIEN TAP] Chung tay ung ho',
      segments: 1,
    });
  });

  it('counts the segments the mark adds', () => {
    const full = 'a'.repeat(160);
    expect(testSmsText({ text: full, stripDiacritics: true }, 'actual').segments).toBe(2);
  });
});
