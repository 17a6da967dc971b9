import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoaClient, LoaHttpError } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { loginAs, submitApproveLaunch } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';
import { CAP_XSD, xmllint } from '../support/xmllint';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const DISTRICT = 'dtt-mytu';
const COMMUNE = 'dtt-xa-mytu-myhuong';

jest.setTimeout(180_000);

interface FeedScriptJson {
  scriptId: string;
  text: string;
  repeat: number;
  status: string;
  revision: number;
  revisedAt: string | null;
  revisions: Array<{ revision: number; sentAt: string }>;
  audio: { url: string; mimeType: string; bytes: number; durationSeconds: number; sha1: string; source: string } | null;
  audioStatus: string;
}
interface FeedJson {
  scripts: FeedScriptJson[];
}
interface Amended {
  revision: number;
  created: boolean;
  changed: string[];
  audioReset: number;
  recordingsWithdrawn: number;
}
interface Proposed {
  amendment: { number: number; status: string; changed: string[] } | null;
  changed: string[];
  revision: number;
}
interface RecordingJson {
  stations: string[];
  mimeType: string;
  durationSeconds: number;
  sha1: string;
  revision: number;
  campaignStatus: string;
}

function run(bin: string, args: string[]): void {
  execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The first CAP alert inlined in an Atom feed (fails the test when there is none). */
function firstAlert(atom: string): string {
  const alert = /<alert [\s\S]*?<\/alert>/.exec(atom)?.[0];
  if (!alert) throw new Error(`no CAP alert in the feed: ${atom.slice(0, 300)}`);
  return alert;
}

async function failure(p: Promise<unknown>): Promise<LoaHttpError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof LoaHttpError)) throw new Error(`expected an HTTP error, got ${String(e)}`);
  return e;
}

/** Four eyes: the editor proposes the amendment, the approver (a second person) approves it. */
async function amend(editor: LoaClient, approver: LoaClient, campaignId: string, body: object): Promise<Amended> {
  const proposed = await editor.request<Proposed>('PATCH', `/api/campaigns/${campaignId}/radio`, body);
  if (!proposed.amendment) throw new Error(`the amendment changes nothing: ${JSON.stringify(body)}`);
  return approver.request<Amended>(
    'POST',
    `/api/campaigns/${campaignId}/radio/amendments/${proposed.amendment.number}/approve`,
  );
}

