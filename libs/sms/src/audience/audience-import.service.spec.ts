import { Logger } from '@nestjs/common';
import type { AppConfig } from '@loa/config';
import { Readable } from 'node:stream';
import type { AudienceImportsRepository } from './audience-imports.repository';
import { FakeAudienceImportsRepository } from './audience-imports.repository.fake';
import { AudienceImportCounts, AudienceImportService } from './audience-import.service';
import { AudienceFileError } from './audience-rows';
import { loadCarrierRouter } from '../carriers/numbering.module';

const CAMPAIGN = '11111111-1111-4111-8111-111111111111';

/** A list with every kind of row; 84912345678 is opted out in the tests that use it. */
const MIXED_LIST = [
  'Họ tên,Số điện thoại', // 1: header
  'An,0961234567', // 2: accepted (viettel)
  'Bình,+84 961 234 567', // 3: duplicate of line 2
  'Cường,0912345678', // 4: opted out
  'Chi,0912345678', // 5: duplicate of line 4 (counted once, as opted out)
  'Dung,0961000001', // 6: accepted, or a duplicate when already in the audience
  'Em,12345', // 7: rejected (wrong length)
  ',,', // 8: blank, not data
  'Giang,0871234567', // 9: rejected (itel: no connection)
  'Hải,0901234567', // 10: accepted (mobifone)
  '',
];

const MIXED_REJECTS = [
  { lineNo: 7, input: '12345', reason: expect.stringMatching(/^Sai độ dài \/ wrong length/) },
  { lineNo: 9, input: '0871234567', reason: 'Chưa kết nối nhà mạng này / no connection configured for carrier itel' },
];

function csv(...lines: string[]): Readable {
  return Readable.from([lines.join('\r\n')]);
}

