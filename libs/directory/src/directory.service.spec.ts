import type { EntityManager } from 'typeorm';
import type { AuditInput, AuditService } from '@loa/audit';
import type { AppConfig } from '@loa/config';
import type { AgenciesPortalsRepository } from './agencies-portals.repository';
import { FakeAgenciesPortalsRepository } from './agencies-portals.repository.fake';
import { DirectoryService } from './directory.service';
import { DirectoryConflictError, DirectoryNotFoundError } from './errors';
import { problemField } from './testing';

const admin = { type: 'user' as const, id: 'admin-1', organizationId: 'org-1', role: 'admin' };
const config = { http: { publicBaseUrl: 'https://loa.example.gov.vn' } } as AppConfig;

describe('DirectoryService (fake agencies/portals repository, no database)', () => {
  let repo: FakeAgenciesPortalsRepository;
  let events: Array<AuditInput & { inTransaction: boolean }>;
  let service: DirectoryService;

  beforeEach(() => {
    repo = new FakeAgenciesPortalsRepository();
    events = [];
    const audit = {
      record: async (e: AuditInput, m?: EntityManager) =>
        void events.push({ ...e, inTransaction: m !== undefined && repo.transactions.includes(m) }),
    };
    service = new DirectoryService(
      repo as unknown as AgenciesPortalsRepository,
      config,
      audit as unknown as AuditService,
    );
  });

  describe('agencies', () => {
    it('creates an agency with NFC text, lower-cased code, email and group, audited in its transaction', async () => {
      const created = await service.createAgency(
        admin,
        {
          code: ' SO-YTE ',
          name: 'Sở Y tế tỉnh Sóc Trăng'.normalize('NFD'),
          email: 'VanThu@SoYTe.Gov.VN',
          group: 'So-Nganh',
        },
        'req-1',
      );
      expect(created).toEqual({
        id: expect.any(String),
        code: 'so-yte',
        name: 'Sở Y tế tỉnh Sóc Trăng'.normalize('NFC'),
        email: 'vanthu@soyte.gov.vn',
        group: 'so-nganh',
      });
      expect(repo.agencies).toHaveLength(1);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'agency.create',
          targetType: 'agency',
          targetId: created.id,
          before: null,
          after: { code: 'so-yte', name: created.name, email: 'vanthu@soyte.gov.vn', group: 'so-nganh' },
          requestId: 'req-1',
          inTransaction: true,
        }),
      ]);
    });

    it('refuses a bad field by name and writes nothing', async () => {
      const good = { code: 'so-yte', name: 'Sở Y tế', email: 'a@b.vn', group: 'so-nganh' };
      expect(await problemField(service.createAgency(admin, { ...good, code: 'sở y tế' }, null))).toBe('code');
      expect(await problemField(service.createAgency(admin, { ...good, name: '  ' }, null))).toBe('name');
      expect(await problemField(service.createAgency(admin, { ...good, email: 'not-an-email' }, null))).toBe('email');
      expect(await problemField(service.createAgency(admin, { ...good, group: 'a b' }, null))).toBe('group');
      expect(await problemField(service.createAgency(admin, { ...good, name: 'Sở\u202eY tế' }, null))).toBe('name');
      expect(repo.agencies).toEqual([]);
      expect(events).toEqual([]);
    });

    it('refuses a code the organisation already has (409), while another organisation may hold it', async () => {
      repo.seedAgency('org-1', { code: 'so-yte' });
      repo.seedAgency('org-2', { code: 'so-gd' });
      const input = { code: 'SO-YTE', name: 'Sở Y tế', email: 'a@b.vn', group: 'so-nganh' };
      await expect(service.createAgency(admin, input, null)).rejects.toThrow(
        new DirectoryConflictError('Mã "so-yte" đã tồn tại / A agency with code "so-yte" already exists'),
      );
      await service.createAgency(admin, { ...input, code: 'so-gd' }, null);
      expect(repo.agencies.filter((a) => a.code === 'so-gd').map((a) => a.organizationId)).toEqual(['org-2', 'org-1']);
      expect(events.map((e) => e.action)).toEqual(['agency.create']);
    });

    it('updates the fields given, audits only a real change with before and after', async () => {
      const a = repo.seedAgency('org-1', { code: 'so-yte', name: 'Sở Y tế', email: 'a@b.vn', group: 'so-nganh' });
      const same = await service.updateAgency(admin, a.id, { name: 'Sở Y tế' }, null);
      expect(same).toEqual(a);
      expect(events).toEqual([]);

      const after = await service.updateAgency(admin, a.id, { email: 'VT@B.VN' }, 'req-2');
      expect(after).toEqual({ ...a, email: 'vt@b.vn' });
      expect(events).toEqual([
        expect.objectContaining({
          action: 'agency.update',
          targetId: a.id,
          before: { code: 'so-yte', name: 'Sở Y tế', email: 'a@b.vn', group: 'so-nganh' },
          after: { code: 'so-yte', name: 'Sở Y tế', email: 'vt@b.vn', group: 'so-nganh' },
          inTransaction: true,
        }),
      ]);
      expect(await problemField(service.updateAgency(admin, a.id, { group: 'Nhóm 1' }, null))).toBe('group');
    });

    it('answers another organisation’s agency, an unknown id and a non-id alike: not found', async () => {
      const other = repo.seedAgency('org-2', { code: 'so-yte' });
      for (const id of [other.id, '3f1e2d4c-0000-4000-8000-000000000000', 'not-an-id']) {
        await expect(service.updateAgency(admin, id, { name: 'x' }, null)).rejects.toThrow(DirectoryNotFoundError);
        await expect(service.deleteAgency(admin, id, null)).rejects.toThrow(DirectoryNotFoundError);
      }
      expect(repo.agencies).toHaveLength(1);
      expect(await service.listAgencies('org-1')).toEqual([]);
    });

    it('refuses to delete an agency a campaign uses, naming the campaigns; deletes an unused one, audited', async () => {
      const used = repo.seedAgency('org-1', { code: 'so-yte' });
      const unused = repo.seedAgency('org-1', { code: 'so-gd' });
      repo.usedBy.set(used.id, ['Phòng chống sốt xuất huyết (running)']);
      await expect(service.deleteAgency(admin, used.id, null)).rejects.toThrow(
        /Không thể xóa cơ quan "so-yte": đang được dùng trong chiến dịch Phòng chống sốt xuất huyết \(running\)/,
      );
      await service.deleteAgency(admin, unused.id, 'req-3');
      expect(repo.agencies.map((a) => a.code)).toEqual(['so-yte']);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'agency.delete',
          targetId: unused.id,
          before: expect.objectContaining({ code: 'so-gd' }),
          after: null,
          inTransaction: true,
        }),
      ]);
    });
  });

  describe('portals', () => {
    it('creates a portal with a fresh embed key and its public embed URL; the audit keeps only a key prefix', async () => {
      const p = await service.createPortal(
        admin,
        { code: 'Cong-Tinh', name: 'Cổng thông tin tỉnh'.normalize('NFD'), url: 'https://soctrang.gov.vn/' },
        null,
      );
      expect(p).toMatchObject({ code: 'cong-tinh', name: 'Cổng thông tin tỉnh'.normalize('NFC') });
      expect(p.embedKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(p.embedUrl).toBe(`https://loa.example.gov.vn/embed/${p.embedKey}`);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'portal.create',
          after: {
            code: 'cong-tinh',
            name: p.name,
            url: 'https://soctrang.gov.vn/',
            embedKey: `${p.embedKey.slice(0, 6)}…`,
          },
          inTransaction: true,
        }),
      ]);
      const second = await service.createPortal(admin, { code: 'cong-2', name: 'x', url: 'http://a.vn' }, null);
      expect(second.embedKey).not.toBe(p.embedKey);
    });

    it('refuses a URL that is not http(s) or carries credentials, by field, and a taken code', async () => {
      const input = { code: 'cong', name: 'Cổng', url: 'https://a.vn' };
      expect(await problemField(service.createPortal(admin, { ...input, url: 'ftp://a.vn' }, null))).toBe('url');
      expect(await problemField(service.createPortal(admin, { ...input, url: 'https://u:p@a.vn' }, null))).toBe('url');
      repo.seedPortal('org-1', { code: 'cong' });
      await expect(service.createPortal(admin, input, null)).rejects.toThrow(DirectoryConflictError);
      expect(repo.portals).toHaveLength(1);
      expect(events).toEqual([]);
    });

    it('updates name and URL, audits only a real change; another organisation’s portal is not found', async () => {
      const p = repo.seedPortal('org-1', { code: 'cong', url: 'https://a.vn' });
      await service.updatePortal(admin, p.id, { url: 'https://a.vn' }, null);
      expect(events).toEqual([]);
      const after = await service.updatePortal(admin, p.id, { url: ' https://b.vn ' }, null);
      expect(after.url).toBe('https://b.vn');
      expect(events.map((e) => e.action)).toEqual(['portal.update']);
      const other = repo.seedPortal('org-2', { code: 'cong' });
      await expect(service.updatePortal(admin, other.id, { name: 'x' }, null)).rejects.toThrow(DirectoryNotFoundError);
    });

    it('rotates the embed key: a new URL, the audit shows old and new prefixes only', async () => {
      const p = repo.seedPortal('org-1', { code: 'cong', embedKey: 'oldkey-0123456789abcdef' });
      const after = await service.rotateEmbedKey(admin, p.id, null);
      expect(after.embedKey).not.toBe('oldkey-0123456789abcdef');
      expect(after.embedUrl).toBe(`https://loa.example.gov.vn/embed/${after.embedKey}`);
      expect(repo.portals[0].embedKey).toBe(after.embedKey);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'portal.rotate_embed_key',
          before: { embedKey: 'oldkey…' },
          after: { embedKey: `${after.embedKey.slice(0, 6)}…` },
          inTransaction: true,
        }),
      ]);
    });

    it('deletes an unused portal and revokes its keys in the same transaction, counting them in the audit', async () => {
      const withKeys = repo.seedPortal('org-1', { code: 'cong-1' });
      const without = repo.seedPortal('org-1', { code: 'cong-2' });
      repo.liveKeys.set(withKeys.id, 2);
      await service.deletePortal(admin, withKeys.id, null);
      await service.deletePortal(admin, without.id, null);
      expect(repo.portals).toEqual([]);
      expect(repo.liveKeys.size).toBe(0);
      expect(events.map((e) => [e.action, e.after, e.inTransaction])).toEqual([
        ['portal.delete', { partnerKeysRevoked: 2 }, true],
        ['portal.delete', null, true],
      ]);
    });

    it('keeps a portal a campaign uses (409 naming it) or still referenced, and its keys with it', async () => {
      const used = repo.seedPortal('org-1', { code: 'cong-1' });
      repo.usedBy.set(used.id, ['Banner A (completed)', 'Banner B (running)']);
      repo.liveKeys.set(used.id, 1);
      await expect(service.deletePortal(admin, used.id, null)).rejects.toThrow(
        /Không thể xóa cổng thông tin "cong-1": đang được dùng trong chiến dịch Banner A \(completed\); Banner B \(running\)/,
      );
      const referenced = repo.seedPortal('org-1', { code: 'cong-2' });
      repo.referenced.add(referenced.id);
      repo.liveKeys.set(referenced.id, 3);
      await expect(service.deletePortal(admin, referenced.id, null)).rejects.toThrow(
        new DirectoryConflictError(
          `Không thể xóa cổng thông tin: đang được dùng trong chiến dịch / Cannot delete ${referenced.id}: still used by a campaign`,
        ),
      );
      expect(repo.portals).toHaveLength(2);
      expect([...repo.liveKeys.values()]).toEqual([1, 3]);
      expect(events).toEqual([]);
    });
  });

  it('lists only the caller’s organisation, and the national carriers as stored', async () => {
    repo.seedAgency('org-1', { code: 'b', group: 'g2' });
    repo.seedAgency('org-1', { code: 'a', group: 'g2' });
    repo.seedAgency('org-1', { code: 'z', group: 'g1' });
    repo.seedAgency('org-2', { code: 'c' });
    repo.seedPortal('org-2', { code: 'cong' });
    repo.carriers.push({ code: 'viettel', name: 'Viettel', provider: 'smpp', senderName: 'UBND', enabled: true });
    expect((await service.listAgencies('org-1')).map((a) => a.code).sort()).toEqual(['a', 'b', 'z']);
    expect(await service.listPortals('org-1')).toEqual([]);
    expect(await service.listCarriers()).toEqual([
      { code: 'viettel', name: 'Viettel', provider: 'smpp', senderName: 'UBND', enabled: true },
    ]);
  });
});
