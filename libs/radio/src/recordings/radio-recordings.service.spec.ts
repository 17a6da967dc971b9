import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, AuditService } from '@loa/audit';
import type { RadioAudioRepository } from '../audio/radio-audio.repository';
import { FakeRadioAudioRepository } from '../audio/radio-audio.repository.fake';
import type { RadioAudioService } from '../audio/radio-audio.service';
import type { RadioConfig } from '../radio-config';
import { RadioConflictError, RadioForbiddenError, RadioInputError } from '../radio-errors';
import type { RadioCampaignsRepository } from '../revisions/radio-campaigns.repository';
import { FakeRadioCampaignsRepository } from '../revisions/radio-campaigns.repository.fake';
import { RadioRecordingsService } from './radio-recordings.service';
import { FakeAuditService } from '@loa/audit/testing';

type Operator = Actor & { type: 'user' };

/** A silent 8 kHz, 8-bit mono PCM WAV file of `seconds` seconds. */
function wav(seconds: number): Buffer {
  const rate = 8000;
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const chunk = (id: string, body: Buffer) => Buffer.concat([Buffer.from(id, 'latin1'), u32(body.length), body]);
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0); // PCM
  fmt.writeUInt16LE(1, 2); // mono
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate, 8); // bytes a second
  fmt.writeUInt16LE(1, 12); // block align
  fmt.writeUInt16LE(8, 14); // bits a sample
  const body = Buffer.concat([
    Buffer.from('WAVE', 'latin1'),
    chunk('fmt ', fmt),
    chunk('data', Buffer.alloc(seconds * rate, 0x80)),
  ]);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), u32(body.length), body]);
}

const editor: Operator = { type: 'user', id: 'editor-1', organizationId: 'org-1', role: 'editor' };
const approver: Operator = { type: 'user', id: 'approver-1', organizationId: 'org-1', role: 'approver' };

