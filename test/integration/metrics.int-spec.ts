import { request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';

/** GET over a socket bound to `localAddress` (127.0.0.2 stands for a machine other than this one). */
function getFrom(url: string, localAddress: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { localAddress, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A metric's value in an exposition (the first line with exactly these labels). */
function valueOf(exposition: string, metric: string): number | null {
  const line = exposition.split('\n').find((l) => l.startsWith(`${metric} `));
  return line ? Number(line.slice(metric.length + 1)) : null;
}

/** Prometheus metrics of the API (in-process, real PostgreSQL and Redis): what is measured, and who may scrape. */
describe('/metrics on the API', () => {
  let api: InProcessApi;
  let base: string;
  const listening = async (app: INestApplication) => {
    await app.listen(0, '127.0.0.1');
    return (await app.getUrl()).replace('[::1]', '127.0.0.1');
  };

  beforeAll(async () => {
    api = await startInProcessApi();
    base = await listening(api.app);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('times requests by route pattern, counts embed requests, reads queue depths and the process', async () => {
    const editor = api.seed.users.find((u) => u.role === 'editor')!;
    const token = (
      await request(base).post('/api/auth/login').send({ email: editor.email, password: editor.password }).expect(200)
    ).body.token as string;
    for (let i = 0; i < 3; i++)
      await request(base).get('/api/campaigns').set('authorization', `Bearer ${token}`).expect(200);
    await request(base).get('/api/campaigns/not-a-uuid').set('authorization', `Bearer ${token}`);
    await request(base).get(`/embed/${api.seed.portals[0].embedKey}`).expect(200);
    await request(base).get(`/embed/${api.seed.portals[0].embedKey}`).expect(200);
    const scraped = await request(base).get('/metrics').expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = scraped.text;
    expect(
      valueOf(text, 'loa_http_request_duration_seconds_count{method="GET",route="/api/campaigns",status_code="200"}'),
    ).toBe(3);
    expect(text).toMatch(
      /loa_http_request_duration_seconds_count\{method="GET",route="\/api\/campaigns\/:id",status_code="\d{3}"\} 1/,
    );
    // Concrete paths never become labels.
    expect(text).not.toContain('not-a-uuid');
    expect(valueOf(text, 'loa_embed_requests_total{kind="page"}')).toBe(2);
    expect(valueOf(text, 'loa_queue_jobs{queue="fanout",state="waiting"}')).toBe(0);
    expect(valueOf(text, 'loa_queue_jobs{queue="sms-viettel",state="delayed"}')).toBe(0);
    expect(valueOf(text, 'loa_process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
  });

  it('answers only this machine without a token, and only the token with one', async () => {
    expect((await getFrom(`${base}/metrics`, '127.0.0.1')).status).toBe(200);
    const remote = await getFrom(`${base}/metrics`, '127.0.0.2');
    expect(remote.status).toBe(401);
    expect(remote.body).toContain('METRICS_TOKEN');

    process.env.METRICS_TOKEN = 'scrape-secret-0123456789';
    const { createApi } = await import('../../apps/api/src/create-api');
    const guarded = await createApi();
    delete process.env.METRICS_TOKEN;
    try {
      const url = `${await listening(guarded)}/metrics`;
      expect((await getFrom(url, '127.0.0.1')).status).toBe(401);
      expect((await getFrom(url, '127.0.0.2', { authorization: 'Bearer wrong-secret-0123456789' })).status).toBe(401);
      const ok = await getFrom(url, '127.0.0.2', { authorization: 'Bearer scrape-secret-0123456789' });
      expect(ok.status).toBe(200);
      expect(ok.body).toContain('# TYPE loa_sms_outcomes_total counter');
    } finally {
      await guarded.close();
    }
  });
});
