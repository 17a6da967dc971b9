import { loadAdminUnits } from '@loa/admin-units';
import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Actor, AuditService } from '@loa/audit';
import { InvalidTransitionError } from '@loa/common';
import type { CampaignEntity } from '@loa/db';
import { type FanoutJob, fanoutJobId } from '@loa/queue';
import { loadCarrierRouter, type OptOutsService } from '@loa/sms';
import type { CampaignReferencesRepository } from './campaign-references.repository';
import { FakeCampaignReferencesRepository } from './campaign-references.repository.fake';
import type { CampaignPlansRepository, CampaignsRepository } from './campaigns.repository';
import type { ChannelPlansInput } from './channel-plans';
import { FakeCampaignPlansRepository, FakeCampaignsRepository } from './campaigns.repository.fake';
import { CampaignsService } from './campaigns.service';
import { ForbiddenActionError, NotFoundError, UnprocessableError } from './errors';
import type { TestList } from './test-list/check-test-list';
import type { TestListRepository } from './test-list/test-list.repository';
import { FakeAuditService } from '@loa/audit/testing';

type Operator = Actor & { type: 'user' };

const editor: Operator = { type: 'user', id: 'creator-1', organizationId: 'org-1', role: 'editor' };
const approver: Operator = { type: 'user', id: 'approver-1', organizationId: 'org-1', role: 'approver' };
const outsider: Operator = { type: 'user', id: 'approver-9', organizationId: 'org-2', role: 'approver' };

