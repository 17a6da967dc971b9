import type { Actor, AuditService } from '@loa/audit';
import type { RadioAudioRepository } from '../audio/radio-audio.repository';
import { FakeRadioAudioRepository } from '../audio/radio-audio.repository.fake';
import type { RadioAudioService } from '../audio/radio-audio.service';
import type { RadioConfig } from '../radio-config';
import { RadioConflictError, RadioForbiddenError, RadioInputError, RadioNotFoundError } from '../radio-errors';
import type { RadioAmendmentsRepository } from './radio-amendments.repository';
import { FakeRadioAmendmentsRepository } from './radio-amendments.repository.fake';
import { RadioAmendmentsService } from './radio-amendments.service';
import type { RadioCampaignsRepository } from './radio-campaigns.repository';
import { FakeRadioCampaignsRepository } from './radio-campaigns.repository.fake';
import { RadioRevisionsService } from './radio-revisions.service';
import { FakeAuditService } from '@loa/audit/testing';

type Operator = Actor & { type: 'user' };

const proposer: Operator = { type: 'user', id: 'proposer-1', organizationId: 'org-1', role: 'editor' };
const approver: Operator = { type: 'user', id: 'approver-1', organizationId: 'org-1', role: 'approver' };
const otherEditor: Operator = { type: 'user', id: 'editor-2', organizationId: 'org-1', role: 'editor' };
const outsider: Operator = { type: 'user', id: 'approver-9', organizationId: 'org-2', role: 'approver' };

