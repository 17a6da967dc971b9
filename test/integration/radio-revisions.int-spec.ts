import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { FanoutService } from '@loa/campaigns';
import { RadioAmendmentsService, RadioAudioService, RadioConflictError, RadioPlanPatch } from '@loa/radio';
import { InProcessApi, loginAs, startInProcessApi } from '../support/in-process-api';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const DISTRICT = 'dtt-mytu';

/**
 * Revisions against real PostgreSQL and Redis, driving the services directly: proposals made at the same time leave
 * one under review, approvals at the same time apply it once, revisions are numbered one after another, and audio
 * rendered for a revision that was amended meanwhile never lands.
 */
type TestActor = { type: 'user'; id: string; organizationId: string; role: string };

describe('radio revisions (in-process API, real PostgreSQL and Redis)', () => {
  let api: InProcessApi;
  let audioDir: string;
  let stationId: string;
  let approverToken: string;
  let editorToken: string;
  const actors: Record<string, TestActor> = {};

  beforeAll(async () => {
    audioDir = mkdtempSync(join(tmpdir(), 'loa-int-audio-'));
    api = await startInProcessApi({ RADIO_AUDIO_DIR: audioDir, RATE_LIMIT_API_PER_MINUTE: '100000' });
    const login = (role: string) => loginAs(api, role);
    editorToken = await login('editor');
    approverToken = await login('approver');
    const [station]: Array<{ id: string }> = await api.ds.query(`SELECT id FROM stations WHERE code = $1`, [DISTRICT]);
    stationId = station.id;
    for (const role of ['editor', 'approver', 'admin']) {
      const user = api.seed.users.find((x) => x.role === role)!;
      const [row]: Array<{ id: string; organization_id: string }> = await api.ds.query(
        `SELECT id, organization_id FROM users WHERE email = $1`,
        [user.email],
      );
      actors[role] = { type: 'user', id: row.id, organizationId: row.organization_id, role };
    }
  });

  /**
   * A campaign of its own for each test, launched and fanned out: no test reads what another left behind, nor which
   * of an earlier test's racing proposals won.
   */
  async function onAirCampaign(): Promise<string> {
    const http = api.app.getHttpServer();
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
    const id = created.body.id as string;
    await request(http).post(`/api/campaigns/${id}/submit`).set(as(editorToken)).expect(200);
    await request(http).post(`/api/campaigns/${id}/approve`).set(as(approverToken)).expect(200);
    await request(http).post(`/api/campaigns/${id}/launch`).set(as(editorToken)).expect(200);
    await api.app.get(FanoutService).run(id, 0);
    return id;
  }

  /** Proposed by the editor, approved by the approver: the four-eyes path every amendment takes. */
  async function amend(campaignId: string, patch: RadioPlanPatch, reason: string) {
    const amendments = api.app.get(RadioAmendmentsService);
    const proposed = await amendments.propose(actors.editor, campaignId, patch, reason, null);
    return amendments.approve(actors.approver, campaignId, proposed.amendment!.number, null);
  }

  afterAll(async () => {
    await api?.close();
    rmSync(audioDir, { recursive: true, force: true });
  });

  const audioRow = async (campaignId: string) =>
    (
      (await api.ds.query(
        `SELECT status, source, script_revision, file_name FROM radio_audio WHERE campaign_id = $1 AND station_id = $2`,
        [campaignId, stationId],
      )) as Array<{ status: string; source: string; script_revision: number; file_name: string | null }>
    )[0];

  it('creates the audio row of revision 1 once, however often the scan runs', async () => {
    const audio = api.app.get(RadioAudioService);
    await audio.scanAndEnqueue(); // rows for campaigns other tests left without one
    const campaignId = await onAirCampaign();
    expect(await audio.scanAndEnqueue()).toBe(1);
    expect(await audio.scanAndEnqueue()).toBe(0);
    expect(await audioRow(campaignId)).toMatchObject({ status: 'pending', source: 'tts', script_revision: 1 });
  });

  it('keeps one proposal under review: of five made at once, one is taken and four are told to wait', async () => {
    const campaignId = await onAirCampaign();
    const amendments = api.app.get(RadioAmendmentsService);
    const results = await Promise.allSettled(
      [2, 3, 4, 5, 6].map((repeat) =>
        amendments.propose(actors.editor, campaignId, { repeat }, `Đổi số lượt thành ${repeat}`, null),
      ),
    );
    const taken = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(taken).toHaveLength(1);
    expect(refused).toHaveLength(4);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(RadioConflictError);
      expect(String(r.reason.message)).toMatch(/amendment 1 is awaiting approval/);
    }
    // Two approvers approving it at the same moment apply it once.
    const approvals = await Promise.allSettled([
      amendments.approve(actors.approver, campaignId, 1, null),
      amendments.approve(actors.admin, campaignId, 1, null),
    ]);
    expect(approvals.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const late = approvals.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(late.reason).toBeInstanceOf(RadioConflictError);
    expect(String(late.reason.message)).toMatch(/amendment 1 is applied/);
  });

  it('numbers approved amendments one after another, each audited once with who proposed it', async () => {
    const campaignId = await onAirCampaign();
    await api.app.get(RadioAudioService).scanAndEnqueue();
    for (const repeat of [2, 3, 4, 5, 6]) await amend(campaignId, { repeat }, `Đổi số lượt thành ${repeat}`);
    const stored: Array<{ revision: number; repeat: number; created_by: string; approved_by: string }> =
      await api.ds.query(
        `SELECT revision, (content->>'repeat')::int AS repeat, created_by, approved_by FROM radio_script_revisions
          WHERE campaign_id = $1 ORDER BY revision`,
        [campaignId],
      );
    expect(stored.map((r) => r.revision)).toEqual([2, 3, 4, 5, 6]);
    expect(stored.map((r) => r.repeat)).toEqual([2, 3, 4, 5, 6]);
    expect(stored.every((r) => r.created_by === actors.editor.id && r.approved_by === actors.approver.id)).toBe(true);
    // The plan holds what the last revision says.
    const [plan]: Array<{ repeat: number }> = await api.ds.query(
      `SELECT (content->>'repeat')::int AS repeat FROM channel_plans WHERE campaign_id = $1 AND channel = 'radio'`,
      [campaignId],
    );
    expect(plan.repeat).toBe(6);
    // Schedule-only changes keep the audio as it is.
    expect(await audioRow(campaignId)).toMatchObject({ status: 'pending', script_revision: 1 });
    const audits: Array<{ n: string }> = await api.ds.query(
      `SELECT count(*) AS n FROM audit_events WHERE action = 'campaign.radio.amend' AND target_id = $1`,
      [campaignId],
    );
    expect(Number(audits[0].n)).toBe(5);
  });

  it('renders only the current revision: a job for a revision amended meanwhile does nothing', async () => {
    const audio = api.app.get(RadioAudioService);
    const campaignId = await onAirCampaign();
    await audio.scanAndEnqueue();
    const amended = await amend(campaignId, { script: 'Nội dung đã sửa.' }, 'Sửa lời');
    expect(amended).toMatchObject({ created: true, audioReset: 1 });
    expect(await audioRow(campaignId)).toMatchObject({ status: 'pending', script_revision: amended.revision });
    expect(await audio.render({ campaignId, stationId, revision: 1 }, true)).toBe('skipped');
    expect(await audioRow(campaignId)).toMatchObject({ status: 'pending' });
    expect(await audio.render({ campaignId, stationId, revision: amended.revision }, true)).toBe('ready');
    const row = await audioRow(campaignId);
    expect(row).toMatchObject({ status: 'ready', source: 'tts', script_revision: amended.revision });
    expect(row.file_name).toContain(`-r${amended.revision}.`);
  });

  it('deletes audio files no row names once they are old enough, and keeps the one that airs', async () => {
    const audio = api.app.get(RadioAudioService);
    const campaignId = await onAirCampaign();
    await audio.scanAndEnqueue();
    expect(await audio.render({ campaignId, stationId }, true)).toBe('ready');
    const airing = (await audioRow(campaignId)).file_name!;
    const earlier = join(campaignId, 'dtt-mytu-r0.mp3'); // a file of a revision no row names any more
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

  it('takes a proposal over HTTP (202), lets only a second person approve it, and lists the history', async () => {
    const http = api.app.getHttpServer();
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    const campaignId = await onAirCampaign();
    const base = `/api/campaigns/${campaignId}/radio`;
    const proposed = await request(http)
      .patch(base)
      .set(as(approverToken))
      .send({ reason: 'Thêm khung giờ', slots: ['06:00', '11:00', '17:00'] })
      .expect(202);
    expect(proposed.body).toMatchObject({ changed: ['slots'], amendment: { status: 'pending', changed: ['slots'] } });
    const number = proposed.body.amendment.number as number;
    // The approver who proposed it cannot sign it off; the editor cannot approve at all.
    const own = await request(http).post(`${base}/amendments/${number}/approve`).set(as(approverToken)).expect(403);
    expect(own.body.message).toMatch(/cannot approve their own amendment/);
    await request(http).post(`${base}/amendments/${number}/approve`).set(as(editorToken)).expect(403);
    // The editor cannot decline someone else's proposal either; the proposer withdraws it.
    await request(http).post(`${base}/amendments/${number}/decline`).set(as(editorToken)).send({}).expect(403);
    const withdrawn = await request(http)
      .post(`${base}/amendments/${number}/decline`)
      .set(as(approverToken))
      .send({ note: 'Nhầm khung giờ' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', decisionNote: 'Nhầm khung giờ', revision: null });
    await request(http).post(`${base}/amendments/${number}/approve`).set(as(approverToken)).expect(409);
    await request(http).post(`${base}/amendments/abc/approve`).set(as(approverToken)).expect(400);
    await request(http).post(`${base}/amendments/999/approve`).set(as(approverToken)).expect(404);

    const again = await request(http)
      .patch(base)
      .set(as(editorToken))
      .send({ reason: 'Thêm khung giờ', slots: ['06:00', '11:00', '17:00'] })
      .expect(202);
    const res = await request(http)
      .post(`${base}/amendments/${again.body.amendment.number}/approve`)
      .set(as(approverToken))
      .expect(200);
    expect(res.body).toMatchObject({
      created: true,
      changed: ['slots'],
      audioReset: 0,
      amendment: { status: 'applied' },
    });
    expect(res.body.amendment.revision).toBe(res.body.revision);
    // The same request again changes nothing: no proposal.
    const same = await request(http)
      .patch(base)
      .set(as(editorToken))
      .send({ reason: 'Thêm khung giờ', slots: ['06:00', '11:00', '17:00'] })
      .expect(200);
    expect(same.body).toMatchObject({ amendment: null, changed: [] });

    const list = await request(http).get(`${base}/amendments`).set(as(editorToken)).expect(200);
    expect(list.body.amendments.slice(0, 2).map((a: { status: string }) => a.status)).toEqual(['applied', 'withdrawn']);
    const history = await request(http).get(`${base}/revisions`).set(as(approverToken)).expect(200);
    expect(history.body.revisions[0]).toMatchObject({
      revision: res.body.revision,
      reason: 'Thêm khung giờ',
      createdBy: actors.editor.id,
      approvedBy: actors.approver.id,
    });
    expect(history.body.revisions.map((r: { revision: number }) => r.revision)).toEqual(
      Array.from({ length: res.body.revision - 1 }, (_, i) => res.body.revision - i),
    );
  });
});
