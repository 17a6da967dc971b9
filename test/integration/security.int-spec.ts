import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import request from 'supertest';
import twilio from 'twilio';
import { QUEUES, receiptJobId } from '@loa/queue';
import { DEFAULT_DEMO_PEERS } from '../../tools/seed/seed-demo';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';

const HOSTILE: Array<[string, string]> = [
  ['sql', "'; DROP TABLE campaigns; --"],
  ['html', '<script>alert(1)</script><img src=x onerror=alert(2)>'],
  ['traversal', '../../../../etc/passwd'],
  ['bidi', 'abc\u202Efdp.exe\u202C'],
  ['control', 'bell\u0007 tab\t esc\u001b'],
  ['nfd', 'Thông báo khẩn'.normalize('NFD')],
  ['very-long', 'A'.repeat(300_001)],
  ['nul', 'nul\u0000byte'],
];

describe('security: lockout, rate limits, partner keys, audit, headers, hostile input (in-process API)', () => {
  let api: InProcessApi;
  let http: ReturnType<InProcessApi['app']['getHttpServer']>;
  let admin: string;
  let editor: string;
  const secretsSeen: string[] = [];
  const logged: string[] = [];
  let restoreStdout: () => void;

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write;
    restoreStdout = () => (process.stdout.write = write);
    api = await startInProcessApi({ RATE_LIMIT_LOGIN_PER_MINUTE: '9' });
    http = api.app.getHttpServer();
    const user = (role: string) => api.seed.users.find((u) => u.role === role)!;
    for (const u of api.seed.users) secretsSeen.push(u.password);
    admin = (
      await request(http)
        .post('/api/auth/login')
        .send({ email: user('admin').email, password: user('admin').password })
        .expect(200)
    ).body.token;
    editor = (
      await request(http)
        .post('/api/auth/login')
        .send({ email: user('editor').email, password: user('editor').password })
        .expect(200)
    ).body.token;
    secretsSeen.push(admin, editor);
  });

  afterAll(async () => {
    restoreStdout?.();
    await api?.close();
  });

  it('locks an account after five wrong passwords, even for the right one, and audits it', async () => {
    const approver = api.seed.users.find((u) => u.role === 'approver')!;
    for (let i = 0; i < 5; i++) {
      await request(http)
        .post('/api/auth/login')
        .send({ email: approver.email, password: `wrong-${i}` })
        .expect(401);
    }
    const locked = await request(http)
      .post('/api/auth/login')
      .send({ email: approver.email, password: approver.password });
    expect(locked.status).toBe(401);
    expect(locked.body.message).toMatch(/Account locked/);
    const audit = await request(http).get('/api/audit?action=auth').set('authorization', `Bearer ${admin}`).expect(200);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toContain('auth.locked');
  });

  it('sheds login floods with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 6; i++) {
      const r = await request(http).post('/api/auth/login').send({ email: 'nobody@example.vn', password: 'x' });
      statuses.push(r.status);
      retryAfter ??= r.headers['retry-after'];
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('issues, lists by prefix only, rotates and revokes partner keys', async () => {
    const station = api.seed.stationKeys[0];
    const issued = await request(http)
      .post('/api/partner-keys')
      .set('authorization', `Bearer ${admin}`)
      .send({ kind: 'station', partnerCode: station.code })
      .expect(201);
    const key: string = issued.body.key;
    secretsSeen.push(key);
    await request(http).get(`/stations/${station.code}/scripts`).set('x-station-key', key).expect(200);
    const list = await request(http)
      .get('/api/partner-keys?kind=station')
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.find((k: { id: string }) => k.id === issued.body.id).prefix).toBe(issued.body.prefix);

    const rotated = await request(http)
      .post(`/api/partner-keys/${issued.body.id}/rotate`)
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    secretsSeen.push(rotated.body.key);
    await request(http).get(`/stations/${station.code}/scripts`).set('x-station-key', key).expect(401);
    await request(http).get(`/stations/${station.code}/scripts`).set('x-station-key', rotated.body.key).expect(200);

    await request(http)
      .delete(`/api/partner-keys/${rotated.body.id}`)
      .set('authorization', `Bearer ${admin}`)
      .expect(204);
    await request(http).get(`/stations/${station.code}/scripts`).set('x-station-key', rotated.body.key).expect(401);
    await request(http)
      .delete(`/api/partner-keys/${rotated.body.id}`)
      .set('authorization', `Bearer ${admin}`)
      .expect(404);
    await request(http)
      .post('/api/partner-keys')
      .set('authorization', `Bearer ${admin}`)
      .send({ kind: 'station', partnerCode: 'no-such-station' })
      .expect(404);
  });

  it('pages the audit trail for admins only', async () => {
    await request(http).get('/api/audit').set('authorization', `Bearer ${editor}`).expect(403);
    const first = await request(http).get('/api/audit?limit=2').set('authorization', `Bearer ${admin}`).expect(200);
    expect(first.body.events).toHaveLength(2);
    const second = await request(http)
      .get(`/api/audit?limit=2&before=${first.body.nextCursor}`)
      .set('authorization', `Bearer ${admin}`)
      .expect(200);
    expect(Number(second.body.events[0].id)).toBeLessThan(Number(first.body.events[1].id));
    await request(http).get('/api/audit?limit=9999').set('authorization', `Bearer ${admin}`).expect(400);
  });

  it('sends an approved campaign back for approval when it is edited, and refuses edits once running', async () => {
    const approverToken = admin; // an admin may approve; not the author
    const d = await request(http)
      .post('/api/directives')
      .set('authorization', `Bearer ${editor}`)
      .send({ text: 'UBND TỈNH SÓC TRĂNG\nV/v kiểm thử sửa chiến dịch\nKính gửi: Báo Sóc Trăng' })
      .expect(201);
    const c = await request(http)
      .post('/api/campaigns')
      .set('authorization', `Bearer ${editor}`)
      .send({ directiveId: d.body.id, title: 'Bản đầu', channels: { email: { agencyGroups: ['bao-chi'] } } })
      .expect(201);
    await request(http).post(`/api/campaigns/${c.body.id}/submit`).set('authorization', `Bearer ${editor}`).expect(200);
    await request(http)
      .post(`/api/campaigns/${c.body.id}/approve`)
      .set('authorization', `Bearer ${approverToken}`)
      .expect(200);
    const edited = await request(http)
      .patch(`/api/campaigns/${c.body.id}`)
      .set('authorization', `Bearer ${editor}`)
      .send({ title: 'Bản sửa', channels: { email: { agencyGroups: ['so-ban-nganh'] } } })
      .expect(200);
    expect(edited.body.status).toBe('pending_approval');
    expect(edited.body.title).toBe('Bản sửa');
    const [row]: Array<{ approved_by: string | null; content: { agencyGroups: string[] } }> = await api.ds.query(
      `SELECT c.approved_by, p.content FROM campaigns c JOIN channel_plans p ON p.campaign_id = c.id WHERE c.id = $1`,
      [c.body.id],
    );
    expect(row.approved_by).toBeNull();
    expect(row.content.agencyGroups).toEqual(['so-ban-nganh']);
    await request(http).post(`/api/campaigns/${c.body.id}/launch`).set('authorization', `Bearer ${editor}`).expect(409);
    await request(http)
      .post(`/api/campaigns/${c.body.id}/approve`)
      .set('authorization', `Bearer ${approverToken}`)
      .expect(200);
    await request(http).post(`/api/campaigns/${c.body.id}/launch`).set('authorization', `Bearer ${editor}`).expect(200);
    const late = await request(http)
      .patch(`/api/campaigns/${c.body.id}`)
      .set('authorization', `Bearer ${editor}`)
      .send({ title: 'x' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('Cannot edit a campaign that is running');
    const audit = await request(http)
      .get(`/api/audit?targetId=${c.body.id}`)
      .set('authorization', `Bearer ${approverToken}`)
      .expect(200);
    expect(audit.body.events.map((e: { action: string }) => e.action)).toContain('campaign.update');
  });

  it('lets a banner lead only to an official site, naming the field otherwise, on creation and on edit', async () => {
    const d = await request(http)
      .post('/api/directives')
      .set('authorization', `Bearer ${editor}`)
      .send({ text: 'UBND TỈNH SÓC TRĂNG\nV/v kiểm thử đích banner\nKính gửi: Báo Sóc Trăng' })
      .expect(201);
    const banner = (targetUrl: string) => ({ headline: 'Ủng hộ Quỹ vì người nghèo', targetUrl });
    const create = (targetUrl: string) =>
      request(http)
        .post('/api/campaigns')
        .set('authorization', `Bearer ${editor}`)
        .send({ directiveId: d.body.id, title: 'Đích banner', channels: { banner: banner(targetUrl) } });
    for (const target of [
      'https://evil.example/ung-ho',
      'https://gov.vn@evil.example/',
      'https://soctrang.gov.vn.evil.example/',
    ]) {
      const refused = await create(target);
      expect(refused.status).toBe(400);
      expect(String(refused.body.message)).toMatch(/channels\.banner\.targetUrl phải là trang chính thức/);
    }
    const made = await create('https://vandongxahoi.mattran.org.vn/ung-ho').expect(201);
    const edit = await request(http)
      .patch(`/api/campaigns/${made.body.id}`)
      .set('authorization', `Bearer ${editor}`)
      .send({ channels: { banner: banner('http://evil.example') } });
    expect(edit.status).toBe(400);
    const [plan]: Array<{ content: { targetUrl: string } }> = await api.ds.query(
      `SELECT content FROM channel_plans WHERE campaign_id = $1 AND channel = 'banner'`,
      [made.body.id],
    );
    expect(plan.content.targetUrl).toBe('https://vandongxahoi.mattran.org.vn/ung-ho'); // nothing lost
  });

  it('sends security headers; the embed page alone may be framed', async () => {
    const apiRes = await request(http).get('/health');
    expect(apiRes.headers['x-frame-options']).toBe('DENY');
    expect(apiRes.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(apiRes.headers['x-content-type-options']).toBe('nosniff');
    expect(apiRes.headers['access-control-allow-origin']).toBeUndefined();
    const embed = await request(http).get(`/embed/${api.seed.portals[0].embedKey}`).expect(200);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(embed.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers hostile text in every field with a 4xx or stores it safely and escapes it on output', async () => {
    const directive = await request(http)
      .post('/api/directives')
      .set('authorization', `Bearer ${editor}`)
      .send({ text: 'UBND TỈNH SÓC TRĂNG\nV/v kiểm thử dữ liệu độc hại\nKính gửi: Báo Sóc Trăng' })
      .expect(201);
    for (const [name, value] of HOSTILE) {
      const bodies: Array<[string, string, object]> = [
        ['POST', '/api/directives', { text: `${value} — văn bản đủ dài để kiểm thử` }],
        [
          'POST',
          '/api/campaigns',
          { directiveId: directive.body.id, title: value, channels: { email: { agencyGroups: ['bao-chi'] } } },
        ],
        [
          'POST',
          '/api/campaigns',
          {
            directiveId: directive.body.id,
            title: 'banner',
            channels: { banner: { headline: value.slice(0, 120), targetUrl: 'https://vandongxahoi.mattran.org.vn' } },
          },
        ],
        ['POST', '/api/auth/login', { email: value, password: value }],
        ['POST', '/api/partner-keys', { kind: 'station', partnerCode: value }],
      ];
      for (const [method, path, body] of bodies) {
        const r = await request(http)
          [method === 'POST' ? 'post' : 'get'](path)
          .set('authorization', `Bearer ${path.includes('partner') ? admin : editor}`)
          .send(body);
        if (r.status >= 500) throw new Error(`${name} → ${path}: ${r.status} ${JSON.stringify(r.body)}`);
        if (
          r.status === 201 &&
          path === '/api/campaigns' &&
          'title' in body &&
          (body as { title: string }).title === value
        ) {
          const stored: Array<{ title: string }> = await api.ds.query(`SELECT title FROM campaigns WHERE id = $1`, [
            r.body.id,
          ]);
          expect(stored[0].title).toBe(value.normalize('NFC'));
        }
      }
    }
    // Invalid UTF-8 bytes in a JSON body: decoded with replacement characters or refused, never a crash.
    const raw = Buffer.concat([
      Buffer.from('{"text":"'),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' văn bản đủ dài để kiểm thử"}'),
    ]);
    const bad = await request(http)
      .post('/api/directives')
      .set('authorization', `Bearer ${editor}`)
      .set('content-type', 'application/json')
      .send(raw);
    expect(bad.status).toBeLessThan(500);
  });

  it('accepts Twilio status callbacks only with a valid X-Twilio-Signature', async () => {
    const params = { MessageSid: 'SM0123456789abcdef0123456789abcdef', MessageStatus: 'delivered', To: '+84901234567' };
    const path = '/api/webhooks/twilio/mobifone/status';
    const url = `${process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000'}${path}`;
    const good = twilio.getExpectedTwilioSignature(DEFAULT_DEMO_PEERS.twilioAuthToken, url, params);
    const forged = twilio.getExpectedTwilioSignature('not-the-token', url, params);
    const post = (signature: string | null, body: Record<string, string> = params) => {
      const r = request(http).post(path).type('form').send(body);
      return signature ? r.set('x-twilio-signature', signature) : r;
    };
    await post(null).expect(403);
    await post(forged).expect(403);
    await post(good, { ...params, MessageStatus: 'undelivered' }).expect(403); // body changed after signing
    await post(good).expect(204);
    await post(good).expect(204); // a replay is harmless: the receipt job id is the same, applied once
    await request(http)
      .post('/api/webhooks/twilio/viettel/status')
      .type('form')
      .send(params)
      .set('x-twilio-signature', good)
      .expect(404);
  });

  it('accepts a second Twilio route’s callbacks only signed with its own token, its ids kept apart', async () => {
    await api.ds.query(
      `UPDATE carriers SET connection = connection || '{"secondary": {"provider": "twilio", "accountSid": "AC2", "authToken": "second-route-token"}}'::jsonb
        WHERE code = 'viettel'`,
    );
    const params = { MessageSid: 'SMfeedface', MessageStatus: 'delivered', To: '+84961234567' };
    const path = '/api/webhooks/twilio/viettel/secondary/status';
    const url = `${process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:3000'}${path}`;
    const post = (token: string) =>
      request(http)
        .post(path)
        .type('form')
        .send(params)
        .set('x-twilio-signature', twilio.getExpectedTwilioSignature(token, url, params));
    await post(DEFAULT_DEMO_PEERS.twilioAuthToken).expect(403); // the primary's token does not sign for it
    await post('second-route-token').expect(204);
    const queue = api.app.get<Queue>(getQueueToken(QUEUES.receipts));
    const job = await queue.getJob(receiptJobId('viettel', 'secondary:SMfeedface', 'delivered'));
    expect(job?.data).toMatchObject({ carrierCode: 'viettel', providerMessageId: 'secondary:SMfeedface' });
    // A carrier whose second route is not Twilio (or that has none) has no such callback.
    await request(http).post('/api/webhooks/twilio/vinaphone/secondary/status').type('form').send(params).expect(404);
  });

  it('keeps passwords, tokens and keys out of the audit trail and the logs', async () => {
    const audit: Array<{ row: string }> = await api.ds.query(`SELECT row_to_json(a)::text AS row FROM audit_events a`);
    const everything = audit.map((a) => a.row).join('\n') + logged.join('');
    for (const secret of secretsSeen) expect(everything).not.toContain(secret);
  });
});
