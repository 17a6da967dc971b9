import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FanoutService } from '@loa/campaigns';
import { RadioAudioService, RadioRevisionsService } from '@loa/radio';
import { InProcessApi, startInProcessApi } from '../support/in-process-api';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const DISTRICT = 'dtt-mytu';

/**
 * Revisions against real PostgreSQL and Redis, driving the services directly: amendments made at the same time get
 * distinct numbers, and audio rendered for a revision that was amended meanwhile never lands.
 */
describe('radio revisions (in-process API, real PostgreSQL and Redis)', () => {
  let api: InProcessApi;
  let audioDir: string;
  let campaignId: string;
  let stationId: string;
  let approverToken: string;
  let approverActor: { type: 'user'; id: string; organizationId: string; role: string };

  beforeAll(async () => {
    audioDir = mkdtempSync(join(tmpdir(), 'loa-int-audio-'));
    api = await startInProcessApi({ RADIO_AUDIO_DIR: audioDir, RATE_LIMIT_API_PER_MINUTE: '100000' });
    const http = api.app.getHttpServer();
    const login = async (role: string) => {
      const u = api.seed.users.find((x) => x.role === role)!;
      return (await request(http).post('/api/auth/login').send({ email: u.email, password: u.password }).expect(200))
        .body.token as string;
    };
    const editorToken = await login('editor');
    approverToken = await login('approver');
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const directive = await request(http)
      .post('/api/directives')
      .set(as(editorToken))
      .send({ text: LETTER })
      .expect(201);
    const created = await request(http)
      .post('/api/campaigns')
      .set(as(editorToken))
      .send({
        directiveId: directive.body.id,
        title: 'Ủng hộ Quỹ vì người nghèo',
        channels: { radio: { stationCodes: [DISTRICT], script: 'Kính mời bà con ủng hộ.' } },
      })
      .expect(201);
    campaignId = created.body.id;
    await request(http).post(`/api/campaigns/${campaignId}/submit`).set(as(editorToken)).expect(200);
    await request(http).post(`/api/campaigns/${campaignId}/approve`).set(as(approverToken)).expect(200);
    await request(http).post(`/api/campaigns/${campaignId}/launch`).set(as(editorToken)).expect(200);
    await api.app.get(FanoutService).run(campaignId, 0);
    const [station]: Array<{ id: string }> = await api.ds.query(`SELECT id FROM stations WHERE code = $1`, [DISTRICT]);
    stationId = station.id;
    const approver = api.seed.users.find((x) => x.role === 'approver')!;
    const [row]: Array<{ id: string; organization_id: string }> = await api.ds.query(
      `SELECT id, organization_id FROM users WHERE email = $1`,
      [approver.email],
    );
    approverActor = { type: 'user', id: row.id, organizationId: row.organization_id, role: 'approver' };
  });

  afterAll(async () => {
    await api?.close();
    rmSync(audioDir, { recursive: true, force: true });
  });

  const audioRow = async () =>
    (
      (await api.ds.query(
        `SELECT status, source, script_revision, file_name FROM radio_audio WHERE campaign_id = $1 AND station_id = $2`,
        [campaignId, stationId],
      )) as Array<{ status: string; source: string; script_revision: number; file_name: string | null }>
    )[0];

  it('creates the audio row of revision 1 once, however often the scan runs', async () => {
    const audio = api.app.get(RadioAudioService);
    expect(await audio.scanAndEnqueue()).toBe(1);
    expect(await audio.scanAndEnqueue()).toBe(0);
    expect(await audioRow()).toMatchObject({ status: 'pending', source: 'tts', script_revision: 1 });
  });

  it('numbers simultaneous amendments one after another, without losing or doubling any', async () => {
    const revisions = api.app.get(RadioRevisionsService);
    const results = await Promise.all(
      [2, 3, 4, 5, 6].map((repeat) =>
        revisions.amend(approverActor, campaignId, { repeat }, `Đổi số lượt thành ${repeat}`, null),
      ),
    );
    expect(results.map((r) => r.revision).sort()).toEqual([2, 3, 4, 5, 6]);
    const stored: Array<{ revision: number; repeat: number }> = await api.ds.query(
      `SELECT revision, (content->>'repeat')::int AS repeat FROM radio_script_revisions WHERE campaign_id = $1
        ORDER BY revision`,
      [campaignId],
    );
    expect(stored.map((r) => r.revision)).toEqual([2, 3, 4, 5, 6]);
    // The plan holds what the last revision says.
    const [plan]: Array<{ repeat: number }> = await api.ds.query(
      `SELECT (content->>'repeat')::int AS repeat FROM channel_plans WHERE campaign_id = $1 AND channel = 'radio'`,
      [campaignId],
    );
    expect(plan.repeat).toBe(stored[stored.length - 1].repeat);
    // Schedule-only changes keep the audio as it is.
    expect(await audioRow()).toMatchObject({ status: 'pending', script_revision: 1 });
    const audits: Array<{ n: string }> = await api.ds.query(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'campaign.radio.amend' AND target_id = $1`,
      [campaignId],
    );
    expect(Number(audits[0].n)).toBe(5);
  });

  it('renders only the current revision: a job for a revision amended meanwhile does nothing', async () => {
    const revisions = api.app.get(RadioRevisionsService);
    const audio = api.app.get(RadioAudioService);
    const amended = await revisions.amend(approverActor, campaignId, { script: 'Nội dung đã sửa.' }, 'Sửa lời', null);
    expect(amended).toMatchObject({ created: true, audioReset: 1 });
    expect(await audioRow()).toMatchObject({ status: 'pending', script_revision: amended.revision });
    expect(await audio.render({ campaignId, stationId, revision: 1 }, true)).toBe('skipped');
    expect(await audioRow()).toMatchObject({ status: 'pending' });
    expect(await audio.render({ campaignId, stationId, revision: amended.revision }, true)).toBe('ready');
    const row = await audioRow();
    expect(row).toMatchObject({ status: 'ready', source: 'tts', script_revision: amended.revision });
    expect(row.file_name).toContain(`-r${amended.revision}.`);
  });

  it('deletes audio files no row names once they are old enough, and keeps the one that airs', async () => {
    const audio = api.app.get(RadioAudioService);
    const airing = (await audioRow()).file_name!;
    const earlier = join(campaignId, 'dtt-mytu.mp3');
    const replaced = join('uploads', campaignId, 'replaced.wav');
    const fresh = join('uploads', campaignId, 'just-written.wav');
    for (const f of [earlier, replaced, fresh]) {
      mkdirSync(join(audioDir, f, '..'), { recursive: true });
      writeFileSync(join(audioDir, f), 'x');
    }
    const old = new Date(Date.now() - 2 * 3600_000);
    for (const f of [airing, earlier, replaced]) utimesSync(join(audioDir, f), old, old);
    expect(await audio.sweepSuperseded({ force: true })).toBe(2);
    expect(existsSync(join(audioDir, airing))).toBe(true);
    expect(existsSync(join(audioDir, fresh))).toBe(true);
    expect(existsSync(join(audioDir, earlier))).toBe(false);
    expect(existsSync(join(audioDir, replaced))).toBe(false);
    expect(await audio.sweepSuperseded({ force: true })).toBe(0);
  });

  it('answers an amendment over HTTP with the revision, and lists the history newest first', async () => {
    const http = api.app.getHttpServer();
    const res = await request(http)
      .patch(`/api/campaigns/${campaignId}/radio`)
      .set('authorization', `Bearer ${approverToken}`)
      .send({ reason: 'Thêm khung giờ', slots: ['06:00', '11:00', '17:00'] })
      .expect(200);
    expect(res.body).toMatchObject({ created: true, changed: ['slots'], audioReset: 0 });
    const history = await request(http)
      .get(`/api/campaigns/${campaignId}/radio/revisions`)
      .set('authorization', `Bearer ${approverToken}`)
      .expect(200);
    expect(history.body.revisions[0]).toMatchObject({ revision: res.body.revision, reason: 'Thêm khung giờ' });
    expect(history.body.revisions.map((r: { revision: number }) => r.revision)).toEqual(
      Array.from({ length: res.body.revision - 1 }, (_, i) => res.body.revision - i),
    );
  });
});