describe('RadioRecordingsService (fake repositories)', () => {
  let audioDir: string;
  let campaigns: FakeRadioCampaignsRepository;
  let audioRows: FakeRadioAudioRepository;
  let audit: FakeAuditService;
  let audio: { handOver: jest.Mock };
  let service: RadioRecordingsService;

  beforeEach(async () => {
    audioDir = await mkdtemp(join(tmpdir(), 'loa-recordings-spec-'));
    campaigns = new FakeRadioCampaignsRepository();
    audioRows = new FakeRadioAudioRepository(campaigns);
    audit = new FakeAuditService();
    audio = { handOver: jest.fn().mockResolvedValue(undefined) };
    const config = { audioDir, ttsEnabled: true, uploadMaxSeconds: 1800 } as RadioConfig;
    service = new RadioRecordingsService(
      campaigns as unknown as RadioCampaignsRepository,
      audioRows as unknown as RadioAudioRepository,
      config,
      audit as unknown as AuditService,
      audio as unknown as RadioAudioService,
    );
    campaigns.stationRows.push(
      { id: 'st-hue', code: 'rg-hue', organizationId: 'org-1', broadcastSlots: [{ start: '06:00', minutes: 1 }] },
      { id: 'st-kg', code: 'rg-kg', organizationId: 'org-1', broadcastSlots: [] },
    );
  });

  afterEach(async () => {
    await rm(audioDir, { recursive: true, force: true });
  });

  const upload = (actor: Operator, campaignId: string, bytes: Buffer | null, station: string | null = null) =>
    service.upload(
      actor,
      campaignId,
      bytes && { bytes, originalName: 'ghi âm.wav'.normalize('NFD') },
      station,
      'req-1',
    );

  describe('upload', () => {
    it('before launch it is an edit: an approved campaign goes back for approval, the file is kept by SHA-1', async () => {
      const c = campaigns.seed({ status: 'approved', approvedBy: 'approver-1' });
      const bytes = wav(2);
      const sha1 = createHash('sha1').update(bytes).digest('hex');

      const accepted = await upload(editor, c.id, bytes);

      expect(accepted).toEqual({
        stations: ['rg-hue'],
        mimeType: 'audio/wav',
        bytes: bytes.length,
        durationSeconds: 2,
        sha1,
        revision: 1,
        campaignStatus: 'pending_approval',
      });
      expect(campaigns.campaigns.get(c.id)).toMatchObject({ status: 'pending_approval', approvedBy: null });
      expect(audioRows.row(c.id, 'st-hue')).toMatchObject({
        status: 'ready',
        source: 'upload',
        revision: 1,
        fileName: join('uploads', c.id, `${sha1}.wav`),
        uploadedBy: 'editor-1',
        originalName: 'ghi âm.wav'.normalize('NFC'),
      });
      expect(await readdir(join(audioDir, 'uploads', c.id))).toEqual([`${sha1}.wav`]);
      expect(audit.events.map((e) => e.input)).toEqual([
        expect.objectContaining({
          action: 'campaign.radio.recording',
          before: { status: 'approved', revision: 1 },
          after: expect.objectContaining({ status: 'pending_approval', revision: 1, stations: ['rg-hue'] }),
        }),
      ]);
      expect(audit.events[0].manager).toBe(campaigns.transactions[0]);
    });

    it('on air it is a revision, made by an approver; the campaign keeps running', async () => {
      const c = campaigns.seed({ status: 'running' });

      const accepted = await upload(approver, c.id, wav(2));

      expect(accepted).toMatchObject({ revision: 2, campaignStatus: 'running' });
      expect(campaigns.revisions.get(c.id)).toEqual([
        expect.objectContaining({ revision: 2, changed: ['recording'], createdBy: 'approver-1', approvedBy: null }),
      ]);
      expect(audioRows.row(c.id, 'st-hue')).toMatchObject({ source: 'upload', revision: 2 });
    });

    it('on air an editor may not replace the recording, and nothing is written', async () => {
      const c = campaigns.seed({ status: 'running' });

      await expect(upload(editor, c.id, wav(2))).rejects.toThrow(RadioForbiddenError);
      expect(existsSync(join(audioDir, 'uploads'))).toBe(false);
      expect(audioRows.rows.size).toBe(0);
    });

    it('refuses a campaign that has ended', async () => {
      const c = campaigns.seed({ status: 'completed' });

      await expect(upload(approver, c.id, wav(2))).rejects.toThrow(
        new RadioConflictError('Cannot change the audio of a campaign that is completed'),
      );
    });

    it('refuses a station the plan does not name, and a request without a file', async () => {
      const c = campaigns.seed({ status: 'draft' });

      await expect(upload(editor, c.id, wav(2), 'rg-kg')).rejects.toMatchObject({ field: 'station' });
      await expect(upload(editor, c.id, null)).rejects.toMatchObject({ field: 'file' });
      expect(audioRows.rows.size).toBe(0);
    });

    it("refuses a recording that, read as often as the plan says, overruns a station's slot", async () => {
      const c = campaigns.seed({ status: 'draft', content: { stationCodes: ['rg-hue'], script: 's', repeat: 2 } });

      const uploading = upload(editor, c.id, wav(31));

      await expect(uploading).rejects.toThrow(RadioInputError);
      await expect(uploading).rejects.toThrow(/rg-hue/);
      expect(existsSync(join(audioDir, 'uploads'))).toBe(false);
    });
  });

  describe('remove', () => {
    it('before launch deletes the recording (the launch makes speech) and sends an approved campaign back', async () => {
      const c = campaigns.seed({ status: 'approved', approvedBy: 'approver-1' });
      audioRows.seed({ campaignId: c.id, stationId: 'st-hue', source: 'upload' });

      const removed = await service.remove(editor, c.id, null, 'req-2');

      expect(removed).toEqual({ stations: ['rg-hue'], revision: 1, campaignStatus: 'pending_approval' });
      expect(audioRows.row(c.id, 'st-hue')).toBeUndefined();
      expect(audio.handOver).not.toHaveBeenCalled();
      expect(audit.events[0].input).toMatchObject({
        action: 'campaign.radio.recording.remove',
        after: { status: 'pending_approval', revision: 1, stations: ['rg-hue'] },
      });
    });

    it('on air makes a revision and renders speech in place of the recording at once', async () => {
      const c = campaigns.seed({ status: 'running' });
      audioRows.seed({ campaignId: c.id, stationId: 'st-hue', source: 'upload' });

      const removed = await service.remove(approver, c.id, null, null);

      expect(removed).toEqual({ stations: ['rg-hue'], revision: 2, campaignStatus: 'running' });
      expect(audioRows.row(c.id, 'st-hue')).toMatchObject({ source: 'tts', status: 'pending', revision: 2 });
      expect(audio.handOver).toHaveBeenCalledWith([{ campaignId: c.id, stationId: 'st-hue', revision: 2 }]);
    });

    it('changes nothing where there is no recording', async () => {
      const c = campaigns.seed({ status: 'approved', approvedBy: 'approver-1' });
      audioRows.seed({ campaignId: c.id, stationId: 'st-hue', source: 'tts' });

      const removed = await service.remove(editor, c.id, null, null);

      expect(removed).toEqual({ stations: [], revision: 1, campaignStatus: 'approved' });
      expect(campaigns.campaigns.get(c.id)?.approvedBy).toBe('approver-1');
      expect(audioRows.row(c.id, 'st-hue')).toMatchObject({ source: 'tts', status: 'ready' });
      expect(audit.events).toHaveLength(0);
    });
  });
});
