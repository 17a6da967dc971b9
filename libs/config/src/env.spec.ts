import { isAbsolute } from 'node:path';
import { ConfigError, loadConfig } from './env';

describe('loadConfig', () => {
  it('works with no settings, pointing at 127.0.0.1', () => {
    const c = loadConfig({});
    expect(c.database.url).toBe('postgres://postgres@127.0.0.1:5432/loa');
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.http.publicBaseUrl).toBe('http://127.0.0.1:3000');
    expect(c.delivery.batchSize).toBe(200);
  });

  it('lists every bad value at once, by variable name', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', NODE_ENV: 'staging' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT must be an integer');
    expect(problems).toContain('DATABASE_URL must use postgres:');
    expect(problems).toContain('NODE_ENV must be one of');
  });

  it('derives the public base URL from the port unless given', () => {
    expect(loadConfig({ PORT: '4100' }).http.publicBaseUrl).toBe('http://127.0.0.1:4100');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://loa.example.gov.vn/' }).http.publicBaseUrl).toBe(
      'https://loa.example.gov.vn',
    );
  });

  it('reads the radio settings with the others: defaults, values, and every bad one by name', () => {
    const c = loadConfig({}, '/srv/loa').radio;
    expect(isAbsolute(c.audioDir)).toBe(true);
    expect(c.audioDir).toBe('/srv/loa/tmp/radio-audio');
    expect(c).toMatchObject({ ttsEnabled: true, espeakBin: 'espeak-ng', lameBin: 'lame', missedGraceSeconds: 1800 });
    expect(loadConfig({ RADIO_AUDIO_DIR: '/var/lib/loa/audio', RADIO_TTS_ENABLED: 'false' }).radio).toMatchObject({
      audioDir: '/var/lib/loa/audio',
      ttsEnabled: false,
    });
    let error: unknown;
    try {
      loadConfig({ RADIO_MISSED_GRACE_SECONDS: '-5', RADIO_TTS_ENABLED: 'maybe', AUDIENCE_IMPORT_MAX_BYTES: '12' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('RADIO_MISSED_GRACE_SECONDS must be an integer');
    expect(problems).toContain('RADIO_TTS_ENABLED must be true or false');
    expect(problems).toContain('AUDIENCE_IMPORT_MAX_BYTES must be an integer between 1024');
  });

  it('signs acknowledgement links with a development key unless given one, and insists on one in production', () => {
    expect(loadConfig({}).acknowledgements).toEqual({
      linkSecret: expect.any(String),
      linkValidDaysAfterEnd: 60,
      remindAfterSeconds: { normal: 86_400, emergency: 900 },
      maxReminders: 2,
      checkIntervalMs: 60_000,
    });
    const secret = 'x'.repeat(32);
    expect(loadConfig({ LINK_SIGNING_SECRET: secret, ACK_LINK_VALID_DAYS: '30' }).acknowledgements).toMatchObject({
      linkSecret: secret,
      linkValidDaysAfterEnd: 30,
    });
    expect(() => loadConfig({ LINK_SIGNING_SECRET: 'short' })).toThrow(/LINK_SIGNING_SECRET must be at least 32/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/LINK_SIGNING_SECRET must be set in production/);
  });

  it('limits subscriber list uploads to 200 MiB unless told otherwise', () => {
    expect(loadConfig({}).audience.importMaxBytes).toBe(200 * 1024 * 1024);
    expect(loadConfig({ AUDIENCE_IMPORT_MAX_BYTES: '4096' }).audience.importMaxBytes).toBe(4096);
  });

  it('reads audiences of up to 2,000,000 members into memory for an import unless told otherwise', () => {
    expect(loadConfig({}).audience.membersInMemory).toBe(2_000_000);
    expect(loadConfig({ AUDIENCE_IMPORT_MEMBERS_IN_MEMORY: '0' }).audience.membersInMemory).toBe(0);
    expect(() => loadConfig({ AUDIENCE_IMPORT_MEMBERS_IN_MEMORY: '-1' })).toThrow(/AUDIENCE_IMPORT_MEMBERS_IN_MEMORY/);
  });
});
