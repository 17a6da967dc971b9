import request from 'supertest';
import { waitUntil } from '../../tools/run/processes';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';

/** Issue 3 and 8: admins manage users and the directory (agencies, portals, stations, CSV import), audited. */
describe('admin: users and directory (in-process API, real PostgreSQL and Redis)', () => {
  let api: InProcessApi;
  let http: ReturnType<InProcessApi['app']['getHttpServer']>;
  let admin: string;
  let adminId: string;
  let editor: string;
  let otherAdmin: string;
  const passwordsUsed: string[] = [];

  const login = (email: string, password: string) => request(http).post('/api/auth/login').send({ email, password });
  const as = (token: string) => ({
    get: (path: string) => request(http).get(path).set('authorization', `Bearer ${token}`),
    post: (path: string, body: object = {}) =>
      request(http).post(path).set('authorization', `Bearer ${token}`).send(body),
    patch: (path: string, body: object) => request(http).patch(path).set('authorization', `Bearer ${token}`).send(body),
    delete: (path: string) => request(http).delete(path).set('authorization', `Bearer ${token}`),
  });
  const auditActions = async (action: string) =>
    (await as(admin).get(`/api/audit?action=${action}&limit=500`).expect(200)).body.events as Array<{
      action: string;
      targetId: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>;

  beforeAll(async () => {
    api = await startInProcessApi({ RATE_LIMIT_LOGIN_PER_MINUTE: '1000', RATE_LIMIT_API_PER_MINUTE: '100000' });
    http = api.app.getHttpServer();
    const seeded = (role: string) => api.seed.users.find((u) => u.role === role)!;
    const a = await login(seeded('admin').email, seeded('admin').password).expect(200);
    admin = a.body.token;
    adminId = a.body.user.id;
    editor = (await login(seeded('editor').email, seeded('editor').password).expect(200)).body.token;
    otherAdmin = (await login(api.other.adminEmail, api.other.adminPassword).expect(200)).body.token;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('users', () => {
    let userId: string;
    const email = 'bientap.moi@soctrang.demo';
    let password = 'mat-khau-ban-dau-2026';

    it('creates a user (password ≥ 12 characters) who can then log in', async () => {
      await as(admin)
        .post('/api/admin/users', { email, displayName: 'Biên tập mới', role: 'editor', password: 'ngan-qua' })
        .expect(400);
      const created = await as(admin)
        .post('/api/admin/users', {
          email: email.toUpperCase(),
          displayName: 'Biên tập mới'.normalize('NFD'),
          role: 'editor',
          password,
        })
        .expect(201);
      passwordsUsed.push(password);
      userId = created.body.id;
      expect(created.body).toMatchObject({ email, displayName: 'Biên tập mới', role: 'editor', disabledAt: null });
      expect(JSON.stringify(created.body)).not.toMatch(/password/i);
      await as(admin)
        .post('/api/admin/users', { email, displayName: 'Trùng', role: 'editor', password: 'mot-mat-khau-khac' })
        .expect(409);
      const list = await as(admin).get('/api/admin/users').expect(200);
      expect(list.body.map((u: { email: string }) => u.email)).toContain(email);
      expect(
        (await as(otherAdmin).get('/api/admin/users').expect(200)).body.map((u: { email: string }) => u.email),
      ).not.toContain(email);
      const token = (await login(email, password).expect(200)).body.token;
      await as(token).get('/api/portals').expect(200);
      await as(token).get('/api/admin/users').expect(403);
    });

    it('changes a role (effective at once) and refuses an admin demoting themself', async () => {
      const token = (await login(email, password).expect(200)).body.token;
      await as(token).get(`/api/audit`).expect(403);
      const changed = await as(admin).patch(`/api/admin/users/${userId}`, { role: 'admin' }).expect(200);
      expect(changed.body.role).toBe('admin');
      await as(token).get('/api/audit').expect(200);
      await as(admin)
        .patch(`/api/admin/users/${userId}`, { role: 'approver', displayName: 'Phê duyệt mới' })
        .expect(200);
      await as(token).get('/api/audit').expect(403);

      const refused = await as(admin).patch(`/api/admin/users/${adminId}`, { role: 'editor' }).expect(409);
      expect(refused.body.message).toMatch(/own admin role/);
      await as(admin).post(`/api/admin/users/${adminId}/disable`).expect(409);
      await as(admin).patch(`/api/admin/users/${adminId}`, { displayName: 'Quản trị Sóc Trăng' }).expect(200);

      const updates = await auditActions('user.update');
      const roleChange = updates.find((e) => e.targetId === userId && e.after?.role === 'approver')!;
      expect(roleChange.before).toMatchObject({ role: 'admin' });
      expect(roleChange.after).toMatchObject({ role: 'approver', displayName: 'Phê duyệt mới' });
    });

    it('disables a user: the token stops working at once and login is refused; enabling restores login', async () => {
      const token = (await login(email, password).expect(200)).body.token;
      await as(token).get('/api/portals').expect(200);
      const disabled = await as(admin).post(`/api/admin/users/${userId}/disable`).expect(200);
      expect(disabled.body.disabledAt).not.toBeNull();
      expect(disabled.body.activeSessions).toBe(0);
      await as(token).get('/api/portals').expect(401);
      const refused = await login(email, password).expect(401);
      expect(refused.body.message).toMatch(/Account disabled/);
      // A wrong password gets the ordinary answer: being disabled is told only to the account's owner.
      expect((await login(email, 'sai-mat-khau-roi').expect(401)).body.message).toMatch(/incorrect/);

      await as(admin).post(`/api/admin/users/${userId}/enable`).expect(200);
      const again = (await login(email, password).expect(200)).body.token;
      await as(again).get('/api/portals').expect(200);

      const [disable] = await auditActions('user.disable');
      expect(disable).toMatchObject({ targetId: userId, before: { disabled: false }, after: { disabled: true } });
      expect((await auditActions('user.enable'))[0]).toMatchObject({ targetId: userId, after: { disabled: false } });
      expect((await auditActions('auth.login_refused'))[0]).toMatchObject({ targetId: userId });
    });

    it('resets a password and revokes sessions', async () => {
      const token = (await login(email, password).expect(200)).body.token;
      await as(admin).post(`/api/admin/users/${userId}/password`, { password: 'ngan' }).expect(400);
      const next = 'mat-khau-moi-dat-lai-2026';
      await as(admin).post(`/api/admin/users/${userId}/password`, { password: next }).expect(200);
      passwordsUsed.push(next);
      await as(token).get('/api/portals').expect(401);
      await login(email, password).expect(401);
      password = next;
      const fresh = (await login(email, password).expect(200)).body.token;
      const revoked = await as(admin).post(`/api/admin/users/${userId}/sessions/revoke`).expect(200);
      expect(revoked.body.revoked).toBeGreaterThanOrEqual(1);
      await as(fresh).get('/api/portals').expect(401);
      expect((await auditActions('user.password_reset'))[0]).toMatchObject({
        targetId: userId,
        after: { passwordChanged: true },
      });
      expect((await auditActions('user.sessions_revoke'))[0]).toMatchObject({ targetId: userId });
    });

    it("answers 404 for another organisation's user and for ids that are not ids", async () => {
      await as(otherAdmin).patch(`/api/admin/users/${userId}`, { role: 'admin' }).expect(404);
      await as(otherAdmin).post(`/api/admin/users/${userId}/disable`).expect(404);
      await as(otherAdmin)
        .post(`/api/admin/users/${userId}/password`, { password: 'x'.repeat(20) })
        .expect(404);
      await as(otherAdmin).post(`/api/admin/users/${userId}/sessions/revoke`).expect(404);
      await as(admin).patch(`/api/admin/users/not-a-uuid`, { displayName: 'x' }).expect(404);
      await login(email, password).expect(200);
    });

    it('never writes a password or its hash into the audit trail', async () => {
      const all = JSON.stringify((await as(admin).get('/api/audit?limit=500').expect(200)).body);
      for (const p of passwordsUsed) expect(all).not.toContain(p);
      expect(all).not.toMatch(/argon2|passwordHash|password_hash/);
    });
  });

  describe('agencies and portals', () => {
    it('creates, edits and deletes an agency; refuses deleting one a campaign uses (409)', async () => {
      await as(admin)
        .post('/api/admin/agencies', { code: 'bad code', name: 'X', email: 'x@y.vn', group: 'so-ban-nganh' })
        .expect(400);
      const created = await as(admin)
        .post('/api/admin/agencies', {
          code: 'so-tnmt',
          name: 'Sở Tài nguyên và Môi trường',
          email: 'STNMT@soctrang.demo',
          group: 'so-ban-nganh',
        })
        .expect(201);
      expect(created.body).toMatchObject({ code: 'so-tnmt', email: 'stnmt@soctrang.demo', group: 'so-ban-nganh' });
      await as(admin)
        .post('/api/admin/agencies', { code: 'so-tnmt', name: 'Trùng', email: 'a@b.vn', group: 'so-ban-nganh' })
        .expect(409);
      const edited = await as(admin)
        .patch(`/api/admin/agencies/${created.body.id}`, { name: 'Sở Nông nghiệp và Môi trường' })
        .expect(200);
      expect(edited.body.name).toBe('Sở Nông nghiệp và Môi trường');
      await as(otherAdmin).patch(`/api/admin/agencies/${created.body.id}`, { name: 'Chiếm' }).expect(404);
      await as(otherAdmin).delete(`/api/admin/agencies/${created.body.id}`).expect(404);

      // Used by a campaign → kept.
      const directiveId = (
        await as(editor)
          .post('/api/directives', {
            text: 'UBND TỈNH SÓC TRĂNG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 77/STTTT\nV/v thử xóa danh bạ\nKính gửi: Sở Tài nguyên và Môi trường',
          })
          .expect(201)
      ).body.id;
      await as(editor)
        .post('/api/campaigns', {
          directiveId,
          title: 'Giữ cơ quan',
          channels: { email: { agencyCodes: ['so-tnmt'] } },
        })
        .expect(201);
      const refused = await as(admin).delete(`/api/admin/agencies/${created.body.id}`).expect(409);
      expect(refused.body.message).toMatch(/Giữ cơ quan/);

      const spare = await as(admin)
        .post('/api/admin/agencies', { code: 'bao-moi', name: 'Báo mới', email: 'bao@moi.vn', group: 'bao-chi' })
        .expect(201);
      await as(admin).delete(`/api/admin/agencies/${spare.body.id}`).expect(204);
      await as(admin).delete(`/api/admin/agencies/${spare.body.id}`).expect(404);
      const actions = (await auditActions('agency')).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['agency.create', 'agency.update', 'agency.delete']));
    });

    it('creates a portal with a generated embed key; rotation retires the old embed URL at once', async () => {
      await as(admin)
        .post('/api/admin/portals', { code: 'cong-xa', name: 'Cổng xã', url: 'javascript:alert(1)' })
        .expect(422);
      const created = await as(admin)
        .post('/api/admin/portals', {
          code: 'cong-huyen-mytu',
          name: 'Cổng huyện Mỹ Tú',
          url: 'https://mytu.soctrang.gov.vn',
        })
        .expect(201);
      const oldKey: string = created.body.embedKey;
      expect(oldKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(created.body.embedUrl).toContain(`/embed/${oldKey}`);
      await request(http).get(`/embed/${oldKey}`).expect(200);

      const rotated = await as(admin).post(`/api/admin/portals/${created.body.id}/embed-key/rotate`).expect(200);
      const newKey: string = rotated.body.embedKey;
      expect(newKey).not.toBe(oldKey);
      // Banners are served from memory; every API process drops what it holds within about a second of a change.
      const rotatedAt = Date.now();
      await waitUntil(
        'the old embed URL to be retired',
        async () => (await request(http).get(`/embed/${oldKey}`)).status === 404,
        3000,
        50,
      );
      expect(Date.now() - rotatedAt).toBeLessThan(2500);
      await request(http).get(`/embed/${newKey}`).expect(200);
      await as(otherAdmin).post(`/api/admin/portals/${created.body.id}/embed-key/rotate`).expect(404);

      await as(admin).patch(`/api/admin/portals/${created.body.id}`, { url: 'ftp://mytu.vn' }).expect(422);
      await as(admin).patch(`/api/admin/portals/${created.body.id}`, { name: 'Cổng TTĐT huyện Mỹ Tú' }).expect(200);
      const [rotation] = await auditActions('portal.rotate_embed_key');
      expect(rotation.targetId).toBe(created.body.id);
      expect(JSON.stringify(rotation)).not.toContain(newKey);
      await as(admin).delete(`/api/admin/portals/${created.body.id}`).expect(204);
      await waitUntil(
        'the deleted portal to go',
        async () => (await request(http).get(`/embed/${newKey}`)).status === 404,
        3000,
        50,
      );
    });

    it('lists the national carriers read-only', async () => {
      const carriers = await as(admin).get('/api/admin/carriers').expect(200);
      expect(carriers.body.map((c: { code: string }) => c.code)).toContain('viettel');
      expect(JSON.stringify(carriers.body)).not.toMatch(/connection|password/i);
      await as(editor).get('/api/admin/carriers').expect(403);
    });
  });

  describe('stations', () => {
    it('keeps the relay tree valid: same organisation, higher level, no cycles', async () => {
      const district = await as(admin)
        .post('/api/admin/stations', {
          code: 'dtt-ke-sach',
          name: 'Đài Truyền thanh huyện Kế Sách',
          level: 'district',
          adminUnitCode: '945',
          region: 'south',
          broadcastSlots: [
            { start: '17:00', minutes: 30 },
            { start: '06:00', minutes: 30 },
          ],
        })
        .expect(201);
      expect(district.body.broadcastSlots.map((s: { start: string }) => s.start)).toEqual(['06:00', '17:00']);
      expect(district.body.timeZone).toBe('Asia/Ho_Chi_Minh');
      const commune = await as(admin)
        .post('/api/admin/stations', {
          code: 'dtt-xa-ke-sach-an-my',
          name: 'Đài Truyền thanh xã An Mỹ',
          level: 'commune',
          parentCode: 'dtt-ke-sach',
        })
        .expect(201);
      expect(commune.body.parentCode).toBe('dtt-ke-sach');

      const wrongLevel = await as(admin)
        .post('/api/admin/stations', { code: 'dtt-sai', name: 'Sai', level: 'district', parentCode: 'dtt-ke-sach' })
        .expect(422);
      expect(wrongLevel.body.message).toMatch(/can only relay a higher level/);
      // Demoting the district would leave its commune relaying a commune.
      const demote = await as(admin).patch(`/api/admin/stations/${district.body.id}`, { level: 'commune' }).expect(422);
      expect(demote.body.message).toMatch(/dtt-xa-ke-sach-an-my/);
      await as(admin).patch(`/api/admin/stations/${district.body.id}`, { parentCode: 'dtt-ke-sach' }).expect(422);
      await as(admin)
        .post('/api/admin/stations', { code: 'dtt-x', name: 'X', level: 'commune', parentCode: 'khong-co' })
        .expect(422);
      await as(admin).post('/api/admin/stations', { code: 'dtt-mytu', name: 'Trùng', level: 'district' }).expect(409);
      await as(admin)
        .post('/api/admin/stations', { code: 'dtt-y', name: 'Y', level: 'district', timeZone: 'Mars/Olympus' })
        .expect(422);

      // Another organisation cannot see, edit or hang stations under ours.
      await as(otherAdmin).patch(`/api/admin/stations/${district.body.id}`, { name: 'Chiếm' }).expect(404);
      await as(otherAdmin).delete(`/api/admin/stations/${commune.body.id}`).expect(404);
      await as(otherAdmin)
        .post('/api/admin/stations', {
          code: 'dtt-ct-xa',
          name: 'Xã Cần Thơ',
          level: 'commune',
          parentCode: 'dtt-ke-sach',
        })
        .expect(422);
      expect((await as(otherAdmin).get('/api/admin/stations').expect(200)).body).toEqual([]);

      // A relayed station cannot go first; then both can.
      const refused = await as(admin).delete(`/api/admin/stations/${district.body.id}`).expect(409);
      expect(refused.body.message).toMatch(/dtt-xa-ke-sach-an-my/);
      await as(admin)
        .patch(`/api/admin/stations/${commune.body.id}`, { parentCode: null, region: 'south' })
        .expect(200);
      await as(admin).delete(`/api/admin/stations/${district.body.id}`).expect(204);
      const actions = (await auditActions('station')).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['station.create', 'station.update', 'station.delete']));
    });

    it('refuses deleting a station a campaign uses', async () => {
      const directiveId = (
        await as(editor)
          .post('/api/directives', {
            text: 'UBND TỈNH SÓC TRĂNG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 78/STTTT\nV/v thử xóa đài\nKính gửi: Đài Truyền thanh huyện Mỹ Tú',
          })
          .expect(201)
      ).body.id;
      await as(editor)
        .post('/api/campaigns', {
          directiveId,
          title: 'Giữ đài xã',
          channels: { radio: { stationCodes: ['dtt-xa-mytu-myhuong'], script: 'Thông báo thử nghiệm.' } },
        })
        .expect(201);
      const station = (await as(admin).get('/api/admin/stations').expect(200)).body.find(
        (s: { code: string }) => s.code === 'dtt-xa-mytu-myhuong',
      );
      const refused = await as(admin).delete(`/api/admin/stations/${station.id}`).expect(409);
      expect(refused.body.message).toMatch(/Giữ đài xã/);
    });

    it('imports a CSV file (parents later in the file), all-or-nothing, naming the bad line', async () => {
      const header = 'code,name,level,parent_code,unit_code,region,slots,time_zone';
      const good = [
        header,
        'dtt-xa-cu-lao-dung-an-thanh-1,Đài Truyền thanh xã An Thạnh 1,commune,dtt-cu-lao-dung,,south,05:30;17:00,',
        'dtt-cu-lao-dung,Đài Truyền thanh huyện Cù Lao Dung,district,,946,south,"05:30/30;17:00/30",Asia/Ho_Chi_Minh',
        'dtt-xa-mytu-myhuong,Đài Truyền thanh xã Mỹ Hương,commune,dtt-mytu,,south,06:00/15;17:00/15,',
      ].join('\r\n');
      const imported = await request(http)
        .post('/api/admin/stations/import')
        .set('authorization', `Bearer ${admin}`)
        .set('content-type', 'text/csv; charset=utf-8')
        .send(good)
        .expect(200);
      // The file has no contact_email column: the existing station keeps its contact and counts as unchanged.
      expect(imported.body).toMatchObject({ created: 2, updated: 0, unchanged: 1 });
      const stations = (await as(admin).get('/api/admin/stations').expect(200)).body as Array<{
        code: string;
        parentCode: string | null;
        broadcastSlots: unknown;
        contactEmail: string | null;
      }>;
      expect(stations.find((s) => s.code === 'dtt-xa-mytu-myhuong')?.contactEmail).toBe(
        'dtt-xa-mytu-myhuong@truyenthanh.soctrang.demo',
      );
      expect(stations.find((s) => s.code === 'dtt-xa-cu-lao-dung-an-thanh-1')).toMatchObject({
        parentCode: 'dtt-cu-lao-dung',
        broadcastSlots: [
          { start: '05:30', minutes: 30 },
          { start: '17:00', minutes: 30 },
        ],
      });

      // One bad row (line 3: a commune cannot be relayed by a district-level child) → nothing changes.
      const before = JSON.stringify(stations);
      const bad = [
        header,
        'dtt-xa-moi-1,Đài xã mới 1,commune,dtt-mytu,,south,06:00,',
        'dtt-huyen-sai,Đài huyện sai,district,dtt-xa-moi-1,,south,06:00,',
        'dtt-cu-lao-dung,Đài Truyền thanh huyện Cù Lao Dung (đổi tên),district,,946,south,05:30;17:00,',
      ].join('\n');
      const refused = await request(http)
        .post('/api/admin/stations/import')
        .set('authorization', `Bearer ${admin}`)
        .attach('file', Buffer.from(bad, 'utf8'), { filename: 'dai.csv', contentType: 'text/csv' })
        .expect(422);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ line: 3, message: expect.stringMatching(/can only relay a higher level/) }),
      ]);
      expect(refused.body.message).toMatch(/chưa nhập gì/);
      expect(JSON.stringify((await as(admin).get('/api/admin/stations').expect(200)).body)).toBe(before);

      // Field errors are all reported, each with its line.
      const fields = await request(http)
        .post('/api/admin/stations/import')
        .set('authorization', `Bearer ${admin}`)
        .set('content-type', 'text/csv')
        .send(`${header}\nok-a,A,district,,,,,\nbad,B,village,,,,25:00,\n`)
        .expect(422);
      expect(fields.body.errors.map((e: { line: number; field: string }) => [e.line, e.field])).toEqual([
        [3, 'level'],
        [3, 'broadcastSlots'],
      ]);
      await request(http)
        .post('/api/admin/stations/import')
        .set('authorization', `Bearer ${admin}`)
        .send({ csv: header })
        .expect(415);
      await request(http)
        .post('/api/admin/stations/import')
        .set('authorization', `Bearer ${editor}`)
        .set('content-type', 'text/csv')
        .send(good)
        .expect(403);

      const [summary] = await auditActions('station.import');
      expect(summary.after).toMatchObject({ rows: 3, created: 2, updated: 0 });
      const creates = (await auditActions('station.create')).filter((e) => e.after?.source === 'import');
      expect(creates.map((e) => e.after?.code).sort()).toEqual(['dtt-cu-lao-dung', 'dtt-xa-cu-lao-dung-an-thanh-1']);
    });
  });
});
