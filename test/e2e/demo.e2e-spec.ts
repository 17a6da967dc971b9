import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../tools/run/processes';
import { postgresProblem, redisProblem } from '../../tools/run/service-checks';
import { freePort } from '../support/free-port';
import { TestDatabase, createTestDatabase, dropQueuePrefix, testQueuePrefix } from '../support/test-database';

jest.setTimeout(180_000);

/** The README's first command: `npm run demo` runs the main job end to end and prints one JSON line. */
describe('npm run demo (the built demo, on its own database, queue prefix and ports)', () => {
  let db: TestDatabase;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
    await dropQueuePrefix('redis://127.0.0.1:6379', prefix);
  });

  /** Ports of its own for the API and each peer, and a short campaign window. */
  async function ownPorts(): Promise<Record<string, string>> {
    const port = await freePort();
    return {
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      SMSC_PORT: String(await freePort()),
      SMTP_PORT: String(await freePort()),
      SMTP_HTTP_PORT: String(await freePort()),
      TWILIO_PORT: String(await freePort()),
      DEMO_WINDOW_SECONDS: '5',
    };
  }

  function runDemo(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [join(repoRoot(), 'dist', 'tools', 'run', 'demo.js')], {
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('runs on a machine whose PostgreSQL and Redis are missing: private servers, started and stopped by it', async () => {
    const r = await runDemo({
      ...(await ownPorts()),
      // Nothing set: the demo's own defaults, as on a fresh machine; DEMO_PRIVATE_SERVICES makes it behave as if the
      // usual servers did not answer (they do on this machine, for the other tests).
      DATABASE_URL: '',
      REDIS_URL: '',
      DEMO_PRIVATE_SERVICES: '1',
    });
    if (r.code !== 0) throw new Error(`demo exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    const pg = /Started a private PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(r.stdout);
    const redis = /Started a private Redis on 127\.0\.0\.1:(\d+)/.exec(r.stdout);
    expect(pg && redis).toBeTruthy();
    expect(r.stderr).toContain('Stopped what the demo started');
    const summary = JSON.parse(r.stdout.trim().split('\n').pop()!) as { sms: { delivered: number } };
    expect(summary.sms.delivered).toBe(12);
    // Stopped: nothing answers on the private ports any more.
    expect(await postgresProblem(`postgres://postgres@127.0.0.1:${pg![1]}/postgres`)).not.toBeNull();
    expect(await redisProblem(`redis://127.0.0.1:${redis![1]}`)).not.toBeNull();
  });

  it('carries the Sóc Trăng letter through all four channels and ends with the JSON summary', async () => {
    const ports = await ownPorts();
    const r = await runDemo({
      ...ports,
      DATABASE_URL: db.url,
      QUEUE_PREFIX: prefix,
    });
    if (r.code !== 0) throw new Error(`demo exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    const last = r.stdout.trim().split('\n').pop()!;
    const summary = JSON.parse(last) as {
      campaign: string;
      sms: { submitted: number; delivered: number };
      email: { sent: number };
      banner: { served: number; clicks: number };
      radio: { pulled: number; confirmed: number };
    };
    try {
      expect(summary.sms).toEqual({ submitted: 12, delivered: 12 });
      expect(summary.email.sent).toBe(7);
      expect(summary.banner).toEqual({ served: 2, clicks: 2 });
      expect(summary.radio).toEqual({ pulled: 3, confirmed: 3 });
    } catch (e) {
      // The demo's own summary (per carrier: delivered, failed, unknown, expired) says what went wrong.
      throw new Error(
        `${(e as Error).message}\n--- demo output ---\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`,
      );
    }
    expect(r.stdout).toContain('completed');
    // It tells a person where the console is and who may sign in.
    expect(r.stdout).toContain(`Bảng điều khiển / Console: ${ports.PUBLIC_BASE_URL}/`);
    expect(r.stdout).toMatch(/phê duyệt \/ approver\s+\S+@\S+\s+\S+/);
    expect(r.stdout).toMatch(/nhà mạng \/ carrier\s+http:\/\/\S+\/carrier\s+viettel\s+loa_carrier_\S+/);
  });

  it('says which service is down and exits non-zero when the PostgreSQL it was pointed at is unreachable', async () => {
    const r = await runDemo({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/loa`,
      QUEUE_PREFIX: prefix,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PostgreSQL does not answer at DATABASE_URL .*: start it, or unset DATABASE_URL/);
    expect(r.stderr).not.toContain('Redis');
    expect(r.stdout).not.toContain('Started a private');
  });
});
