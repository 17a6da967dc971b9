import request from 'supertest';
import { signPartnerRequest } from '@loa/auth';
import { SmtpCapture, startSmtpCapture } from '../../tools/peers/smtp-capture';
import { InProcessApi, listRoutes, startInProcessApi } from '../support/in-process-api';

/**
 * Who may call what. Every route the router serves must have a rule here: a new route without one fails this
 * test, so no endpoint is born unprotected.
 */
type Rule =
  | 'public'
  | 'operator'
  | 'editor'
  | 'approver'
  | 'editor|approver'
  | 'admin'
  | 'station'
  | 'carrier'
  | 'portal'
  | 'twilio-signed';

const RULES: Record<string, Rule> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'operator',
  'GET /api/auth/me': 'operator',
  'POST /api/directives': 'editor',
  'GET /api/directives': 'operator',
  'GET /api/directives/:id': 'operator',
  'GET /api/directives/:id/original': 'operator',
  'PATCH /api/directives/:id': 'editor',
  'POST /api/directives/:id/campaign': 'editor',
  'POST /api/campaigns': 'editor',
  'GET /api/campaigns': 'operator',
  'GET /api/campaigns/:id': 'operator',
  'GET /api/campaigns/:id/audit': 'operator',
  'GET /api/campaigns/:id/plan': 'operator',
  'GET /api/campaigns/:id/timeline': 'operator',
  'GET /api/campaigns/:id/report.csv': 'operator',
  'GET /api/campaigns/:id/acknowledgements': 'operator',
  'GET /api/campaigns/:id/follow-ups': 'operator',
  'GET /api/campaigns/:id/banner-preview': 'operator',
  'GET /api/campaigns/:id/banner-portals': 'operator',
  'GET /api/campaigns/:id/banner-days': 'operator',
  'POST /api/banner-images': 'editor',
  'GET /api/banner-images/:id': 'operator',
  'GET /api/campaigns/:id/result-report': 'operator',
  'POST /api/campaigns/:id/test-email': 'editor|approver',
  'POST /api/campaigns/:id/test-sms': 'editor|approver',
  'PATCH /api/campaigns/:id': 'editor',
  'POST /api/campaigns/:id/submit': 'editor',
  'POST /api/campaigns/:id/approve': 'approver',
  'POST /api/campaigns/:id/reject': 'approver',
  'POST /api/campaigns/:id/launch': 'editor|approver',
  'POST /api/campaigns/:id/pause': 'editor|approver',
  'POST /api/campaigns/:id/resume': 'editor|approver',
  'POST /api/campaigns/:id/carriers/:carrierCode/resume': 'editor|approver',
  'GET /api/admin/queues': 'admin',
  'GET /api/admin/queues/failed': 'admin',
  'GET /api/admin/carriers/terms': 'admin',
  'POST /api/admin/queues/:queue/jobs/:jobId/retry': 'admin',
  'POST /api/campaigns/:id/cancel': 'editor|approver',
  'POST /api/campaigns/:id/audience': 'editor',
  'GET /api/campaigns/:id/audience/imports/:importId/rejects.csv': 'operator',
  'PATCH /api/campaigns/:id/radio': 'editor|approver',
  'GET /api/campaigns/:id/radio/amendments': 'operator',
  'POST /api/campaigns/:id/radio/amendments/:number/approve': 'approver',
  'POST /api/campaigns/:id/radio/amendments/:number/decline': 'editor|approver',
  'GET /api/campaigns/:id/radio/revisions': 'operator',
  'GET /api/campaigns/:id/radio/audio': 'operator',
  'POST /api/campaigns/:id/radio/recording': 'editor|approver',
  'DELETE /api/campaigns/:id/radio/recording': 'editor|approver',
  'GET /api/portals': 'operator',
  'GET /api/admin-units': 'operator',
  'POST /api/opt-outs': 'editor|approver',
  'GET /api/opt-outs/:msisdn': 'operator',
  'DELETE /api/opt-outs/:msisdn': 'admin',
  'GET /api/partner-keys': 'admin',
  'POST /api/partner-keys': 'admin',
  'POST /api/partner-keys/:id/rotate': 'admin',
  'DELETE /api/partner-keys/:id': 'admin',
  'GET /api/audit': 'admin',
  'GET /api/admin/users': 'admin',
  'GET /api/admin/test-list': 'operator',
  'PUT /api/admin/test-list': 'admin',
  'POST /api/admin/users': 'admin',
  'PATCH /api/admin/users/:id': 'admin',
  'POST /api/admin/users/:id/disable': 'admin',
  'POST /api/admin/users/:id/enable': 'admin',
  'POST /api/admin/users/:id/password': 'admin',
  'POST /api/admin/users/:id/sessions/revoke': 'admin',
  'GET /api/admin/agencies': 'admin',
  'POST /api/admin/agencies': 'admin',
  'PATCH /api/admin/agencies/:id': 'admin',
  'DELETE /api/admin/agencies/:id': 'admin',
  'GET /api/admin/portals': 'admin',
  'POST /api/admin/portals': 'admin',
  'PATCH /api/admin/portals/:id': 'admin',
  'POST /api/admin/portals/:id/embed-key/rotate': 'admin',
  'DELETE /api/admin/portals/:id': 'admin',
  'GET /api/admin/stations': 'admin',
  'POST /api/admin/stations': 'admin',
  'POST /api/admin/stations/import': 'admin',
  'PATCH /api/admin/stations/:id': 'admin',
  'DELETE /api/admin/stations/:id': 'admin',
  'GET /api/admin/carriers': 'admin',
  'GET /ack/:token': 'public',
  'POST /ack/:token': 'public',
  'GET /stations/:code/scripts': 'station',
  'POST /stations/:code/scripts/:scriptId/confirmations': 'station',
  'POST /stations/:code/scripts/:scriptId/not-aired': 'station',
  'GET /stations/:code/broadcasts': 'station',
  'GET /portals/:code': 'portal',
  'GET /stations/:code/feed.json': 'station',
  'GET /stations/:code/feed.rss': 'station',
  'GET /stations/:code/feed.cap': 'station',
  'POST /stations/:code/broadcasts': 'station',
  'GET /stations/:code/audio/:file': 'station',
  'POST /api/webhooks/twilio/:carrier/status': 'twilio-signed',
  'POST /api/webhooks/twilio/:carrier/secondary/status': 'twilio-signed',
  'GET /partners/carriers/:code/orders': 'carrier',
  'POST /partners/carriers/:code/orders/:id/ack': 'carrier',
  'POST /partners/carriers/:code/orders/:id/report': 'carrier',
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /health/ready': 'public',
};
/** Bodies that pass validation, so a cross-tenant call reaches the lookup that must answer 404. */
const VALID_BODIES: Record<string, object> = {
  'POST /api/campaigns/:id/reject': { reason: 'Thiếu căn cứ' },
  'PATCH /api/campaigns/:id/radio': { reason: 'Đổi giờ phát', repeat: 2 },
  'POST /api/admin/users/:id/password': { password: 'mat-khau-du-dai-2026' },
  'PUT /api/admin/test-list': { msisdns: ['0912345678'], emails: ['thu@soctrang.gov.vn'] },
};
const OPERATOR_RULES: Rule[] = ['operator', 'editor', 'approver', 'editor|approver', 'admin'];
const isDocs = (route: string) => / \/api\/docs/.test(route);

