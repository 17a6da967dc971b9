import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Parser from 'rss-parser';
import { LoaClient, LoaHttpError } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import { submitApproveLaunch } from '../support/campaign-steps';
import { Stack, startStack } from '../support/stack';
import { CAP_XSD, xmllint } from '../support/xmllint';

const LETTER = readFileSync(join(__dirname, '../fixtures/directives/soc-trang-stttt-2021-09-vandongxahoi.txt'), 'utf8');
const COMMUNE = 'dtt-xa-mytu-myhuong';
const DISTRICT = 'dtt-mytu';
const OTHER_DISTRICT = 'dtt-tp-soctrang';
/** The worker runs on this machine: with espeak-ng and lame installed here, audio must be made. */
const HAS_TTS = spawnSync('espeak-ng', ['--version']).status === 0 && spawnSync('lame', ['--version']).status === 0;

jest.setTimeout(120_000);

interface FeedScriptJson {
  scriptId: string;
  text: string;
  slots: string[];
  relayed: boolean;
  relayedFrom: string | null;
  originStation: string;
  status: string;
  priority: string;
  repeat: number;
  audio: { url: string; mimeType: string; bytes: number; durationSeconds: number } | null;
  audioStatus: string;
}
interface FeedJson {
  station: { code: string; parent: string | null; adminUnitCode: string | null; region: string | null };
  scripts: FeedScriptJson[];
}
interface SlotCountsJson {
  slot: string;
  aired: number;
  missed: number;
  skipped: number;
  withdrawn: number;
  pending: number;
}
interface ReportJson {
  status: string;
  channels: {
    radio?: { stations: number; pulled: number; confirmed: number; pending: number };
    radioBroadcasts?: {
      priority: string;
      repeat: number;
      stations: Array<{ code: string; relayedFrom: string | null; slots: SlotCountsJson[]; audio: string }>;
      notAired: string[];
      audio: { ready: number; unavailable: number; note: string | null };
    };
  };
}

/** Local "HH:MM" in Asia/Ho_Chi_Minh, `minutes` from now. */
function localSlot(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + minutes * 60_000));
}

