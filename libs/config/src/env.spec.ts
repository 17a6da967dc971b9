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
});
