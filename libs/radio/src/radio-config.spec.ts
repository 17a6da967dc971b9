import { isAbsolute } from 'node:path';
import { RadioConfigError, loadRadioConfig } from './radio-config';

describe('loadRadioConfig', () => {
  it('works with no settings', () => {
    const c = loadRadioConfig({});
    expect(isAbsolute(c.audioDir)).toBe(true);
    expect(c.audioDir.endsWith('tmp/radio-audio')).toBe(true);
    expect(c).toMatchObject({ ttsEnabled: true, espeakBin: 'espeak-ng', lameBin: 'lame', missedGraceSeconds: 1800 });
  });

  it('reads settings and lists every bad value by name', () => {
    expect(loadRadioConfig({ RADIO_AUDIO_DIR: '/srv/loa/audio', RADIO_TTS_ENABLED: 'false' })).toMatchObject({
      audioDir: '/srv/loa/audio',
      ttsEnabled: false,
    });
    let error: unknown;
    try {
      loadRadioConfig({ RADIO_MISSED_GRACE_SECONDS: '-5', RADIO_TTS_ENABLED: 'maybe' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RadioConfigError);
    expect(String(error)).toContain('RADIO_MISSED_GRACE_SECONDS must be an integer');
    expect(String(error)).toContain('RADIO_TTS_ENABLED must be true or false');
  });
});