describe('station feeds: pulled with ETag, relayed, confirmed, withdrawn (api + worker processes)', () => {
  let stack: Stack;
  let editor: LoaClient;
  let campaignId: string;
  let audioDir: string;
  const key = (code: string) => stack.seed.stationKeys.find((s) => s.code === code)!.key;
  const get = (code: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`${stack.baseUrl}/stations/${code}/${path}`, { headers: { 'x-station-key': key(code), ...headers } });
  const post = (code: string, path: string, body: unknown, asKeyOf = code) =>
    fetch(`${stack.baseUrl}/stations/${code}/${path}`, {
      method: 'POST',
      headers: { 'x-station-key': key(asKeyOf), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const report = () => editor.request<ReportJson>('GET', `/api/campaigns/${campaignId}`);
  // A slot already past (nobody reports it: missed), one just past (the commune reports it), one to come.
  const missedSlot = localSlot(-4);
  const airedSlot = localSlot(-2);
  const laterSlot = localSlot(30);

  beforeAll(async () => {
    audioDir = mkdtempSync(join(tmpdir(), 'loa-e2e-audio-'));
    stack = await startStack({
      RADIO_AUDIO_DIR: audioDir,
      RADIO_AUDIO_SCAN_MS: '300',
      RADIO_MISSED_GRACE_SECONDS: '1',
      RADIO_MISSED_CHECK_MS: '200',
    });
    const api = new LoaClient(stack.baseUrl);
    const editorUser = stack.seed.users.find((u) => u.role === 'editor')!;
    const approverUser = stack.seed.users.find((u) => u.role === 'approver')!;
    editor = await api.login(editorUser.email, editorUser.password);
    const approver = await api.login(approverUser.email, approverUser.password);
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    const now = Date.now();
    const created = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Chung tay ủng hộ phòng, chống dịch Covid-19',
      startsAt: new Date(now - 10 * 60_000).toISOString(),
      endsAt: new Date(now + 2 * 3600_000).toISOString(),
      channels: {
        radio: {
          stationCodes: [DISTRICT],
          script:
            'UBND tỉnh và MTTQ kêu gọi bà con truy cập vandongxahoi.mattran.org.vn trước ngày 12/10/2021 để ủng hộ; đã có 15% hộ tham gia.',
          slots: [missedSlot, airedSlot, laterSlot],
          priority: 'priority',
          repeat: 2,
        },
      },
    });
    campaignId = created.id;
    await submitApproveLaunch(editor, approver, campaignId);
  });

  afterAll(async () => {
    await stack?.stop();
    if (audioDir) rmSync(audioDir, { recursive: true, force: true });
  });

  it('gives the commune its parent’s script, marked relayed and written for reading aloud', async () => {
    const feed = await waitUntil(
      'commune feed with audio settled',
      async () => {
        const f = (await (await get(COMMUNE, 'feed.json')).json()) as FeedJson;
        return f.scripts.length && f.scripts[0].audioStatus !== 'pending' ? f : null;
      },
      30_000,
      300,
    );
    expect(feed.station).toMatchObject({ code: COMMUNE, parent: DISTRICT, region: 'south' });
    const [s] = feed.scripts;
    expect(s).toMatchObject({
      scriptId: campaignId,
      relayed: true,
      relayedFrom: DISTRICT,
      originStation: DISTRICT,
      status: 'active',
      priority: 'priority',
      repeat: 2,
    });
    expect([...s.slots].sort()).toEqual([missedSlot, airedSlot, laterSlot].sort());
    expect(s.text.startsWith('Thông báo quan trọng!\n\nKính thưa bà con nhân dân!')).toBe(true);
    expect(s.text).toContain('Sau đây, Đài Truyền thanh huyện Mỹ Tú xin thông tin');
    expect(s.text).toContain(
      'Ủy ban nhân dân tỉnh và Mặt trận Tổ quốc kêu gọi bà con truy cập vandongxahoi chấm mattran chấm org chấm vn trước ngày mười hai tháng mười năm hai ngàn không trăm hai mươi mốt',
    );
    expect(s.text).toContain('mười lăm phần trăm hộ');
    expect(s.text).not.toMatch(/\d/);
    // The old route is the same feed.
    const old = (await (await get(COMMUNE, 'scripts')).json()) as FeedJson;
    expect(old.scripts.map((x) => x.scriptId)).toEqual([campaignId]);
  });

  it('answers a second pull with 304 when nothing changed (ETag)', async () => {
    for (const path of ['feed.json', 'feed.rss', 'feed.cap']) {
      const first = await get(COMMUNE, path);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const second = await get(COMMUNE, path, { 'if-none-match': etag! });
      expect(second.status).toBe(304);
      expect(await second.text()).toBe('');
      const stale = await get(COMMUNE, path, { 'if-none-match': '"something-else"' });
      expect(stale.status).toBe(200);
    }
  });

  it('serves audio made with espeak-ng to the stations that air it, or says it was not made', async () => {
    const feed = (await (await get(COMMUNE, 'feed.json')).json()) as FeedJson;
    const s = feed.scripts[0];
    if (!HAS_TTS) {
      expect(s.audioStatus).toBe('unavailable');
      expect(s.audio).toBeNull();
      const r = await report();
      expect(r.channels.radioBroadcasts!.audio.note).toContain('espeak-ng');
      return;
    }
    expect(s.audioStatus).toBe('ready');
    expect(s.audio!.mimeType).toBe('audio/mpeg');
    expect(s.audio!.durationSeconds).toBeGreaterThan(5);
    expect(s.audio!.url).toMatch(
      new RegExp(`^${stack.baseUrl}/stations/${COMMUNE}/audio/${campaignId}\\.mp3\\?v=[0-9a-f]{12}$`),
    );
    const res = await get(COMMUNE, `audio/${campaignId}.mp3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/mpeg');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.length).toBe(s.audio!.bytes);
    expect(bytes.subarray(0, 3).toString('latin1') === 'ID3' || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)).toBe(
      true,
    );
    // A Debian tool reads it as real audio of the duration the feed gives.
    writeFileSync(join(audioDir, 'downloaded.mp3'), bytes);
    const soxi = Number(execFileSync('soxi', ['-D', join(audioDir, 'downloaded.mp3')], { encoding: 'utf8' }).trim());
    expect(soxi).toBeGreaterThan(5);
    expect(Math.abs(soxi - s.audio!.durationSeconds) / soxi).toBeLessThan(0.05);
    expect((await get(DISTRICT, `audio/${campaignId}.mp3`)).status).toBe(200);
    expect((await get(OTHER_DISTRICT, `audio/${campaignId}.mp3`)).status).toBe(404);
    // Without the key, nothing.
    expect((await fetch(`${stack.baseUrl}/stations/${COMMUNE}/audio/${campaignId}.mp3`)).status).toBe(401);
  });

  it('publishes RSS 2.0 with the relay marked and the audio as enclosure', async () => {
    const rss = await (await get(COMMUNE, 'feed.rss')).text();
    expect(xmllint(['--noout'], rss)).toBe('');
    const q = (xpath: string) => xmllint(['--xpath', xpath], rss).trim();
    expect(q('count(/rss[@version="2.0"]/channel/item)')).toBe('1');
    expect(q('string(/rss/channel/item/category[@domain="urn:loa:radio:relayed-from"])')).toBe(DISTRICT);
    expect(q('string(/rss/channel/item/title)')).toBe('[Tiếp âm] Chung tay ủng hộ phòng, chống dịch Covid-19');
    const feed = (await (await get(COMMUNE, 'feed.json')).json()) as FeedJson;
    if (feed.scripts[0].audio) {
      expect(q('string(/rss/channel/item/enclosure/@url)')).toBe(feed.scripts[0].audio.url);
    }
    // As a podcast or feed reader sees it.
    const parsed = await new Parser().parseString(rss);
    expect(parsed.items).toHaveLength(1);
    expect(parsed.items[0].guid).toBe(`loa-radio-${campaignId}-${COMMUNE}`);
    expect(parsed.items[0].enclosure?.url).toBe(feed.scripts[0].audio?.url);
  });

  it('publishes CAP 1.2 alerts that validate against the OASIS schema', async () => {
    for (const code of [COMMUNE, DISTRICT]) {
      const atom = await (await get(code, 'feed.cap')).text();
      expect(xmllint(['--noout'], atom)).toBe('');
      const alerts: string[] = atom.match(/<alert [\s\S]*?<\/alert>/g) ?? [];
      expect(alerts).toHaveLength(1);
      expect(xmllint(['--noout', '--schema', CAP_XSD], alerts[0])).toBe('');
      expect(alerts[0]).toContain('<msgType>Alert</msgType>');
      expect(alerts[0]).toContain('<language>vi-VN</language>');
      expect(alerts[0]).toContain('<urgency>Expected</urgency><severity>Moderate</severity>');
    }
    const district = await (await get(DISTRICT, 'feed.cap')).text();
    // The former district of Mỹ Tú (944) is named by the four communes it became in 2025, with today's codes.
    expect(district).toContain('<areaDesc>Xã Mỹ Tú, Xã Long Hưng, Xã Mỹ Hương, Xã Mỹ Phước</areaDesc>');
    expect(district).toContain('<geocode><valueName>VN-DVHC</valueName><value>31591</value></geocode>');
    expect(district).not.toContain('<value>944</value>');
  });

  it('records a broadcast report once, however often it is sent', async () => {
    const body = { scriptId: campaignId, slot: airedSlot, airedAt: new Date().toISOString(), durationSeconds: 120 };
    const first = await post(COMMUNE, 'broadcasts', body);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({
      scriptId: campaignId,
      slot: airedSlot,
      recorded: true,
      duplicate: false,
    });
    const again = await post(COMMUNE, 'broadcasts', body);
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ duplicate: true });
    const rows: Array<{ n: string }> = await stack.ds.query(
      `SELECT count(*) AS n FROM broadcast_confirmations WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(Number(rows[0].n)).toBe(1);
  });

  it('refuses reports for another station’s script, an unknown script, or with another station’s key', async () => {
    const body = { scriptId: campaignId, slot: airedSlot, airedAt: new Date().toISOString() };
    // dtt-tp-soctrang is not named and relays nobody who is: the script is not in its feed.
    expect((await post(OTHER_DISTRICT, 'broadcasts', body)).status).toBe(404);
    expect(
      (await post(COMMUNE, 'broadcasts', { ...body, scriptId: '00000000-0000-4000-8000-000000000000' })).status,
    ).toBe(404);
    // The commune's key cannot speak for its district.
    expect((await post(DISTRICT, 'broadcasts', body, COMMUNE)).status).toBe(404);
    expect((await post(COMMUNE, 'broadcasts', { ...body, slot: '25:00' })).status).toBe(400);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect((await post(COMMUNE, 'broadcasts', { ...body, airedAt: future })).status).toBe(422);
  });

  it('reports per station and slot: aired, missed (after the grace period) and pending', async () => {
    const r = await waitUntil(
      'missed slot marked',
      async () => {
        const rep = await report();
        const commune = rep.channels.radioBroadcasts?.stations.find((s) => s.code === COMMUNE);
        return commune?.slots.find((s) => s.slot === missedSlot)?.missed === 1 ? rep : null;
      },
      20_000,
      300,
    );
    const rb = r.channels.radioBroadcasts!;
    expect(rb.priority).toBe('priority');
    expect(rb.repeat).toBe(2);
    const commune = rb.stations.find((s) => s.code === COMMUNE)!;
    expect(commune.relayedFrom).toBe(DISTRICT);
    expect(commune.audio).toBe('relayed');
    const bySlot = Object.fromEntries(commune.slots.map((s) => [s.slot, s]));
    expect(bySlot[airedSlot]).toMatchObject({ aired: 1, missed: 0, pending: 0 });
    expect(bySlot[missedSlot]).toMatchObject({ aired: 0, missed: 1, pending: 0 });
    expect(bySlot[laterSlot]).toMatchObject({ aired: 0, missed: 0, pending: 1 });
    expect(rb.notAired).toEqual(expect.arrayContaining([COMMUNE, DISTRICT, 'dtt-xa-mytu-thitran']));
    expect(rb.stations.find((s) => s.code === DISTRICT)!.audio).toMatch(/^(ready|unavailable)$/);
    // The per-row summary still counts the commune as confirmed.
    expect(r.channels.radio).toMatchObject({ stations: 3, confirmed: 1 });
  });

  it('withdraws the script when the campaign is cancelled: Cancel in CAP, withdrawn in JSON, not silently gone', async () => {
    const before = await get(COMMUNE, 'feed.cap');
    const etag = before.headers.get('etag')!;
    await editor.request('POST', `/api/campaigns/${campaignId}/cancel`);

    const changed = await get(COMMUNE, 'feed.cap', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    const atom = await changed.text();
    const alerts: string[] = atom.match(/<alert [\s\S]*?<\/alert>/g) ?? [];
    expect(alerts).toHaveLength(1);
    expect(xmllint(['--noout', '--schema', CAP_XSD], alerts[0])).toBe('');
    expect(alerts[0]).toContain('<msgType>Cancel</msgType>');
    expect(alerts[0]).toContain(`<identifier>loa-radio-${campaignId}-${COMMUNE}-cancel</identifier>`);
    expect(alerts[0]).toMatch(new RegExp(`<references>[^<]*,loa-radio-${campaignId}-${COMMUNE},`));

    const feed = (await (await get(COMMUNE, 'feed.json')).json()) as FeedJson;
    expect(feed.scripts).toHaveLength(1);
    expect(feed.scripts[0]).toMatchObject({ scriptId: campaignId, status: 'withdrawn', audio: null });
    const rss = await (await get(COMMUNE, 'feed.rss')).text();
    expect(rss).toContain('[Đã thu hồi]');

    // Airing after the withdrawal is refused; the slot still to come is withdrawn, not pending.
    const late = await post(COMMUNE, 'broadcasts', {
      scriptId: campaignId,
      slot: laterSlot,
      airedAt: new Date(Date.now() + 1000).toISOString(),
    });
    expect(late.status).toBe(409);
    const r = await report();
    const commune = r.channels.radioBroadcasts!.stations.find((s) => s.code === COMMUNE)!;
    expect(commune.slots.find((s) => s.slot === laterSlot)).toMatchObject({ withdrawn: 1, pending: 0 });
    expect(r.status).toBe('cancelled');
  });

  it('still sends the script when espeak-ng is missing, and the report says audio was not made', async () => {
    stack.env.RADIO_ESPEAK_BIN = '/nonexistent/espeak-ng';
    await stack.worker.stop();
    await stack.startWorker();
    const api = new LoaClient(stack.baseUrl);
    const approverUser = stack.seed.users.find((u) => u.role === 'approver')!;
    const approver = await api.login(approverUser.email, approverUser.password);
    const directive = await editor.request<{ id: string }>('POST', '/api/directives', { text: LETTER });
    const created = await editor.request<{ id: string }>('POST', '/api/campaigns', {
      directiveId: directive.id,
      title: 'Thông báo lịch tiêm vắc xin',
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      channels: { radio: { stationCodes: [OTHER_DISTRICT], script: 'Mời bà con đi tiêm lúc 7h30.' } },
    });
    await submitApproveLaunch(editor, approver, created.id);
    const feed = await waitUntil(
      'audio marked unavailable',
      async () => {
        const f = (await (await get(OTHER_DISTRICT, 'feed.json')).json()) as FeedJson;
        return f.scripts[0]?.audioStatus === 'unavailable' ? f : null;
      },
      20_000,
      300,
    );
    expect(feed.scripts[0].audio).toBeNull();
    expect(feed.scripts[0].text).toContain('bảy giờ ba mươi phút');
    // No slots in the plan: the station's own (06:00 and 17:00 for this station).
    expect(feed.scripts[0].slots).toEqual(['06:00', '17:00']);
    const r = await editor.request<ReportJson>('GET', `/api/campaigns/${created.id}`);
    expect(r.channels.radioBroadcasts!.audio).toMatchObject({ ready: 0, unavailable: 1 });
    expect(r.channels.radioBroadcasts!.audio.note).toMatch(/^Chưa tạo được âm thanh cho 1 đài; kịch bản vẫn được gửi/);
    expect(r.channels.radioBroadcasts!.audio.note).toContain('espeak-ng');
  });

  it('keeps the operator API closed to station keys', async () => {
    const err = await new LoaClient(stack.baseUrl)
      .request('GET', `/api/campaigns/${campaignId}`, undefined, { 'x-station-key': key(COMMUNE) })
      .catch((e: LoaHttpError) => e);
    expect(err).toBeInstanceOf(LoaHttpError);
    expect((err as LoaHttpError).status).toBe(401);
  });
});
