import { ensureLocalServices } from '../../tools/run/local-services';
import { freePort } from '../../tools/run/free-port';
import { postgresProblem, redisProblem } from '../../tools/run/service-checks';

/**
 * What the demo does on a machine where PostgreSQL or Redis does not answer (a fresh machine, made here by pointing
 * at ports where nothing listens): private servers from Debian's binaries, said so, stopped afterwards; and the
 * exact commands when the person pointed DATABASE_URL elsewhere.
 */
describe('local services for the demo (Debian binaries, real servers)', () => {
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeEach(() => {
    lines.length = 0;
  });

  it('uses the usual PostgreSQL and Redis when they answer, starting nothing', async () => {
    const r = await ensureLocalServices({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/loa_demo_check',
      redisUrl: 'redis://127.0.0.1:6379',
      databaseExplicit: false,
      redisExplicit: false,
      log,
    });
    if ('problems' in r) throw new Error(r.problems.join('\n'));
    expect(r.started).toEqual([]);
    expect(r.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/loa_demo_check');
    expect(lines).toEqual([]);
    await r.stop();
  });

  it('starts private servers where none answer, says so, and stops them at the end', async () => {
    const deadPg = `postgres://postgres@127.0.0.1:${await freePort()}/loa_demo`;
    const deadRedis = `redis://127.0.0.1:${await freePort()}`;
    const r = await ensureLocalServices({
      databaseUrl: deadPg,
      redisUrl: deadRedis,
      databaseExplicit: false,
      redisExplicit: false,
      log,
    });
    if ('problems' in r) throw new Error(r.problems.join('\n'));
    try {
      expect(r.started).toHaveLength(2);
      expect(r.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/loa_demo$/);
      expect(r.databaseUrl).not.toBe(deadPg);
      expect(await postgresProblem(r.databaseUrl)).toBeNull();
      expect(await redisProblem(r.redisUrl)).toBeNull();
      expect(lines.join('\n')).toMatch(/Started a private PostgreSQL on 127\.0\.0\.1:\d+/);
      expect(lines.join('\n')).toMatch(/Started a private Redis on 127\.0\.0\.1:\d+/);
    } finally {
      await r.stop();
    }
    expect(await postgresProblem(r.databaseUrl)).not.toBeNull();
    expect(await redisProblem(r.redisUrl)).not.toBeNull();
  });

  it('starts nothing when the person set DATABASE_URL to a server that is down, and says what to do', async () => {
    const r = await ensureLocalServices({
      databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/loa`,
      redisUrl: 'redis://127.0.0.1:6379',
      databaseExplicit: true,
      redisExplicit: false,
      log,
    });
    expect(r).toEqual({
      problems: [expect.stringMatching(/^PostgreSQL does not answer at DATABASE_URL .*unset DATABASE_URL/)],
    });
    expect(lines).toEqual([]);
  });
});
