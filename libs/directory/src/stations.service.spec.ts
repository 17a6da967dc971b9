import { loadAdminUnits } from '@loa/admin-units';
import type { EntityManager } from 'typeorm';
import type { AuditInput, AuditService } from '@loa/audit';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from './errors';
import type { StationsRepository } from './stations.repository';
import { FakeStationsRepository } from './stations.repository.fake';
import { StationsService } from './stations.service';

const admin = { type: 'user' as const, id: 'admin-1', organizationId: 'org-1', role: 'admin' };

describe('StationsService (fake stations repository, no database)', () => {
  let repo: FakeStationsRepository;
  let events: Array<{ action: string; inTransaction: boolean; after: unknown }>;
  let service: StationsService;

  beforeEach(() => {
    repo = new FakeStationsRepository();
    events = [];
    const audit = {
      record: async (e: AuditInput, m?: EntityManager) =>
        void events.push({ action: e.action, inTransaction: m !== undefined, after: e.after }),
    };
    service = new StationsService(
      repo as unknown as StationsRepository,
      audit as unknown as AuditService,
      loadAdminUnits().map,
    );
    repo.seed('org-1', { code: 'st-tinh', level: 'province' });
    repo.seed('org-1', { code: 'mytu', level: 'district', parentCode: 'st-tinh' });
    repo.seed('org-2', { code: 'kg-tinh', level: 'province' });
  });

  it('refuses a unit code the map of administrative units does not know, and takes a former one', async () => {
    const draft = { code: 'xa-moi', name: 'Đài xã', level: 'commune', parentCode: 'mytu' };
    await expect(service.create(admin, { ...draft, adminUnitCode: '99999' }, null)).rejects.toThrow(
      /no administrative unit has code 99999/,
    );
    const created = await service.create(admin, { ...draft, adminUnitCode: '31591' }, null);
    expect(created.adminUnitCode).toBe('31591');
  });

  it('creates a station under a parent of a higher level, NFC, audited in its transaction', async () => {
    const created = await service.create(
      admin,
      { code: 'my-phuoc', name: 'Đài xã Mỹ Phước'.normalize('NFD'), level: 'commune', parentCode: 'mytu' },
      'req-1',
    );
    expect(created).toMatchObject({ code: 'my-phuoc', level: 'commune', parentCode: 'mytu' });
    expect(created.name).toBe('Đài xã Mỹ Phước'.normalize('NFC'));
    expect(events).toEqual([{ action: 'station.create', inTransaction: true, after: expect.any(Object) }]);
  });

  it('refuses a taken code (any organisation’s), a parent of the same or lower level, and a missing parent', async () => {
    await expect(service.create(admin, { code: 'kg-tinh', name: 'x', level: 'district' }, null)).rejects.toThrow(
      DirectoryConflictError,
    );
    await expect(
      service.create(admin, { code: 'huyen-2', name: 'x', level: 'district', parentCode: 'mytu' }, null),
    ).rejects.toThrow(DirectoryValidationError);
    await expect(
      service.create(admin, { code: 'xa-9', name: 'x', level: 'commune', parentCode: 'kg-tinh' }, null),
    ).rejects.toThrow(DirectoryValidationError);
    expect(repo.rows.map((r) => r.code).sort()).toEqual(['kg-tinh', 'mytu', 'st-tinh']);
    expect(events).toEqual([]);
  });

  it('updates every field but the code and audits only a real change; another organisation’s is not found', async () => {
    const [mytu] = (await service.list('org-1')).filter((s) => s.code === 'mytu');
    await service.update(admin, mytu.id, { name: 'Đài huyện Mỹ Tú' }, null);
    await service.update(admin, mytu.id, { name: 'Đài huyện Mỹ Tú' }, null);
    expect(events.map((e) => e.action)).toEqual(['station.update']);
    expect((await service.list('org-1')).find((s) => s.code === 'mytu')?.name).toBe('Đài huyện Mỹ Tú');
    const other = repo.rows.find((r) => r.code === 'kg-tinh')!;
    await expect(service.update(admin, other.id, { name: 'x' }, null)).rejects.toThrow(DirectoryNotFoundError);
  });

  it('refuses to delete a station that others relay, naming them', async () => {
    const tinh = repo.rows.find((r) => r.code === 'st-tinh')!;
    await expect(service.delete(admin, tinh.id, null)).rejects.toThrow(/còn đài tiếp âm \(mytu\)/);
    expect(repo.rows).toHaveLength(3);
  });

  it('deletes an unused station and revokes its keys in the same transaction, counting them in the audit', async () => {
    const leaf = repo.seed('org-1', { code: 'xa-1', level: 'commune', parentCode: 'mytu' });
    repo.liveKeys.set(leaf.id, 2);
    await service.delete(admin, leaf.id, 'req-9');
    expect(repo.rows.map((r) => r.code)).not.toContain('xa-1');
    expect(repo.liveKeys.has(leaf.id)).toBe(false);
    expect(events).toEqual([{ action: 'station.delete', inTransaction: true, after: { partnerKeysRevoked: 2 } }]);
  });

  it('keeps a station a campaign uses (409 naming it) or one still referenced, and its keys', async () => {
    const used = repo.seed('org-1', { code: 'xa-1', level: 'commune', parentCode: 'mytu' });
    repo.usedBy.set(used.id, ['Phát thanh bão số 3 (running)']);
    repo.liveKeys.set(used.id, 1);
    await expect(service.delete(admin, used.id, null)).rejects.toThrow(
      /Không thể xóa đài "xa-1": đang được dùng trong chiến dịch Phát thanh bão số 3 \(running\)/,
    );
    const referenced = repo.seed('org-1', { code: 'xa-2', level: 'commune', parentCode: 'mytu' });
    repo.referenced.add(referenced.id);
    repo.liveKeys.set(referenced.id, 1);
    await expect(service.delete(admin, referenced.id, null)).rejects.toThrow(
      new DirectoryConflictError('Không thể xóa đài "xa-2": đang được dùng / Cannot delete xa-2: still referenced'),
    );
    expect(repo.rows.map((r) => r.code)).toEqual(expect.arrayContaining(['xa-1', 'xa-2']));
    expect([...repo.liveKeys.values()]).toEqual([1, 1]);
    expect(events).toEqual([]);
  });

  it('names the field of a bad station and never deletes another organisation’s', async () => {
    const problems = await service
      .create(admin, { code: 'xa-3', name: 'Đài xã', level: 'hamlet', timeZone: 'Mars/Olympus' }, null)
      .catch((e: DirectoryValidationError) => e.problems);
    expect((problems as Array<{ field?: string }>).map((p) => p.field)).toEqual(['level', 'timeZone']);
    const other = repo.rows.find((r) => r.code === 'kg-tinh')!;
    await expect(service.delete(admin, other.id, null)).rejects.toThrow(DirectoryNotFoundError);
    expect(repo.rows).toHaveLength(3);
  });

  it('imports a CSV all or nothing: counts created, updated and unchanged; one bad row writes nothing', async () => {
    const header = 'code,name,level,parent_code,unit_code,region,slots,time_zone';
    const result = await service.importCsv(
      admin,
      [
        header,
        'mytu,Đài huyện Mỹ Tú,district,st-tinh,,,,',
        `mytu-xa-1,Đài xã 1,commune,mytu,,,06:00/15,`,
        `st-tinh,Đài st-tinh,province,,,,,`,
      ].join('\n'),
      null,
    );
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    expect(result.stations.map((s) => s.outcome)).toEqual(['updated', 'created', 'unchanged']);
    expect(events.map((e) => e.action)).toEqual(['station.create', 'station.update', 'station.import']);

    const before = repo.rows.map((r) => ({ ...r }));
    events = [];
    await expect(
      service.importCsv(
        admin,
        [header, 'xa-2,Đài xã 2,commune,mytu,,,,', 'kg-tinh,Trùng mã,province,,,,,'].join('\n'),
        null,
      ),
    ).rejects.toThrow(DirectoryValidationError);
    expect(repo.rows).toEqual(before);
    expect(events).toEqual([]);
  });
});