describe('AudienceImportService (fake repository)', () => {
  let repo: FakeAudienceImportsRepository;
  let service: AudienceImportService;

  /** The service over the fake, reading audiences of up to `membersInMemory` members into memory. */
  const serviceHolding = (membersInMemory: number): AudienceImportService =>
    new AudienceImportService(repo as unknown as AudienceImportsRepository, loadCarrierRouter(), {
      audience: { importMaxBytes: 1024 * 1024, membersInMemory },
    } as AppConfig);

  beforeEach(() => {
    repo = new FakeAudienceImportsRepository();
    service = serviceHolding(1000);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  describe('begin', () => {
    it('records a running import under the file name in NFC, cut to 255 characters', async () => {
      const id = await service.begin(CAMPAIGN, 'user-1', `${'Danh sách '.normalize('NFD')}${'x'.repeat(300)}.csv`);

      const row = repo.imports.get(id);
      expect(row).toMatchObject({ campaignId: CAMPAIGN, status: 'running', createdBy: 'user-1' });
      expect(row?.fileName).toHaveLength(255);
      expect(row?.fileName?.startsWith('Danh sách x'.normalize('NFC'))).toBe(true);
    });

    it('keeps no file name when there was none', async () => {
      const id = await service.begin(CAMPAIGN, 'user-1', null);
      expect(repo.imports.get(id)?.fileName).toBeNull();
    });
  });

  describe('run', () => {
    it('COPYs a first list straight into the empty audience: each number once, opted-out numbers taken out', async () => {
      repo.optOuts.add('84912345678');
      const importId = await service.begin(CAMPAIGN, 'user-1', 'list.csv');

      const counts = await service.run({ importId, campaignId: CAMPAIGN, source: csv(...MIXED_LIST) });

      // Line 6's number is not in this (empty) audience: accepted.
      expect(counts).toEqual<AudienceImportCounts>({
        importId,
        phoneColumn: 'Số điện thoại',
        rows: 8,
        accepted: 3,
        duplicates: 2,
        optedOut: 1,
        rejected: 2,
        byCarrier: { viettel: 2, mobifone: 1 },
      });
      expect([...repo.audience(CAMPAIGN).entries()].sort()).toEqual([
        ['84901234567', 'mobifone'],
        ['84961000001', 'viettel'],
        ['84961234567', 'viettel'],
      ]);
      expect(repo.rejects.get(importId)).toEqual(MIXED_REJECTS);
      expect(repo.runners[0].statements).toEqual([
        'lockAudience',
        'copyIntoAudience',
        'copyRejects',
        'dropOptedOut',
        'markCompleted',
      ]);
      expect(repo.runners[0].state).toBe('committed');
    });

    it('COPYs no rejects when every row is good, and counts a carrier whose numbers all opted out as none', async () => {
      repo.optOuts.add('84901234567');
      const importId = await service.begin(CAMPAIGN, 'user-1', null);

      const counts = await service.run({
        importId,
        campaignId: CAMPAIGN,
        source: csv('phone', '0961234567', '0901234567', ''),
      });

      expect(counts).toMatchObject({ rows: 2, accepted: 1, optedOut: 1, duplicates: 0, rejected: 0 });
      expect(counts.byCarrier).toEqual({ viettel: 1 });
      expect(repo.runners[0].statements).not.toContain('copyRejects');
      expect(repo.rejects.get(importId)).toBeUndefined();
    });

    it('adds a list to an audience that has members by COPY too: members read first, counted as duplicates', async () => {
      repo.optOuts.add('84912345678');
      repo.audience(CAMPAIGN).set('84961000001', 'viettel');
      // A member who opted out since: this list does not take it out of the audience, nor count it.
      repo.audience(CAMPAIGN).set('84912000000', 'vinaphone');
      repo.optOuts.add('84912000000');
      const importId = await service.begin(CAMPAIGN, 'user-1', 'list.csv');

      const counts = await service.run({ importId, campaignId: CAMPAIGN, source: csv(...MIXED_LIST) });

      // Line 6's number is already in the audience: a duplicate.
      expect(counts).toEqual<AudienceImportCounts>({
        importId,
        phoneColumn: 'Số điện thoại',
        rows: 8,
        accepted: 2,
        duplicates: 3,
        optedOut: 1,
        rejected: 2,
        byCarrier: { viettel: 1, mobifone: 1 },
      });
      expect([...repo.audience(CAMPAIGN).keys()].sort()).toEqual([
        '84901234567',
        '84912000000',
        '84961000001',
        '84961234567',
      ]);
      expect(repo.rejects.get(importId)).toEqual(MIXED_REJECTS);
      expect(repo.runners[0].statements).toEqual([
        'lockAudience',
        'copyMembersOut',
        'copyIntoAudience',
        'copyRejects',
        'dropOptedOut',
        'markCompleted',
      ]);
    });

    it('merges through staging into an audience too large to hold: counts every row once, adds only new numbers', async () => {
      repo.optOuts.add('84912345678');
      repo.audience(CAMPAIGN).set('84961000001', 'viettel');
      service = serviceHolding(0);
      const importId = await service.begin(CAMPAIGN, 'user-1', 'list.csv');

      const counts = await service.run({ importId, campaignId: CAMPAIGN, source: csv(...MIXED_LIST) });

      // Line 6's number is already in the audience: a duplicate.
      expect(counts).toEqual<AudienceImportCounts>({
        importId,
        phoneColumn: 'Số điện thoại',
        rows: 8,
        accepted: 2,
        duplicates: 3,
        optedOut: 1,
        rejected: 2,
        byCarrier: { viettel: 1, mobifone: 1 },
      });
      expect([...repo.audience(CAMPAIGN).keys()].sort()).toEqual(['84901234567', '84961000001', '84961234567']);
      const { importId: _id, ...totals } = counts;
      expect(repo.imports.get(importId)).toMatchObject({ status: 'completed', totals, error: null });
      expect(repo.rejects.get(importId)).toEqual(MIXED_REJECTS);
      expect(repo.runners[0].statements).toEqual([
        'lockAudience',
        'createStaging',
        'copyIntoStaging',
        'analyzeStaging',
        'keepRejects',
        'mergeStaging',
        'markCompleted',
      ]);
      expect(repo.runners[0].state).toBe('committed');
      expect(repo.released).toEqual([{ runner: repo.runners[0], broken: undefined }]);
    });

    it('computes duplicates from what the merge answered: rows − rejected − opted out − accepted', async () => {
      jest.spyOn(repo, 'mergeStaging').mockResolvedValue({ optedOut: 3, byCarrier: { viettel: 4, mobifone: 1 } });
      repo.audience(CAMPAIGN).set('84961000001', 'viettel');
      service = serviceHolding(0);
      const importId = await service.begin(CAMPAIGN, 'user-1', null);
      const numbers = Array.from({ length: 10 }, (_, i) => `096123456${i}`);

      const counts = await service.run({
        importId,
        campaignId: CAMPAIGN,
        source: csv('phone', ...numbers, 'not-a-number', ''),
      });

      expect(counts).toMatchObject({ rows: 11, rejected: 1, optedOut: 3, accepted: 5, duplicates: 2 });
      expect(counts.byCarrier).toEqual({ viettel: 4, mobifone: 1 });
    });

    it('numbers each reject by the line its record ends on, past quoted line breaks and blank lines', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);

      const counts = await service.run({
        importId,
        campaignId: CAMPAIGN,
        source: Readable.from([
          'phone,note\n', // 1
          '0961234567,"first line\n', // 2
          'second line"\n', // 3: the record of line 2 ends here
          '\n', // 4: blank
          '12345,x\n', // 5
          '0961234568,"a\nb\nc"\n', // 6–8
          'abc,y\n', // 9
        ]),
      });

      expect(counts).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
      expect(repo.rejects.get(importId)?.map((r) => [r.lineNo, r.input])).toEqual([
        [5, '12345'],
        [9, 'abc'],
      ]);
    });

    it('reads the column named by ?column= and rejects numbers of carriers without a connection', async () => {
      repo.enabledCarriers = ['viettel'];
      const importId = await service.begin(CAMPAIGN, 'user-1', null);

      const counts = await service.run({
        importId,
        campaignId: CAMPAIGN,
        column: 'so lien he',
        source: csv('phone,Số liên hệ', '0912345678,0961234567', '0961234567,0912345678', ''),
      });

      expect(counts).toMatchObject({ phoneColumn: 'Số liên hệ', rows: 2, accepted: 1, rejected: 1 });
      expect(repo.rejects.get(importId)?.map((r) => r.reason)).toEqual([
        'Chưa kết nối nhà mạng này / no connection configured for carrier vinaphone',
      ]);
    });

    it('hands the counts to beforeCommit inside the transaction, before the import is marked completed', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);
      const seen: Array<{ completed: boolean; active: boolean; counts: AudienceImportCounts }> = [];

      await service.run({
        importId,
        campaignId: CAMPAIGN,
        source: csv('phone', '0961234567', ''),
        beforeCommit: async (m, counts) => {
          expect(m).toBe(repo.runners[0].manager);
          const runner = repo.runners[0];
          seen.push({
            completed: runner.statements.includes('markCompleted'),
            active: runner.isTransactionActive,
            counts,
          });
        },
      });

      expect(seen).toEqual([{ completed: false, active: true, counts: expect.objectContaining({ accepted: 1 }) }]);
      expect(repo.imports.get(importId)?.status).toBe('completed');
    });

    it('rolls everything back and marks the import failed with the message when beforeCommit refuses', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);
      const refusal = new Error('x'.repeat(1500));

      await expect(
        service.run({
          importId,
          campaignId: CAMPAIGN,
          source: csv('phone', '0961234567', '12345', ''),
          beforeCommit: () => Promise.reject(refusal),
        }),
      ).rejects.toBe(refusal);

      expect(repo.imports.get(importId)).toMatchObject({ status: 'failed', error: 'x'.repeat(1000), totals: null });
      expect(repo.audience(CAMPAIGN).size).toBe(0);
      expect(repo.rejects.get(importId)).toBeUndefined();
      expect(repo.runners[0].state).toBe('rolled back');
    });

    it('marks the import failed and discards the connection when the upload stream breaks', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);
      const cut = new Error('upload aborted');
      const source = new Readable({
        read() {
          this.push('phone\n0961234567\n');
          this.destroy(cut);
        },
      });

      await expect(service.run({ importId, campaignId: CAMPAIGN, source })).rejects.toBe(cut);

      expect(repo.imports.get(importId)).toMatchObject({ status: 'failed', error: 'upload aborted' });
      expect(repo.runners[0].state).toBe('rolled back');
      expect(repo.released).toEqual([{ runner: repo.runners[0], broken: cut }]);
      expect(repo.audience(CAMPAIGN).size).toBe(0);
    });

    it('refuses a file without a phone column, saying which headers it found', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);

      const run = service.run({ importId, campaignId: CAMPAIGN, source: csv('họ tên,địa chỉ', 'An,Sóc Trăng', '') });

      await expect(run).rejects.toBeInstanceOf(AudienceFileError);
      await expect(run).rejects.toMatchObject({ reason: 'no_phone_column' });
      expect(repo.imports.get(importId)?.status).toBe('failed');
      expect(repo.imports.get(importId)?.error).toMatch(/no phone-number column in the header row \(found: "họ tên"/);
    });

    it('refuses an empty file', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);

      await expect(service.run({ importId, campaignId: CAMPAIGN, source: csv('') })).rejects.toMatchObject({
        reason: 'no_phone_column',
        message: 'Tệp trống: không có dòng tiêu đề / the file is empty: no header row',
      });
      expect(repo.imports.get(importId)?.error).toBe(
        'Tệp trống: không có dòng tiêu đề / the file is empty: no header row',
      );
    });

    it('refuses a file whose record outgrows 64 KiB (an unclosed quote) instead of losing the rest', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);

      await expect(
        service.run({
          importId,
          campaignId: CAMPAIGN,
          source: csv('name,phone', `"unclosed,0961234567`, ...Array(3000).fill('An,0961234567 '.repeat(2))),
        }),
      ).rejects.toMatchObject({ reason: 'record_too_large' });
      expect(repo.imports.get(importId)?.error).toMatch(/a record is longer than 65536 bytes/);
    });

    it('still throws the import error when marking it failed fails too', async () => {
      const importId = await service.begin(CAMPAIGN, 'user-1', null);
      repo.failures.markFailed = new Error('database gone');
      repo.failures.dropOptedOut = new Error('delete failed');

      await expect(
        service.run({ importId, campaignId: CAMPAIGN, source: csv('phone', '0961234567', '') }),
      ).rejects.toThrow('delete failed');
      expect(Logger.prototype.error).toHaveBeenCalledWith(
        expect.stringContaining(`could not mark import ${importId} failed`),
      );
    });
  });

  describe('find', () => {
    it('answers null for an id that is not a UUID, without asking the repository', async () => {
      const spy = jest.spyOn(repo, 'find');
      await expect(service.find(CAMPAIGN, 'not-a-uuid')).resolves.toBeNull();
      expect(spy).not.toHaveBeenCalled();
    });

    it('finds an import of the campaign', async () => {
      const id = repo.seedImport(CAMPAIGN, [{ lineNo: 2, input: 'x', reason: 'r' }]);
      await expect(service.find(CAMPAIGN, id)).resolves.toMatchObject({ id, campaignId: CAMPAIGN, rejected: 1 });
    });
  });

  describe('rejects', () => {
    const reject = (lineNo: number) => ({ lineNo, input: `in${lineNo}`, reason: 'r' });

    async function pages(importId: string, pageSize: number): Promise<number[][]> {
      const out: number[][] = [];
      for await (const page of service.rejects(importId, pageSize)) out.push(page.map((r) => r.lineNo));
      return out;
    }

    it('pages through the rejects in line order, keyed on the last line of each page', async () => {
      const id = repo.seedImport(CAMPAIGN, [reject(9), reject(2), reject(5), reject(3), reject(7)]);

      await expect(pages(id, 2)).resolves.toEqual([[2, 3], [5, 7], [9]]);
      expect(repo.rejectPages.map((p) => p.afterLine)).toEqual([0, 3, 7]);
    });

    it('stops at an empty page when the last page was full', async () => {
      const id = repo.seedImport(CAMPAIGN, [reject(2), reject(3), reject(4), reject(5)]);

      await expect(pages(id, 2)).resolves.toEqual([
        [2, 3],
        [4, 5],
      ]);
      expect(repo.rejectPages.map((p) => p.afterLine)).toEqual([0, 3, 5]);
    });

    it('yields nothing for an import without rejects', async () => {
      await expect(pages(repo.seedImport(CAMPAIGN), 5000)).resolves.toEqual([]);
    });
  });
});