describe('radio amendments and recorded audio (api + worker processes, espeak-ng, lame, sox)', () => {
  let stack: Stack;
  let work: string;
  let editor: LoaClient;
  let approver: LoaClient;
  let campaignId: string;
  const recordings: Record<string, Buffer> = {};
  const key = (code: string) => stack.seed.stationKeys.find((s) => s.code === code)!.key;
  const get = (code: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/stations/${code}/${path}`, { headers: { 'x-station-key': key(code), ...headers } });
  const feed = async (code: string) => ((await (await get(code, 'feed.json')).json()) as FeedJson).scripts[0];
  const settled = (code: string, want: (s: FeedScriptJson) => boolean, what: string) =>
    waitUntil(
      what,
      async () => {
        const s = await feed(code);
        return s && want(s) ? s : null;
      },
      60_000,
      300,
    );
  const download = async (code: string, url: string) => {
    const res = await fetch(url, { headers: { 'x-station-key': key(code) } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  const sha1 = (b: Buffer) => createHash('sha1').update(b).digest('hex');

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'loa-e2e-rec-'));
    // Real recordings: a tone of a known length as WAV (sox) and as MP3 (lame), and a 12 s one.
    run('sox', ['-n', '-r', '22050', '-c', '1', join(work, 'tone8.wav'), 'synth', '8', 'sine', '440']);
    run('lame', ['--quiet', '-b', '64', join(work, 'tone8.wav'), join(work, 'tone8.mp3')]);
    run('sox', ['-n', '-r', '16000', '-c', '1', join(work, 'tone12.wav'), 'synth', '12', 'sine', '330']);
    for (const f of ['tone8.wav', 'tone8.mp3', 'tone12.wav']) recordings[f] = readFileSync(join(work, f));

    stack = await startStack({
      RADIO_AUDIO_DIR: join(work, 'audio'),
      RADIO_AUDIO_SCAN_MS: '300',
      RADIO_UPLOAD_MAX_BYTES: String(2 * 1024 * 1024),
    });
    editor = await loginAs(stack.baseUrl, stack.seed, 'editor');
    approver = await loginAs(stack.baseUrl, stack.seed, 'approver');
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    const created = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Chung tay ủng hộ Quỹ vì người nghèo',
      endsAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
      channels: {
        radio: { stationCodes: [DISTRICT], script: 'Kính mời bà con ủng hộ trước ngày 12/10/2021.', repeat: 2 },
      },
    });
    campaignId = created.id;
    await submitApproveLaunch(editor, approver, campaignId);
  });

  afterAll(async () => {
    await stack?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('publishes revision 1 with synthesised audio', async () => {
    const s = await settled(COMMUNE, (x) => x.audioStatus === 'ready', 'synthesised audio of revision 1');
    expect(s).toMatchObject({ revision: 1, revisedAt: null, status: 'active' });
    expect(s.audio).toMatchObject({ source: 'tts', mimeType: 'audio/mpeg' });
    expect(sha1(await download(COMMUNE, s.audio!.url))).toBe(s.audio!.sha1);
  });

  it('takes a proposal from anyone, needs a second person to approve it, names bad fields, ignores no change', async () => {
    const path = `/api/campaigns/${campaignId}/radio`;
    const proposed = await editor.request<Proposed>('PATCH', path, { reason: 'Sửa lỗi', script: 'x' });
    expect(proposed).toMatchObject({ revision: 1, amendment: { number: 1, status: 'pending', changed: ['script'] } });
    const second = await failure(approver.request('PATCH', path, { reason: 'Đổi lượt', repeat: 3 }));
    expect(second.status).toBe(409); // one proposal under review at a time
    const approve = `${path}/amendments/1/approve`;
    expect((await failure(editor.request('POST', approve))).status).toBe(403);
    const withdrawn = await editor.request<{ status: string }>('POST', `${path}/amendments/1/decline`, {});
    expect(withdrawn.status).toBe('withdrawn');
    expect((await failure(approver.request('POST', approve))).status).toBe(409);
    expect((await feed(COMMUNE)).revision).toBe(1); // nothing reached the stations
    const noReason = await failure(approver.request('PATCH', path, { script: 'Nội dung mới' }));
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain('reason');
    const stations = await failure(approver.request('PATCH', path, { reason: 'Thêm đài', stationCodes: [COMMUNE] }));
    expect(stations.status).toBe(422);
    expect(JSON.stringify(stations.body)).toContain('stationCodes');
    const dates = await failure(
      approver.request('PATCH', path, { reason: 'Sai ngày', startDate: '2026-12-10', endDate: '2026-12-01' }),
    );
    expect(dates.status).toBe(400);
    expect(JSON.stringify(dates.body)).toContain('endDate');
    const same = await approver.request<Proposed>('PATCH', path, { reason: 'Giữ nguyên', repeat: 2 });
    expect(same).toMatchObject({ revision: 1, amendment: null, changed: [] });
  });

  it('amends the script: stations see an Update (CAP), a new RSS item, and new audio of the new words', async () => {
    const before = await get(COMMUNE, 'feed.cap');
    const etag = before.headers.get('etag')!;
    const old = await feed(COMMUNE);
    const amended = await amend(editor, approver, campaignId, {
      reason: 'Gia hạn thời gian ủng hộ',
      script: 'Kính mời bà con ủng hộ trước ngày 30/11/2021.',
    });
    expect(amended).toMatchObject({ revision: 2, created: true, changed: ['script'], audioReset: 1 });

    // The old audio leaves the feed with the old words (no stale audio is served for the new text).
    const pending = await feed(COMMUNE);
    expect(pending.text).toContain('ba mươi tháng mười một');
    expect(pending.revision).toBe(2);
    if (pending.audioStatus === 'pending') expect(pending.audio).toBeNull();

    const changed = await get(COMMUNE, 'feed.cap', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    const alert = firstAlert(await changed.text());
    expect(xmllint(['--noout', '--schema', CAP_XSD], alert)).toBe('');
    expect(alert).toContain('<msgType>Update</msgType>');
    expect(alert).toContain(`<identifier>loa-radio-${campaignId}-${COMMUNE}-r2</identifier>`);
    expect(alert).toMatch(new RegExp(`<references>[^<]*,loa-radio-${campaignId}-${COMMUNE},[^<]*</references>`));
    const rss = await (await get(COMMUNE, 'feed.rss')).text();
    expect(rss).toContain(`<guid isPermaLink="false">loa-radio-${campaignId}-${COMMUNE}-r2</guid>`);

    const s = await settled(COMMUNE, (x) => x.audioStatus === 'ready', 'audio of revision 2');
    expect(s.audio!.source).toBe('tts');
    expect(s.audio!.sha1).not.toBe(old.audio!.sha1);
    expect(s.audio!.url).not.toBe(old.audio!.url);
    expect(sha1(await download(COMMUNE, s.audio!.url))).toBe(s.audio!.sha1);

    const history = await editor.request<{ revisions: Array<{ revision: number; reason: string }> }>(
      'GET',
      `/api/campaigns/${campaignId}/radio/revisions`,
    );
    expect(history.revisions).toEqual([expect.objectContaining({ revision: 2, reason: 'Gia hạn thời gian ủng hộ' })]);
  });

  it('refuses recordings that are not audio, too long for the slot, too large, or missing — naming the problem', async () => {
    const path = `/api/campaigns/${campaignId}/radio/recording`;
    const text = await failure(
      approver.upload(path, { bytes: Buffer.from('Không phải âm thanh'), name: 'thong-bao.mp3' }),
    );
    expect(text.status).toBe(422);
    expect(JSON.stringify(text.body)).toMatch(/file: .*MP3, WAV/);
    const missing = await failure(approver.upload(path, { bytes: Buffer.from('x'), name: 'a.mp3' }, 'other'));
    expect([400, 422]).toContain(missing.status);
    const big = await failure(approver.upload(path, { bytes: Buffer.alloc(3 * 1024 * 1024, 1), name: 'big.wav' }));
    expect(big.status).toBe(413);
    // 12 s read twice does not fit a 20 s airtime.
    await amend(editor, approver, campaignId, { reason: 'Khung ngắn', maxSeconds: 20 });
    const long = await failure(approver.upload(path, { bytes: recordings['tone12.wav'], name: 'dai.wav' }));
    expect(long.status).toBe(422);
    expect(JSON.stringify(long.body)).toContain('24 giây cho 2 lượt');
    expect(JSON.stringify(long.body)).toContain(DISTRICT);
    // On air, an editor cannot replace what airs.
    const asEditor = await failure(editor.upload(path, { bytes: recordings['tone8.mp3'], name: 'ban-ghi.mp3' }));
    expect(asEditor.status).toBe(403);
  });

  it('airs an approver’s recording instead of synthesised speech, byte for byte, as a new revision', async () => {
    const revisionBefore = (await feed(COMMUNE)).revision;
    const r = await approver.upload<RecordingJson>(`/api/campaigns/${campaignId}/radio/recording`, {
      bytes: recordings['tone8.mp3'],
      name: 'Thông báo ủng hộ.mp3',
      type: 'audio/mpeg',
    });
    expect(r).toMatchObject({ stations: [DISTRICT], mimeType: 'audio/mpeg', revision: revisionBefore + 1 });
    expect(r.durationSeconds).toBeGreaterThan(7.9);
    expect(r.durationSeconds).toBeLessThan(8.2);
    const s = await feed(COMMUNE);
    expect(s.revision).toBe(revisionBefore + 1);
    expect(s.audio).toMatchObject({ source: 'upload', mimeType: 'audio/mpeg', sha1: sha1(recordings['tone8.mp3']) });
    const bytes = await download(COMMUNE, s.audio!.url);
    expect(bytes.equals(recordings['tone8.mp3'])).toBe(true);
    // soxi, a Debian tool, reads the served file's duration as the API measured it.
    writeFileSync(join(work, 'served.mp3'), bytes);
    const soxi = Number(execFileSync('soxi', ['-D', join(work, 'served.mp3')], { encoding: 'utf8' }).trim());
    expect(Math.abs(soxi - r.durationSeconds)).toBeLessThan(0.1);
    const cap = await (await get(DISTRICT, 'feed.cap')).text();
    expect(cap).toContain('<resourceDesc>Bản ghi âm</resourceDesc>');
    const audio = await editor.request<{ stations: Array<{ station: string; source: string; originalName: string }> }>(
      'GET',
      `/api/campaigns/${campaignId}/radio/audio`,
    );
    expect(audio.stations).toEqual([
      expect.objectContaining({ station: DISTRICT, source: 'upload', originalName: 'Thông báo ủng hộ.mp3' }),
    ]);
    const report = await editor.request<{
      channels: {
        radioBroadcasts: {
          revision: number;
          audio: { ready: number; recorded: number };
          stations: Array<{ code: string; audioSource: string | null }>;
        };
      };
    }>('GET', `/api/campaigns/${campaignId}`);
    expect(report.channels.radioBroadcasts.revision).toBe(r.revision);
    expect(report.channels.radioBroadcasts.audio).toMatchObject({ ready: 1, recorded: 1 });
    expect(report.channels.radioBroadcasts.stations.find((x) => x.code === DISTRICT)!.audioSource).toBe('upload');
    // Nothing in the worker overwrites it.
    await new Promise((res) => setTimeout(res, 1500));
    expect((await feed(COMMUNE)).audio!.source).toBe('upload');
  });

  it('withdraws the recording when the words change again, and speech takes over', async () => {
    const amended = await amend(editor, approver, campaignId, {
      reason: 'Đổi nội dung',
      script: 'Kính mời bà con tham gia ủng hộ đến hết tháng.',
    });
    expect(amended).toMatchObject({ created: true, audioReset: 1, recordingsWithdrawn: 1 });
    const s = await settled(COMMUNE, (x) => x.audioStatus === 'ready', 'speech after the recording was withdrawn');
    expect(s.audio!.source).toBe('tts');
    expect(s.revision).toBe(amended.revision);
  });

  it('takes a recording back on air (approver only): speech airs again, and a second removal changes nothing', async () => {
    const path = `/api/campaigns/${campaignId}/radio/recording`;
    await approver.upload<RecordingJson>(path, { bytes: recordings['tone8.wav'], name: 'lai.wav' });
    expect((await feed(COMMUNE)).audio!.source).toBe('upload');
    expect((await failure(editor.request('DELETE', path))).status).toBe(403);
    const removed = await approver.request<{ stations: string[]; revision: number }>('DELETE', path);
    expect(removed.stations).toEqual([DISTRICT]);
    const s = await settled(
      COMMUNE,
      (x) => x.audioStatus === 'ready' && x.revision === removed.revision,
      'speech after the recording was taken back',
    );
    expect(s.audio!.source).toBe('tts');
    const again = await approver.request<{ stations: string[]; revision: number }>('DELETE', path);
    expect(again).toMatchObject({ stations: [], revision: removed.revision });
  });

  it('cancels with a CAP Cancel that references every version, and refuses amendments after that', async () => {
    const { revision } = await feed(COMMUNE);
    // A proposal still under review when the campaign ends is closed with it.
    await editor.request('PATCH', `/api/campaigns/${campaignId}/radio`, { reason: 'Đổi lượt', repeat: 4 });
    await editor.request('POST', `/api/campaigns/${campaignId}/cancel`);
    const { amendments } = await editor.request<{ amendments: Array<{ status: string; decisionNote: string }> }>(
      'GET',
      `/api/campaigns/${campaignId}/radio/amendments`,
    );
    expect(amendments[0]).toMatchObject({ status: 'superseded', decisionNote: expect.stringContaining('cancelled') });
    const alert = firstAlert(await (await get(COMMUNE, 'feed.cap')).text());
    expect(xmllint(['--noout', '--schema', CAP_XSD], alert)).toBe('');
    expect(alert).toContain('<msgType>Cancel</msgType>');
    expect(alert).toContain(`<identifier>loa-radio-${campaignId}-${COMMUNE}-r${revision}-cancel</identifier>`);
    const refs = /<references>([^<]*)<\/references>/.exec(alert)![1].split(' ');
    expect(refs).toHaveLength(revision);
    const late = await failure(
      approver.request('PATCH', `/api/campaigns/${campaignId}/radio`, { reason: 'Muộn', repeat: 3 }),
    );
    expect(late.status).toBe(409);
  });

  it('before launch, an editor’s recording sends an approved campaign back for approval', async () => {
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    const c = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Lịch tiêm chủng',
      channels: { radio: { stationCodes: [DISTRICT], script: 'Mời bà con đi tiêm.' } },
    });
    const early = await failure(
      approver.request('PATCH', `/api/campaigns/${c.id}/radio`, { reason: 'Sửa', repeat: 2 }),
    );
    expect(early.status).toBe(409);
    expect(JSON.stringify(early.body)).toContain('PATCH /api/campaigns/:id');
    await editor.request('POST', `/api/campaigns/${c.id}/submit`);
    await approver.request('POST', `/api/campaigns/${c.id}/approve`);
    const r = await editor.upload<RecordingJson>(`/api/campaigns/${c.id}/radio/recording?station=${DISTRICT}`, {
      bytes: recordings['tone8.wav'],
      name: 'tiem-chung.wav',
    });
    expect(r).toMatchObject({ mimeType: 'audio/wav', revision: 1, campaignStatus: 'pending_approval' });
    // Taken back and uploaded again before approval: an edit like any other, no revision.
    const removed = await editor.request<{ stations: string[]; revision: number }>(
      'DELETE',
      `/api/campaigns/${c.id}/radio/recording`,
    );
    expect(removed).toMatchObject({ stations: [DISTRICT], revision: 1 });
    await editor.upload<RecordingJson>(`/api/campaigns/${c.id}/radio/recording`, {
      bytes: recordings['tone8.wav'],
      name: 'tiem-chung.wav',
    });
    const wrong = await failure(
      editor.upload(`/api/campaigns/${c.id}/radio/recording?station=${COMMUNE}`, {
        bytes: recordings['tone8.wav'],
        name: 'x.wav',
      }),
    );
    expect(wrong.status).toBe(422);
    expect(JSON.stringify(wrong.body)).toContain('station');
    await approver.request('POST', `/api/campaigns/${c.id}/approve`);
    await editor.request('POST', `/api/campaigns/${c.id}/launch`);
    // The fan-out (worker) puts the script in the feed; the recording is there from the start, no speech made.
    const mine = await waitUntil(
      'the launched script in the district feed',
      async () =>
        ((await (await get(DISTRICT, 'feed.json')).json()) as FeedJson).scripts.find((x) => x.scriptId === c.id),
      30_000,
      300,
    );
    expect(mine.audio).toMatchObject({ source: 'upload', mimeType: 'audio/wav', sha1: sha1(recordings['tone8.wav']) });
  });
});
