import type { Actor, AuditService } from '@loa/audit';
import { optOutQueuedSms } from '@loa/delivery';
import type { OptOutsRepository } from './opt-outs.repository';
import { FakeOptOutsRepository } from './opt-outs.repository.fake';
import { InvalidNumberError, OptOutsService } from './opt-outs.service';
import { loadCarrierRouter } from '../carriers/numbering.module';
import { FakeAuditService } from '@loa/audit/testing';

// The deliveries transition belongs to libs/delivery; here only its answer (rows stopped) matters.
jest.mock('@loa/delivery', () => ({ optOutQueuedSms: jest.fn() }));
const stopQueued = optOutQueuedSms as jest.MockedFunction<typeof optOutQueuedSms>;

const operator: Actor & { type: 'user' } = { type: 'user', id: 'user-1', organizationId: 'org-1', role: 'editor' };

describe('OptOutsService (fake repository)', () => {
  let repo: FakeOptOutsRepository;
  let audit: FakeAuditService;
  let service: OptOutsService;

  beforeEach(() => {
    repo = new FakeOptOutsRepository();
    audit = new FakeAuditService();
    service = new OptOutsService(
      audit as unknown as AuditService,
      repo as unknown as OptOutsRepository,
      loadCarrierRouter(),
    );
    stopQueued.mockReset();
    stopQueued.mockResolvedValue(0);
  });

  describe('normalize', () => {
    it('turns a number written any usual way into its international form', () => {
      expect(service.normalize('0912 345 678')).toBe('84912345678');
      expect(service.normalize('+84 912.345.678')).toBe('84912345678');
    });

    it('refuses what is not a Vietnamese number, saying why', () => {
      expect(() => service.normalize('12345')).toThrow(InvalidNumberError);
      expect(() => service.normalize('12345')).toThrow(/^msisdn: /);
    });
  });

  describe('add', () => {
    it('records a new opt-out, stops the waiting rows and audits it, all in one transaction', async () => {
      stopQueued.mockResolvedValue(3);
      const note = 'khách yêu cầu'.normalize('NFD');

      const result = await service.add({ msisdn: '0912345678', source: 'operator', note }, operator, 'org-1', 'req-1');

      expect(result).toEqual({ msisdn: '84912345678', created: true, stoppedRows: 3 });
      expect(repo.rows.get('84912345678')).toMatchObject({
        source: 'operator',
        carrierCode: null,
        organizationId: 'org-1',
        note: 'khách yêu cầu'.normalize('NFC'),
        createdBy: 'user-1',
      });
      const [m] = repo.transactions;
      expect(repo.transactions).toHaveLength(1);
      expect(stopQueued).toHaveBeenCalledWith(m, ['84912345678'], undefined);
      expect(audit.events).toEqual([
        {
          input: {
            actor: operator,
            organizationId: 'org-1',
            action: 'opt_out.add',
            targetType: 'subscriber',
            targetId: '…5678',
            after: { source: 'operator', stoppedRows: 3 },
            requestId: 'req-1',
          },
          manager: m,
        },
      ]);
    });

    it('keeps the carrier a keyword reply came through', async () => {
      await service.add(
        { msisdn: '84912345678', source: 'sms_keyword', carrierCode: 'vinaphone', note: 'keyword TC' },
        { type: 'system', id: 'inbound-vinaphone' },
        null,
        null,
      );
      expect(repo.rows.get('84912345678')).toMatchObject({
        source: 'sms_keyword',
        carrierCode: 'vinaphone',
        organizationId: null,
        createdBy: 'inbound-vinaphone',
      });
    });

    it('is idempotent: a number already opted out is not audited again, but its waiting rows still stop', async () => {
      repo.seed({ msisdn: '84912345678' });
      stopQueued.mockResolvedValue(1);

      const result = await service.add({ msisdn: '0912345678', source: 'operator' }, operator, 'org-1', null);

      expect(result).toEqual({ msisdn: '84912345678', created: false, stoppedRows: 1 });
      expect(stopQueued).toHaveBeenCalledTimes(1);
      expect(audit.events).toEqual([]);
    });

    it('refuses an invalid number before touching anything', async () => {
      await expect(service.add({ msisdn: 'abc', source: 'operator' }, operator, 'org-1', null)).rejects.toThrow(
        InvalidNumberError,
      );
      expect(repo.transactions).toEqual([]);
      expect(stopQueued).not.toHaveBeenCalled();
    });
  });

  describe('remove', () => {
    it('deletes the opt-out and audits it', async () => {
      repo.seed({ msisdn: '84912345678' });

      await expect(service.remove('0912 345 678', operator, 'req-2')).resolves.toBe(true);

      expect(repo.rows.has('84912345678')).toBe(false);
      expect(audit.events).toEqual([
        {
          input: {
            actor: operator,
            action: 'opt_out.remove',
            targetType: 'subscriber',
            targetId: '…5678',
            requestId: 'req-2',
          },
          manager: repo.transactions[0],
        },
      ]);
    });

    it('answers false, without an audit event, for a number that had not opted out', async () => {
      await expect(service.remove('0912345678', operator, null)).resolves.toBe(false);
      expect(audit.events).toEqual([]);
    });
  });

  describe('find', () => {
    it('looks the number up in its normalised form', async () => {
      repo.seed({ msisdn: '84912345678', note: 'n', carrierCode: 'vinaphone' });

      await expect(service.find('0912.345.678')).resolves.toEqual({
        msisdn: '84912345678',
        source: 'operator',
        carrierCode: 'vinaphone',
        note: 'n',
        createdAt: '2025-01-02T03:04:05.000Z',
      });
      await expect(service.find('0961234567')).resolves.toBeNull();
    });

    it('refuses an invalid number', async () => {
      await expect(service.find('123')).rejects.toThrow(InvalidNumberError);
      expect(repo.reads).toEqual([]);
    });
  });

  describe('optedOut', () => {
    it('answers which of the numbers opted out', async () => {
      repo.seed({ msisdn: '84912345678' });
      await expect(service.optedOut(['84912345678', '84961234567'])).resolves.toEqual(new Set(['84912345678']));
    });

    it('does not ask the table about an empty list', async () => {
      await expect(service.optedOut([])).resolves.toEqual(new Set());
      expect(repo.reads).toEqual([]);
    });
  });
});