describe('RadioAmendmentsService (fake repositories)', () => {
  let campaigns: FakeRadioCampaignsRepository;
  let amendments: FakeRadioAmendmentsRepository;
  let audioRows: FakeRadioAudioRepository;
  let audit: FakeAuditService;
  let audio: { handOver: jest.Mock };
  let service: RadioAmendmentsService;

  beforeEach(() => {
    campaigns = new FakeRadioCampaignsRepository();
    amendments = new FakeRadioAmendmentsRepository(campaigns);
    audioRows = new FakeRadioAudioRepository(campaigns);
    audit = new FakeAuditService();
    audio = { handOver: jest.fn().mockResolvedValue(undefined) };
    const config = { ttsEnabled: true } as RadioConfig;
    const revisions = new RadioRevisionsService(
      campaigns as unknown as RadioCampaignsRepository,
      audioRows as unknown as RadioAudioRepository,
      config,
      audio as unknown as RadioAudioService,
      audit as unknown as AuditService,
    );
    service = new RadioAmendmentsService(
      campaigns as unknown as RadioCampaignsRepository,
      amendments as unknown as RadioAmendmentsRepository,
      revisions,
      audit as unknown as AuditService,
    );
  });

  describe('propose', () => {
    it('stores a pending proposal against the current revision, with an NFC reason, audited in the transaction', async () => {
      const c = campaigns.seed();
      const reason = 'Đổi giờ phát'.normalize('NFD');

      const proposed = await service.propose(proposer, c.id, { slots: ['07:00'] }, reason, 'req-1');

      expect(proposed).toMatchObject({ changed: ['slots'], revision: 1 });
      expect(proposed.amendment).toMatchObject({
        number: 1,
        status: 'pending',
        changed: ['slots'],
        reason: reason.normalize('NFC'),
        baseRevision: 1,
        proposedBy: 'proposer-1',
      });
      expect(campaigns.locks).toEqual([c.id]);
      expect(audit.events).toHaveLength(1);
      expect(audit.events[0].input).toMatchObject({
        action: 'campaign.radio.amendment.propose',
        targetId: c.id,
        before: null,
        after: { amendment: 1, status: 'pending', changed: ['slots'] },
      });
      expect(audit.events[0].manager).toBe(campaigns.transactions[0]);
      // Nothing airs differently until a second person approves.
      expect(c.content).toEqual({ stationCodes: ['rg-hue'], script: 'Kính thưa bà con', repeat: 1 });
    });

    it('proposes nothing when the request changes nothing', async () => {
      const c = campaigns.seed();

      const proposed = await service.propose(proposer, c.id, { repeat: 1 }, 'x', null);

      expect(proposed).toEqual({ amendment: null, changed: [], revision: 1 });
      expect(amendments.rows.size).toBe(0);
      expect(audit.events).toHaveLength(0);
    });

    it('refuses a campaign that is not on air, pointing to the edit before launch', async () => {
      const c = campaigns.seed({ status: 'approved' });

      await expect(service.propose(proposer, c.id, { repeat: 2 }, 'x', null)).rejects.toThrow(RadioConflictError);
      await expect(service.propose(proposer, c.id, { repeat: 2 }, 'x', null)).rejects.toThrow(
        /Cannot amend the radio plan of a campaign that is approved: .*PATCH \/api\/campaigns\/:id/,
      );
      expect(amendments.rows.size).toBe(0);
    });

    it('refuses to change the stations, naming the field', async () => {
      const c = campaigns.seed();

      await expect(service.propose(proposer, c.id, { stationCodes: ['other'] }, 'x', null)).rejects.toThrow(
        RadioInputError,
      );
    });

    it('keeps one proposal under review at a time', async () => {
      const c = campaigns.seed();
      await service.propose(proposer, c.id, { repeat: 2 }, 'x', null);

      await expect(service.propose(otherEditor, c.id, { repeat: 3 }, 'y', null)).rejects.toThrow(
        /amendment 1 is awaiting approval/,
      );
      expect(amendments.rows.get(c.id)).toHaveLength(1);
    });

    it("does not find another organisation's campaign, nor one without a radio plan", async () => {
      const c = campaigns.seed();
      const withoutRadio = campaigns.seed({ content: null });

      await expect(service.propose(outsider, c.id, { repeat: 2 }, 'x', null)).rejects.toThrow(RadioNotFoundError);
      await expect(service.propose(proposer, withoutRadio.id, { repeat: 2 }, 'x', null)).rejects.toThrow(
        /has no radio plan/,
      );
    });
  });

  describe('approve', () => {
    it('refuses the proposer approving their own proposal (four eyes)', async () => {
      const c = campaigns.seed();
      amendments.seed(c.id, { patch: { repeat: 2 }, proposedBy: approver.id });

      await expect(service.approve(approver, c.id, 1, null)).rejects.toThrow(RadioForbiddenError);
      expect(amendments.rows.get(c.id)?.[0].status).toBe('pending');
      expect(campaigns.revisions.size).toBe(0);
    });

    it('applies it as the next revision, with who proposed and who approved, and renders speech again', async () => {
      const c = campaigns.seed();
      audioRows.seed({ campaignId: c.id, stationId: 'station-1' });
      amendments.seed(c.id, { patch: { script: 'Thông báo mới'.normalize('NFD') }, reason: 'sửa lời' });

      const result = await service.approve(approver, c.id, 1, 'req-2');

      expect(result).toMatchObject({ revision: 2, created: true, changed: ['script'], audioReset: 1 });
      expect(result.amendment).toMatchObject({ status: 'applied', revision: 2, decidedBy: 'approver-1' });
      expect(campaigns.revisions.get(c.id)).toEqual([
        expect.objectContaining({
          revision: 2,
          changed: ['script'],
          previousContent: { stationCodes: ['rg-hue'], script: 'Kính thưa bà con', repeat: 1 },
          content: { stationCodes: ['rg-hue'], script: 'Thông báo mới'.normalize('NFC'), repeat: 1 },
          createdBy: 'proposer-1',
          approvedBy: 'approver-1',
        }),
      ]);
      expect(c.content?.script).toBe('Thông báo mới'.normalize('NFC'));
      expect(audioRows.row(c.id, 'station-1')).toMatchObject({ status: 'pending', revision: 2, fileName: null });
      expect(audio.handOver).toHaveBeenCalledWith([{ campaignId: c.id, stationId: 'station-1', revision: 2 }]);
      expect(audit.actions()).toEqual(['campaign.radio.amend']);
      expect(audit.events[0].input.after).toMatchObject({ revision: 2, amendment: 1, proposedBy: 'proposer-1' });
    });

    it('leaves the audio alone when the words do not change', async () => {
      const c = campaigns.seed();
      audioRows.seed({ campaignId: c.id, stationId: 'station-1' });
      amendments.seed(c.id, { patch: { slots: ['07:00'] } });

      const result = await service.approve(approver, c.id, 1, null);

      expect(result).toMatchObject({ revision: 2, audioReset: 0 });
      expect(audioRows.row(c.id, 'station-1')).toMatchObject({ status: 'ready', revision: 1 });
      expect(audio.handOver).not.toHaveBeenCalled();
    });

    it('supersedes a proposal the plan already says, without a revision', async () => {
      const c = campaigns.seed();
      amendments.seed(c.id, { patch: { repeat: 1 } });

      const result = await service.approve(approver, c.id, 1, null);

      expect(result).toMatchObject({ revision: 1, created: false, changed: [] });
      expect(result.amendment).toMatchObject({ status: 'superseded', revision: null });
      expect(result.amendment.decisionNote).toMatch(/the plan already says this/);
      expect(campaigns.revisions.size).toBe(0);
      expect(audit.actions()).toEqual(['campaign.radio.amendment.superseded']);
    });

    it('says which proposal does not exist, and which one was already decided', async () => {
      const c = campaigns.seed();
      amendments.seed(c.id, { patch: { repeat: 2 }, status: 'rejected' });

      await expect(service.approve(approver, c.id, 7, null)).rejects.toThrow(RadioNotFoundError);
      await expect(service.approve(approver, c.id, 1, null)).rejects.toThrow('amendment 1 is rejected');
    });

    it('refuses to apply to a campaign that has ended, leaving the proposal pending', async () => {
      const c = campaigns.seed({ status: 'completed' });
      amendments.seed(c.id, { patch: { repeat: 2 } });

      await expect(service.approve(approver, c.id, 1, null)).rejects.toThrow(/the campaign has ended/);
      expect(amendments.rows.get(c.id)?.[0].status).toBe('pending');
    });
  });

  describe('decline', () => {
    it('lets the proposer withdraw their own proposal', async () => {
      const c = campaigns.seed();
      amendments.seed(c.id, { patch: { repeat: 2 } });

      const declined = await service.decline(proposer, c.id, 1, null, null);

      expect(declined).toMatchObject({ status: 'withdrawn', decidedBy: 'proposer-1' });
      expect(audit.actions()).toEqual(['campaign.radio.amendment.withdrawn']);
    });

    it('lets another approver reject it with a note', async () => {
      const c = campaigns.seed();
      amendments.seed(c.id, { patch: { repeat: 2 } });
      const note = 'Không phù hợp'.normalize('NFD');

      const declined = await service.decline(approver, c.id, 1, note, null);

      expect(declined).toMatchObject({ status: 'rejected', decisionNote: note.normalize('NFC') });
      expect(audit.events[0].input).toMatchObject({
        action: 'campaign.radio.amendment.rejected',
        before: { amendment: 1, status: 'pending' },
        after: { amendment: 1, status: 'rejected' },
      });
    });

    it("refuses an editor declining someone else's proposal", async () => {
      const c = campaigns.seed();
      amendments.seed(c.id, { patch: { repeat: 2 } });

      await expect(service.decline(otherEditor, c.id, 1, null, null)).rejects.toThrow(RadioForbiddenError);
      expect(amendments.rows.get(c.id)?.[0].status).toBe('pending');
      expect(audit.events).toHaveLength(0);
    });
  });

  describe('list', () => {
    it('lists proposals newest first, with names', async () => {
      const c = campaigns.seed();
      amendments.names.set('proposer-1', 'Nguyễn Văn A');
      amendments.seed(c.id, { patch: { repeat: 2 }, status: 'rejected' });
      amendments.seed(c.id, { patch: { repeat: 3 } });

      const listed = await service.list('org-1', c.id);

      expect(listed.map((a) => [a.number, a.status, a.proposedByName])).toEqual([
        [2, 'pending', 'Nguyễn Văn A'],
        [1, 'rejected', 'Nguyễn Văn A'],
      ]);
    });

    it("does not list another organisation's campaign", async () => {
      const c = campaigns.seed();

      await expect(service.list('org-2', c.id)).rejects.toThrow(RadioNotFoundError);
    });
  });
});
