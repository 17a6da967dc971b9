import { loadAdminUnits } from '@loa/admin-units';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppConfig } from '@loa/config';
import type { RadioAudioRepository } from './audio/radio-audio.repository';
import { FakeRadioAudioRepository } from './audio/radio-audio.repository.fake';
import type { RadioBroadcastsRepository } from './radio-broadcasts.repository';
import { FakeRadioBroadcastsRepository } from './radio-broadcasts.repository.fake';
import type { RadioConfig } from './radio-config';
import { FakeRadioCampaignsRepository } from './revisions/radio-campaigns.repository.fake';
import type { StationFeedRepository } from './station-feed.repository';
import { FakeStationFeedRepository } from './station-feed.repository.fake';
import {
  InvalidBroadcastError,
  StationFeedService,
  UnknownScriptError,
  WithdrawnScriptError,
} from './station-feed.service';

const BASE = 'https://loa.example';
const AUDIO_DIR = '/srv/loa/audio';

describe('StationFeedService (fake repositories)', () => {
  let feeds: FakeStationFeedRepository;
  let audioRows: FakeRadioAudioRepository;
  let broadcasts: FakeRadioBroadcastsRepository;
  let service: StationFeedService;

  beforeEach(() => {
    feeds = new FakeStationFeedRepository();
    audioRows = new FakeRadioAudioRepository(new FakeRadioCampaignsRepository());
    broadcasts = new FakeRadioBroadcastsRepository(feeds);
    service = new StationFeedService(
      feeds as unknown as StationFeedRepository,
      audioRows as unknown as RadioAudioRepository,
      broadcasts as unknown as RadioBroadcastsRepository,
      { http: { publicBaseUrl: BASE } } as AppConfig,
      { audioDir: AUDIO_DIR, withdrawnRetentionDays: 7 } as RadioConfig,
      loadAdminUnits().map,
    );
  });

  describe('feed', () => {
    it('gives a station its own script with its ready audio at a versioned address, and marks it pulled', async () => {
      const hue = feeds.seedStation();
      const s = feeds.seedScript('rg-hue');
      audioRows.seed({ campaignId: s.campaignId, stationId: hue.id, sha1: 'abcdef0123456789'.padEnd(40, '0') });

      const feed = await service.feed(hue);

      expect(feed.sender).toBe('hue@loa.example');
      expect(feed.scripts).toHaveLength(1);
      expect(feed.scripts[0]).toMatchObject({
        scriptId: s.campaignId,
        relayed: false,
        originStation: 'rg-hue',
        status: 'active',
        revision: 1,
        audioStatus: 'ready',
        audio: { url: `${BASE}/stations/rg-hue/audio/${s.campaignId}.mp3?v=abcdef012345`, mimeType: 'audio/mpeg' },
      });
      expect(feeds.delivery(s.campaignId, 'rg-hue')?.status).toBe('pulled');
    });

    it("lets a commune relay its parent's programme: the parent's name and audio, the commune's address", async () => {
      const hue = feeds.seedStation();
      const commune = feeds.seedStation({
        code: 'xa-thuy-an',
        name: 'Đài xã Thủy An',
        level: 'commune',
        parentId: hue.id,
      });
      const s = feeds.seedScript('xa-thuy-an', { content: { stationCodes: ['rg-hue'], script: 'Kính thưa bà con' } });
      audioRows.seed({ campaignId: s.campaignId, stationId: hue.id, bytes: 4242 });

      const [script] = (await service.feed(commune)).scripts;

      expect(script).toMatchObject({
        relayed: true,
        relayedFrom: 'rg-hue',
        relayedFromName: 'Đài truyền thanh Huế',
        originStation: 'rg-hue',
        audio: { bytes: 4242 },
      });
      expect(script.audio?.url).toMatch(new RegExp(`^${BASE}/stations/xa-thuy-an/audio/${s.campaignId}\\.mp3\\?v=`));
    });

    it('shows a cancelled script as withdrawn, without audio, and does not mark it pulled', async () => {
      const hue = feeds.seedStation();
      const finishedAt = new Date('2025-03-04T00:00:00.000Z');
      const s = feeds.seedScript('rg-hue', { status: 'cancelled', finishedAt });
      audioRows.seed({ campaignId: s.campaignId, stationId: hue.id });

      const [script] = (await service.feed(hue)).scripts;

      expect(script).toMatchObject({
        status: 'withdrawn',
        withdrawnAt: finishedAt.toISOString(),
        audio: null,
        audioStatus: 'unavailable',
      });
      expect(feeds.delivery(s.campaignId, 'rg-hue')?.status).toBe('queued');
    });

    it('numbers an amended script by its latest revision', async () => {
      const hue = feeds.seedStation();
      feeds.seedScript('rg-hue', { revisions: [{ revision: 2, at: '2025-03-05T02:00:00.000Z' }] });

      const [script] = (await service.feed(hue)).scripts;

      expect(script).toMatchObject({ revision: 2, revisedAt: '2025-03-05T02:00:00.000Z' });
      expect(script.revisions.map((r) => r.revision)).toEqual([1, 2]);
    });
  });

  describe('audioFile', () => {
    it("serves the origin station's ready file from the audio directory, and nothing outside it", async () => {
      const hue = feeds.seedStation();
      const s = feeds.seedScript('rg-hue');
      audioRows.seed({ campaignId: s.campaignId, stationId: hue.id, fileName: `${s.campaignId}/rg-hue.mp3` });

      await expect(service.audioFile(hue, s.campaignId)).resolves.toMatchObject({
        path: join(AUDIO_DIR, s.campaignId, 'rg-hue.mp3'),
        extension: 'mp3',
      });
      audioRows.row(s.campaignId, hue.id)!.fileName = '../../etc/passwd';
      await expect(service.audioFile(hue, s.campaignId)).resolves.toBeNull();
      await expect(service.audioFile(hue, 'not-a-uuid')).resolves.toBeNull();
    });
  });

  describe('recordBroadcast', () => {
    const airedAt = new Date(Date.now() - 3600_000);

    it('records an airing once per date and slot, confirms the delivery row, keeps the note in NFC', async () => {
      const hue = feeds.seedStation();
      const s = feeds.seedScript('rg-hue');
      const note = 'Đã phát'.normalize('NFD');
      const report = { scriptId: s.campaignId, slot: '06:00', airedAt, date: '2025-03-03', durationSeconds: 60, note };

      const first = await service.recordBroadcast(hue, report);
      const again = await service.recordBroadcast(hue, report);

      expect(first).toEqual({ scriptId: s.campaignId, slot: '06:00', date: '2025-03-03', created: true });
      expect(again.created).toBe(false);
      expect(broadcasts.confirmations).toEqual([
        expect.objectContaining({ stationId: hue.id, airDate: '2025-03-03', note: note.normalize('NFC') }),
      ]);
      expect(feeds.delivery(s.campaignId, 'rg-hue')?.status).toBe('confirmed');
    });

    it('refuses a malformed slot, date or time and an airing in the future, recording nothing', async () => {
      const hue = feeds.seedStation();
      const s = feeds.seedScript('rg-hue');
      const base = { scriptId: s.campaignId, slot: '06:00', airedAt, durationSeconds: null, note: null };

      await expect(service.recordBroadcast(hue, { ...base, slot: '6h' })).rejects.toThrow(InvalidBroadcastError);
      await expect(service.recordBroadcast(hue, { ...base, date: '03/03/2025' })).rejects.toThrow(
        'date must be YYYY-MM-DD',
      );
      await expect(service.recordBroadcast(hue, { ...base, airedAt: new Date('nope') })).rejects.toThrow(
        'airedAt must be a date-time',
      );
      await expect(service.recordBroadcast(hue, { ...base, airedAt: new Date(Date.now() + 3600_000) })).rejects.toThrow(
        'airedAt is in the future',
      );
      expect(broadcasts.confirmations).toEqual([]);
    });

    it("refuses a script that is not in the station's feed", async () => {
      const hue = feeds.seedStation();
      feeds.seedStation({ code: 'rg-kg' });
      const elsewhere = feeds.seedScript('rg-kg');
      const base = { slot: '06:00', airedAt, durationSeconds: null, note: null };

      await expect(service.recordBroadcast(hue, { ...base, scriptId: elsewhere.campaignId })).rejects.toThrow(
        UnknownScriptError,
      );
      await expect(service.recordBroadcast(hue, { ...base, scriptId: randomUUID() })).rejects.toThrow(
        UnknownScriptError,
      );
      await expect(service.recordBroadcast(hue, { ...base, scriptId: 'x' })).rejects.toThrow(UnknownScriptError);
    });

    it('refuses an airing after the campaign was cancelled, and accepts one before it', async () => {
      const hue = feeds.seedStation();
      const finishedAt = new Date(Date.now() - 2 * 3600_000);
      const s = feeds.seedScript('rg-hue', { status: 'cancelled', finishedAt });
      const base = { scriptId: s.campaignId, slot: '06:00', date: '2025-03-03', durationSeconds: null, note: null };

      await expect(service.recordBroadcast(hue, { ...base, airedAt })).rejects.toThrow(WithdrawnScriptError);
      await expect(
        service.recordBroadcast(hue, { ...base, airedAt: new Date(finishedAt.getTime() - 60_000) }),
      ).resolves.toMatchObject({ created: true });
    });
  });
});