type Principal = 'anonymous' | 'editor' | 'approver' | 'admin' | 'other-org-admin' | 'station' | 'carrier' | 'portal';

function roleAllowed(rule: Rule, role: 'editor' | 'approver' | 'admin'): boolean {
  if (role === 'admin') return true;
  if (rule === 'operator') return true;
  return rule.split('|').includes(role);
}

describe('authorisation matrix over every route (in-process API, real PostgreSQL and Redis)', () => {
  let api: InProcessApi;
  let smtp: SmtpCapture;
  const tokens: Partial<Record<Principal, string>> = {};
  let campaignId: string;
  let directiveId: string;
  let keyId: string;
  const station = { code: '', key: '' };
  const portal = { code: '', key: '' };
  let carrierKey: string;

  beforeAll(async () => {
    // A real SMTP server: the routes that send mail (a test e-mail) answer as they would in production.
    smtp = await startSmtpCapture();
    api = await startInProcessApi({
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      RATE_LIMIT_API_PER_MINUTE: '100000',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
    });
    const http = api.app.getHttpServer();
    // Mobifone (Twilio in the demo) with a second route through another Twilio account, so both callbacks exist.
    await api.ds.query(
      `UPDATE carriers SET connection = connection || '{"secondary": {"provider": "twilio", "accountSid": "AC2", "authToken": "second-token"}}'::jsonb
        WHERE code = 'mobifone'`,
    );
    const login = async (email: string, password: string) =>
      (await request(http).post('/api/auth/login').send({ email, password }).expect(200)).body.token as string;
    for (const u of api.seed.users) tokens[u.role as Principal] = await login(u.email, u.password);
    tokens['other-org-admin'] = await login(api.other.adminEmail, api.other.adminPassword);
    const letter =
      'UBND TỈNH SÓC TRĂNG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 12/STTTT\nV/v kiểm thử phân quyền\nKính gửi: Các sở, ban, ngành tỉnh';
    directiveId = (
      await request(http)
        .post('/api/directives')
        .set('authorization', `Bearer ${tokens.editor}`)
        .send({ text: letter })
        .expect(201)
    ).body.id;
    campaignId = (
      await request(http)
        .post('/api/campaigns')
        .set('authorization', `Bearer ${tokens.editor}`)
        .send({ directiveId, title: 'Phân quyền', channels: { email: { agencyGroups: ['bao-chi'] } } })
        .expect(201)
    ).body.id;
    keyId = (
      await request(http)
        .post('/api/partner-keys')
        .set('authorization', `Bearer ${tokens.admin}`)
        .send({ kind: 'portal', partnerCode: api.seed.portals[0].code })
        .expect(201)
    ).body.id;
    Object.assign(station, api.seed.stationKeys[0]);
    Object.assign(portal, { code: api.seed.portals[0].code, key: api.seed.portals[0].key });
    carrierKey = (
      await request(http)
        .post('/api/partner-keys')
        .set('authorization', `Bearer ${tokens.admin}`)
        .send({ kind: 'carrier', partnerCode: 'viettel' })
        .expect(201)
    ).body.key;
  });

  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  function fill(route: string): string {
    const path = route.split(' ')[1];
    return path
      .replace(':id/rotate', `${keyId}/rotate`)
      .replace(/\/api\/partner-keys\/:id$/, `/api/partner-keys/${keyId}`)
      .replace(':id', route.includes('/directives/') ? directiveId : campaignId)
      .replace(':campaignId', campaignId)
      .replace(':scriptId', campaignId)
      .replace(':carrierCode', 'viettel')
      .replace(':queue', 'fanout')
      .replace(':jobId', 'no-such-job')
      .replace(':key', api.seed.portals[0].embedKey)
      .replace(
        ':code',
        route.includes('/carriers/') ? 'viettel' : route.startsWith('GET /portals/') ? portal.code : station.code,
      )
      .replace(':carrier', 'mobifone')
      .replace(':msisdn', '0961234567')
      .replace(':number', '1');
  }

  async function call(route: string, who: Principal) {
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = request(api.app.getHttpServer())[method](fill(route));
    if (who === 'station') req = req.set('x-station-key', station.key);
    else if (who === 'portal') req = req.set('x-portal-key', portal.key);
    else if (who === 'carrier') {
      const ts = Math.floor(Date.now() / 1000);
      const raw = method === 'get' ? '' : JSON.stringify(VALID_BODIES[route] ?? {});
      req = req
        .set('x-carrier-key', carrierKey)
        .set('x-loa-timestamp', String(ts))
        .set('x-loa-signature', signPartnerRequest(carrierKey, ts, raw));
    } else if (who !== 'anonymous') req = req.set('authorization', `Bearer ${tokens[who]}`);
    return method === 'get' ? req : req.send(VALID_BODIES[route] ?? {});
  }

  it('has a rule for every route the router serves', () => {
    const missing = listRoutes(api.app).filter((r) => !isDocs(r) && !(r in RULES));
    expect(missing).toEqual([]);
  });

  it('answers every route as each principal according to its rule', async () => {
    const failures: string[] = [];
    const expectStatus = (route: string, who: Principal, status: number, ok: (s: number) => boolean, want: string) => {
      if (!ok(status)) failures.push(`${route} as ${who}: got ${status}, want ${want}`);
    };
    const allowed = (s: number) => s !== 401 && s !== 403 && s < 500;
    // Destructive calls last: revoking the key, then logging out (which revokes each token).
    const rank = (r: string) => (r.includes('/logout') ? 2 : r.includes('partner-keys/:id') ? 1 : 0);
    const routes = listRoutes(api.app)
      .filter((r) => !isDocs(r))
      .sort((a, b) => rank(a) - rank(b));
    for (const route of routes) {
      const rule = RULES[route];
      if (!rule) continue;
      const principals: Principal[] = [
        'anonymous',
        'station',
        'carrier',
        'portal',
        'other-org-admin',
        'editor',
        'approver',
        'admin',
      ];
      for (const who of principals) {
        const { status } = await call(route, who);
        if (rule === 'public') expectStatus(route, who, status, allowed, 'allowed');
        else if (rule === 'twilio-signed') expectStatus(route, who, status, (s) => s === 403, '403 (unsigned)');
        else if (rule === 'station' || rule === 'carrier' || rule === 'portal') {
          if (who === rule) expectStatus(route, who, status, allowed, 'allowed');
          else expectStatus(route, who, status, (s) => s === 401, '401');
        } else if (OPERATOR_RULES.includes(rule)) {
          if (who === 'anonymous' || who === 'station' || who === 'carrier' || who === 'portal')
            expectStatus(route, who, status, (s) => s === 401, '401');
          else if (who === 'other-org-admin') {
            // Another organisation's id behaves exactly like an unknown id.
            const hasId = route.includes(':id');
            expectStatus(route, who, status, hasId ? (s) => s === 404 : allowed, hasId ? '404' : 'allowed');
          } else if (roleAllowed(rule, who)) expectStatus(route, who, status, allowed, 'allowed');
          else expectStatus(route, who, status, (s) => s === 403, '403');
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a station key on another station and on operator routes', async () => {
    const http = api.app.getHttpServer();
    const other = api.seed.stationKeys[1];
    await request(http).get(`/stations/${other.code}/scripts`).set('x-station-key', station.key).expect(404);
    await request(http).get('/api/portals').set('authorization', `Bearer ${station.key}`).expect(401);
  });
});