/** Inside the seeded campaigns' window (2 to 9 March 2025). */
const IN_WINDOW = new Date('2025-03-05T00:00:00.000Z');
describe('CampaignsService (fake repositories)', () => {
  let campaigns: FakeCampaignsRepository;
  let plans: FakeCampaignPlansRepository;
  let references: FakeCampaignReferencesRepository;
  let audit: FakeAuditService;
  let fanoutQueue: { add: jest.Mock };
  let optedOut: Set<string>;
  let service: CampaignsService;
  let directiveId: string;
  let testList: TestList;

  beforeEach(() => {
    campaigns = new FakeCampaignsRepository();
    plans = new FakeCampaignPlansRepository(campaigns);
    references = new FakeCampaignReferencesRepository();
    audit = new FakeAuditService();
    fanoutQueue = { add: jest.fn().mockResolvedValue(undefined) };
    optedOut = new Set();
    testList = { msisdns: [], emails: [] };
    const optOuts = { optedOut: async (msisdns: string[]) => new Set(msisdns.filter((m) => optedOut.has(m))) };
    service = new CampaignsService(
      campaigns as unknown as CampaignsRepository,
      plans as unknown as CampaignPlansRepository,
      references as unknown as CampaignReferencesRepository,
      audit as unknown as AuditService,
      fanoutQueue as unknown as Queue<FanoutJob>,
      optOuts as unknown as OptOutsService,
      loadCarrierRouter(),
      { get: async () => testList } as unknown as TestListRepository,
      loadAdminUnits().map,
    );
    directiveId = randomUUID();
    references.directives.push({ id: directiveId, organizationId: 'org-1' });
    references.stations.push(
      { code: 'rg-hue', organizationId: 'org-1' },
      { code: 'kg-rach-gia', organizationId: 'org-2' },
    );
  });

  const stored = (id: string): CampaignEntity => campaigns.rows.get(id)!;

  describe('create', () => {
    it('stores a draft with NFC text and its plans, audited in the same transaction', async () => {
      const title = 'Tuyên truyền phòng chống bão'.normalize('NFD');
      const { campaign, audience } = await service.create(
        editor,
        {
          directiveId,
          title,
          channels: { radio: { stationCodes: ['rg-hue'], script: 'Kính thưa bà con'.normalize('NFD') } },
        },
        'req-1',
      );

      expect(audience).toBeNull();
      expect(stored(campaign.id)).toMatchObject({
        status: 'draft',
        title: 'Tuyên truyền phòng chống bão'.normalize('NFC'),
        createdBy: 'creator-1',
        organizationId: 'org-1',
        directiveId,
      });
      expect(plans.plan(campaign.id, 'radio')).toEqual({
        stationCodes: ['rg-hue'],
        script: 'Kính thưa bà con'.normalize('NFC'),
      });
      expect(audit.events).toHaveLength(1);
      expect(audit.events[0].input).toMatchObject({
        action: 'campaign.create',
        organizationId: 'org-1',
        targetId: campaign.id,
        after: { status: 'draft', channels: ['radio'], emergency: false },
        requestId: 'req-1',
      });
      expect(audit.events[0].manager).toBe(campaigns.transactions[0]);
    });

    it("refuses another organisation's directive and stores nothing", async () => {
      const foreign = randomUUID();
      references.directives.push({ id: foreign, organizationId: 'org-2' });

      const creating = service.create(
        editor,
        { directiveId: foreign, title: 't', channels: { radio: { stationCodes: ['rg-hue'], script: 's' } } },
        null,
      );

      await expect(creating).rejects.toThrow(UnprocessableError);
      await expect(creating).rejects.toMatchObject({ field: 'directiveId' });
      expect(campaigns.rows.size).toBe(0);
      expect(audit.events).toHaveLength(0);
    });

    it('needs at least one channel and a window that ends after it starts', async () => {
      await expect(service.create(editor, { directiveId, title: 't', channels: {} }, null)).rejects.toMatchObject({
        field: 'channels',
      });
      const startsAt = new Date('2025-05-01T00:00:00Z');
      await expect(
        service.create(
          editor,
          {
            directiveId,
            title: 't',
            startsAt,
            endsAt: startsAt,
            channels: { radio: { stationCodes: ['rg-hue'], script: 's' } },
          },
          null,
        ),
      ).rejects.toMatchObject({ field: 'endsAt' });
      expect(campaigns.rows.size).toBe(0);
    });

    it("names the stations it does not know, including another organisation's", async () => {
      await expect(
        service.create(
          editor,
          {
            directiveId,
            title: 't',
            channels: { radio: { stationCodes: ['rg-hue', 'kg-rach-gia', 'nowhere'], script: 's' } },
          },
          null,
        ),
      ).rejects.toThrow('channels.radio.stationCodes: unknown stations: kg-rach-gia, nowhere');
    });

    it('routes the subscriber list, leaves out opted-out numbers and stores the rest with the plan counts', async () => {
      optedOut.add('84912345678');

      const { campaign, audience } = await service.create(
        editor,
        {
          directiveId,
          title: 't',
          channels: { sms: { text: 'Bão số 3', subscribers: ['0912345678', '0987654321', '0987 654 321', '12'] } },
        },
        null,
      );

      expect(audience).toMatchObject({
        accepted: [{ msisdn: '84987654321', carrier: 'viettel' }],
        duplicates: 1,
        optedOut: 1,
      });
      expect(plans.audience.get(campaign.id)).toEqual([{ msisdn: '84987654321', carrier: 'viettel' }]);
      expect(plans.plan(campaign.id, 'sms')).toMatchObject({
        text: 'Bão số 3',
        stripDiacritics: false,
        carrierOrders: [],
        audience: { accepted: 1, duplicates: 1, optedOut: 1 },
      });
    });

    it('refuses carrier orders for a carrier that is not enabled', async () => {
      references.carriers.push({ code: 'gmobile', enabled: false });

      await expect(
        service.create(
          editor,
          {
            directiveId,
            title: 't',
            channels: { sms: { text: 'x', carrierOrders: [{ carrierCode: 'gmobile', area: '91' }] } },
          },
          null,
        ),
      ).rejects.toThrow('channels.sms.carrierOrders: unknown carriers: gmobile');
    });
  });

  describe('carrier rules', () => {
    const long = 'Ủng hộ đồng bào vùng lũ. '.repeat(10);

    it('refuses a text over a carrier’s cap on parts, naming the carrier, for the carriers the list goes through', async () => {
      references.carriers.find((c) => c.code === 'viettel')!.connection = { maxSegments: 2 };
      const create = (subscribers?: string[]) =>
        service.create(
          editor,
          { directiveId, title: 't', channels: { sms: { text: long, ...(subscribers ? { subscribers } : {}) } } },
          null,
        );
      await expect(create(['0961234567'])).rejects.toMatchObject({
        field: 'channels.sms.text',
        message: expect.stringMatching(/viettel: message needs \d+ UCS-2 segments, the policy allows at most 2$/),
      });
      // A list only VinaPhone carries is not held to Viettel's cap; without a list every carrier's rules apply.
      await expect(create(['0912345678'])).resolves.toBeDefined();
      await expect(create()).rejects.toMatchObject({ field: 'channels.sms.text' });
    });
  });

  describe('area', () => {
    const in2026 = { startsAt: new Date('2026-12-04T01:00:00Z'), endsAt: new Date('2026-12-11T01:00:00Z') };
    const script = 'Kính thưa bà con';

    beforeEach(() => {
      references.organizationUnits.set('org-1', '92');
      references.stations.push(
        { code: 'ct-tinh', organizationId: 'org-1', unit: '92' },
        { code: 'ct-soc-trang', organizationId: 'org-1', unit: '31507' },
        { code: 'ct-soc-trang-khom-1', organizationId: 'org-1', unit: '31507', parentCode: 'ct-soc-trang' },
        { code: 'ct-my-tu-cu', organizationId: 'org-1', unit: '31594' },
        { code: 'ct-huyen-my-tu', organizationId: 'org-1', unit: '944' },
      );
      references.portals.push(
        { code: 'cong-tinh', organizationId: 'org-1' },
        { code: 'cong-my-tu', organizationId: 'org-1', unit: '31594' },
      );
    });

    it('stores the area, audited, and gives a radio plan without stations the area’s stations (not their relays)', async () => {
      const { campaign } = await service.create(
        editor,
        {
          directiveId,
          title: 't',
          ...in2026,
          area: ['31507', '31594'],
          channels: { radio: { stationCodes: [], script } },
        },
        null,
      );
      expect(stored(campaign.id).areaCodes).toEqual(['31507', '31594']);
      expect(plans.plan(campaign.id, 'radio')).toMatchObject({ stationCodes: ['ct-my-tu-cu', 'ct-soc-trang'] });
      expect(audit.events.at(-1)?.input).toMatchObject({
        action: 'campaign.create',
        after: { area: ['31507', '31594'] },
      });
    });

    it('refuses a station, portal or carrier order outside the area, naming the field', async () => {
      const create = (channels: ChannelPlansInput) =>
        service.create(editor, { directiveId, title: 't', ...in2026, area: ['31507'], channels }, null);
      await expect(create({ radio: { stationCodes: ['ct-tinh', 'ct-soc-trang'], script } })).rejects.toMatchObject({
        field: 'channels.radio.stationCodes',
        message: expect.stringContaining("outside the campaign's area: ct-tinh"),
      });
      await expect(create({ radio: { stationCodes: ['ct-huyen-my-tu'], script } })).rejects.toMatchObject({
        field: 'channels.radio.stationCodes',
      });
      await expect(
        create({
          banner: { headline: 'h', body: 'b', targetUrl: 'https://www.cantho.gov.vn', portalCodes: ['cong-tinh'] },
        }),
      ).rejects.toMatchObject({ field: 'channels.banner.portalCodes' });
      await expect(
        create({ sms: { text: 'x', carrierOrders: [{ carrierCode: 'viettel', area: '92' }] } }),
      ).rejects.toMatchObject({
        field: 'channels.sms.carrierOrders[0].area',
      });
      expect(campaigns.rows.size).toBe(0);
    });

    it('refuses a former unit with what it became, and an order for a unit that does not exist', async () => {
      await expect(
        service.create(
          editor,
          { directiveId, title: 't', ...in2026, area: ['94'], channels: { radio: { stationCodes: [], script } } },
          null,
        ),
      ).rejects.toMatchObject({
        field: 'area',
        message: expect.stringContaining('it is now part of 92 Thành phố Cần Thơ'),
      });
      await expect(
        service.create(
          editor,
          {
            directiveId,
            title: 't',
            ...in2026,
            channels: { sms: { text: 'x', carrierOrders: [{ carrierCode: 'viettel', area: 'Sóc Trăng' }] } },
          },
          null,
        ),
      ).rejects.toMatchObject({ field: 'channels.sms.carrierOrders[0].area' });
    });

    it('checks a new area against the plans an edit keeps', async () => {
      const { campaign } = await service.create(
        editor,
        {
          directiveId,
          title: 't',
          ...in2026,
          area: ['92'],
          channels: { radio: { stationCodes: ['ct-tinh'], script } },
        },
        null,
      );
      await expect(service.update(editor, campaign.id, { area: ['31594'] }, null)).rejects.toMatchObject({
        field: 'channels.radio.stationCodes',
      });
      expect(stored(campaign.id).areaCodes).toEqual(['92']);
      await service.update(
        editor,
        campaign.id,
        { area: ['31594'], channels: { radio: { stationCodes: ['ct-my-tu-cu'], script } } },
        null,
      );
      expect(stored(campaign.id).areaCodes).toEqual(['31594']);
    });
  });

  describe('get', () => {
    it("does not find another organisation's campaign, nor a malformed id", async () => {
      const c = campaigns.seed();

      await expect(service.get('org-2', c.id)).rejects.toThrow(NotFoundError);
      await expect(service.get('org-1', 'not-a-uuid')).rejects.toThrow('campaign not-a-uuid not found');
      await expect(service.get('org-1', c.id)).resolves.toMatchObject({ id: c.id });
    });
  });

  describe('update', () => {
    it('sends an approved campaign back for approval, clearing its approver, and audits the edit', async () => {
      const c = campaigns.seed({ status: 'approved', approvedBy: 'approver-1' });

      const { campaign } = await service.update(editor, c.id, { title: 'Mới'.normalize('NFD') }, 'req-2');

      expect(campaign).toMatchObject({ status: 'pending_approval', approvedBy: null, title: 'Mới'.normalize('NFC') });
      expect(audit.events.map((e) => e.input)).toEqual([
        expect.objectContaining({
          action: 'campaign.update',
          targetId: c.id,
          before: { status: 'approved' },
          after: { status: 'pending_approval', fields: ['title'], channels: [] },
        }),
      ]);
    });

    it('keeps a draft a draft', async () => {
      const c = campaigns.seed({ status: 'draft' });

      const { campaign } = await service.update(editor, c.id, { title: 'x' }, null);

      expect(campaign.status).toBe('draft');
    });

    it('refuses to edit a running campaign and changes nothing', async () => {
      const c = campaigns.seed({ status: 'running', title: 'cũ' });

      await expect(service.update(editor, c.id, { title: 'mới' }, null)).rejects.toThrow(
        new InvalidTransitionError('edit', 'running'),
      );
      expect(stored(c.id).title).toBe('cũ');
      expect(audit.events).toHaveLength(0);
    });

    it('refuses an edit when the campaign was launched meanwhile, writing no plan', async () => {
      const c = campaigns.seed({ status: 'approved' });
      const stale = { ...stored(c.id) };
      stored(c.id).status = 'running';
      jest.spyOn(campaigns, 'findInOrganization').mockResolvedValueOnce(stale);

      await expect(
        service.update(editor, c.id, { channels: { radio: { stationCodes: ['rg-hue'], script: 's' } } }, null),
      ).rejects.toThrow(new InvalidTransitionError('edit', 'running'));
      expect(plans.plan(c.id, 'radio')).toBeUndefined();
      expect(audit.events).toHaveLength(0);
    });

    it('keeps an imported audience when the SMS plan is edited without a list', async () => {
      const c = campaigns.seed();
      plans.audience.set(c.id, [
        { msisdn: '84912345678', carrier: 'vinaphone' },
        { msisdn: '84987654321', carrier: 'viettel' },
      ]);

      await service.update(editor, c.id, { channels: { sms: { text: 'mới' } } }, null);

      expect(plans.audience.get(c.id)).toHaveLength(2);
      expect(plans.plan(c.id, 'sms')).toMatchObject({ text: 'mới', audience: { accepted: 2 } });
    });
  });

  describe('four eyes', () => {
    it('refuses the creator approving their own campaign', async () => {
      const c = campaigns.seed({ status: 'pending_approval', createdBy: approver.id });

      await expect(service.approve(approver, c.id, null)).rejects.toThrow(ForbiddenActionError);
      expect(stored(c.id)).toMatchObject({ status: 'pending_approval', approvedBy: null });
      expect(audit.events).toHaveLength(0);
    });

    it('lets another approver approve: approver recorded, rejection cleared, audited', async () => {
      const c = campaigns.seed({ status: 'pending_approval', rejectionReason: 'thiếu số văn bản' });

      const approved = await service.approve(approver, c.id, 'req-3');

      expect(approved).toMatchObject({ status: 'approved', approvedBy: 'approver-1', rejectionReason: null });
      expect(audit.events[0].input).toMatchObject({
        action: 'campaign.approve',
        before: { status: 'pending_approval' },
        after: { status: 'approved' },
      });
    });

    it('refuses the creator rejecting their own campaign', async () => {
      const c = campaigns.seed({ status: 'pending_approval', createdBy: approver.id });

      await expect(service.reject(approver, c.id, 'no', null)).rejects.toThrow(
        'An approver cannot review a campaign they created',
      );
      expect(stored(c.id).status).toBe('pending_approval');
    });

    it('sends a rejected campaign back to draft with the reason, in NFC, in the audit too', async () => {
      const c = campaigns.seed({ status: 'pending_approval' });
      const reason = 'Sai số hiệu văn bản'.normalize('NFD');

      const rejected = await service.reject(approver, c.id, reason, null);

      expect(rejected).toMatchObject({ status: 'draft', rejectionReason: reason.normalize('NFC') });
      expect(audit.events[0].input.after).toEqual({ status: 'draft', reason: reason.normalize('NFC') });
    });
  });

  describe('transitions', () => {
    it('refuses to launch a draft, naming the status, and enqueues nothing', async () => {
      const c = campaigns.seed({ status: 'draft' });

      await expect(service.launch(approver, c.id, null, IN_WINDOW)).rejects.toThrow(
        /Cannot launch a campaign that is draft/,
      );
      expect(stored(c.id).status).toBe('draft');
      expect(fanoutQueue.add).not.toHaveBeenCalled();
    });

    it('refuses to launch once the window is over, naming endsAt, and changes nothing', async () => {
      const c = campaigns.seed({ status: 'approved' });

      await expect(service.launch(approver, c.id, null, c.endsAt)).rejects.toMatchObject({ field: 'endsAt' });
      expect(stored(c.id).status).toBe('approved');
      expect(fanoutQueue.add).not.toHaveBeenCalled();
      expect(audit.actions()).toEqual([]);
    });

    it('launches an approved campaign and hands its fan-out to the queue', async () => {
      const c = campaigns.seed({ status: 'approved', dispatchEpoch: 0 });

      const launched = await service.launch(approver, c.id, null, IN_WINDOW);

      expect(launched.status).toBe('running');
      expect(launched.launchedAt).toBeInstanceOf(Date);
      expect(fanoutQueue.add).toHaveBeenCalledWith(
        'fanout',
        { campaignId: c.id, epoch: 0 },
        { jobId: fanoutJobId(c.id, 0) },
      );
      expect(audit.actions()).toEqual(['campaign.launch']);
    });

    it('refuses to launch an SMS plan with no subscribers and no carrier orders', async () => {
      const c = campaigns.seed({ status: 'approved' });
      plans.seed(c.id, 'sms', { text: 'x', carrierOrders: [] });

      await expect(service.launch(approver, c.id, null, IN_WINDOW)).rejects.toMatchObject({ field: 'channels.sms' });
      expect(stored(c.id).status).toBe('approved');
    });

    it('launches an SMS plan that only has carrier orders', async () => {
      const c = campaigns.seed({ status: 'approved' });
      plans.seed(c.id, 'sms', { text: 'x', carrierOrders: [{ carrierCode: 'viettel', area: '91' }] });

      await expect(service.launch(approver, c.id, null, IN_WINDOW)).resolves.toMatchObject({ status: 'running' });
    });

    it('refuses a rehearsal whose channels the test list cannot reach, naming mode', async () => {
      const c = campaigns.seed({ status: 'approved', mode: 'exercise' });
      plans.seed(c.id, 'sms', { text: 'x' });
      plans.seed(c.id, 'email', { agencyGroups: ['so-ban-nganh'] });
      testList = { msisdns: ['84912345678'], emails: [] };

      await expect(service.launch(approver, c.id, null, IN_WINDOW)).rejects.toThrow(/mode: .*địa chỉ thư/);
      expect(stored(c.id).status).toBe('approved');
    });

    it('launches a rehearsal without subscribers, fixing the test list in its SMS and e-mail plans', async () => {
      const c = campaigns.seed({ status: 'approved', mode: 'exercise' });
      plans.seed(c.id, 'sms', { text: 'x' });
      plans.seed(c.id, 'email', { agencyGroups: ['so-ban-nganh'] });
      plans.seed(c.id, 'radio', { stationCodes: ['dtt-tinh'], script: 'Tin' });
      testList = { msisdns: ['84912345678'], emails: ['thu@soctrang.gov.vn'] };

      await expect(service.launch(approver, c.id, null, IN_WINDOW)).resolves.toMatchObject({ status: 'running' });
      const byChannel = plans.plans.get(c.id)!;
      expect(byChannel.get('sms')!.testList).toEqual(testList);
      expect(byChannel.get('email')!.testList).toEqual(testList);
      expect(byChannel.get('radio')!.testList).toBeUndefined();
    });

    it('keeps an edit of a real campaign real, and stores a new mode when one is given', async () => {
      const c = campaigns.seed({ status: 'draft' });
      await service.update(editor, c.id, { title: 'Khác' }, null);
      expect(stored(c.id).mode).toBe('actual');
      await service.update(editor, c.id, { mode: 'test' }, null);
      expect(stored(c.id).mode).toBe('test');
    });

    it('resumes in a new dispatch round, so the fan-out gets a new job id', async () => {
      const c = campaigns.seed({ status: 'paused', dispatchEpoch: 2 });

      const resumed = await service.resume(approver, c.id, null);

      expect(resumed).toMatchObject({ status: 'running', dispatchEpoch: 3 });
      expect(fanoutQueue.add).toHaveBeenCalledWith(
        'fanout',
        { campaignId: c.id, epoch: 3 },
        { jobId: fanoutJobId(c.id, 3) },
      );
    });

    it('cancels: unsent work stops in the same transaction, finished time set, audited', async () => {
      const c = campaigns.seed({ status: 'running' });

      const cancelled = await service.cancel(approver, c.id, 'req-4');

      expect(cancelled).toMatchObject({ status: 'cancelled' });
      expect(cancelled.finishedAt).toBeInstanceOf(Date);
      expect(campaigns.stopped).toEqual([c.id]);
      expect(audit.events[0].input).toMatchObject({
        action: 'campaign.cancel',
        before: { status: 'running' },
        after: { status: 'cancelled' },
      });
    });

    it('refuses to cancel a completed campaign and stops nothing', async () => {
      const c = campaigns.seed({ status: 'completed' });

      await expect(service.cancel(approver, c.id, null)).rejects.toThrow(InvalidTransitionError);
      expect(campaigns.stopped).toEqual([]);
    });

    it('loses a race cleanly: when the status changed meanwhile, the error names the status it has now', async () => {
      const c = campaigns.seed({ status: 'running' });
      const stale = { ...stored(c.id) };
      stored(c.id).status = 'paused';
      jest.spyOn(campaigns, 'findInOrganization').mockResolvedValueOnce(stale);

      await expect(service.pause(approver, c.id, null)).rejects.toThrow(new InvalidTransitionError('pause', 'paused'));
      expect(audit.events).toHaveLength(0);
    });

    it("does not find another organisation's campaign to pause", async () => {
      const c = campaigns.seed({ status: 'running' });

      await expect(service.pause(outsider, c.id, null)).rejects.toThrow(NotFoundError);
      expect(stored(c.id).status).toBe('running');
    });
  });

  describe('audience import', () => {
    it('needs an editable campaign with an SMS plan', async () => {
      const running = campaigns.seed({ status: 'running' });
      const withoutSms = campaigns.seed({ status: 'draft' });

      await expect(service.audienceImportTarget('org-1', running.id)).rejects.toThrow(InvalidTransitionError);
      await expect(service.audienceImportTarget('org-1', withoutSms.id)).rejects.toMatchObject({
        field: 'channels.sms',
      });
      plans.seed(withoutSms.id, 'sms', { text: 'x' });
      await expect(service.audienceImportTarget('org-1', withoutSms.id)).resolves.toMatchObject({ id: withoutSms.id });
    });

    it('records an import: back for approval, the plan counts the list, audited with the summary', async () => {
      const c = campaigns.seed({ status: 'approved', approvedBy: 'approver-1' });
      plans.seed(c.id, 'sms', { text: 'x', audience: { accepted: 0 } });
      plans.audience.set(c.id, [{ msisdn: '84912345678', carrier: 'vinaphone' }]);

      await campaigns.transaction((m) =>
        service.recordAudienceImport(m, editor, c.id, { importId: 'imp-1', accepted: 1 }, 'req-5'),
      );

      expect(stored(c.id)).toMatchObject({ status: 'pending_approval', approvedBy: null });
      expect(plans.plan(c.id, 'sms')?.audience).toEqual({ accepted: 1, lastImportId: 'imp-1' });
      expect(audit.events[0].input).toMatchObject({
        action: 'campaign.audience_import',
        before: { status: 'approved' },
        after: { status: 'pending_approval', importId: 'imp-1', accepted: 1 },
      });
    });
  });
});
