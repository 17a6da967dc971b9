import type { EntityManager } from 'typeorm';
import type { AuditInput, AuditService } from '@loa/audit';
import { verifyPassword } from '@loa/auth';
import type { UserRole } from '@loa/db';
import { DirectoryConflictError, DirectoryNotFoundError } from './errors';
import { UsersAdminService } from './users-admin.service';
import type { UsersRepository } from './users.repository';
import { FakeUsersRepository } from './users.repository.fake';
import { problemField } from './testing';

const ORG = 'org-1';
const PASSWORD = 'Mật-khẩu-đủ-dài-1';

describe('UsersAdminService (fake users repository, real password hashing)', () => {
  let repo: FakeUsersRepository;
  let events: Array<AuditInput & { inTransaction: boolean }>;
  let service: UsersAdminService;
  let admin: { type: 'user'; id: string; organizationId: string; role: string };

  beforeEach(() => {
    repo = new FakeUsersRepository();
    events = [];
    const audit = {
      record: async (e: AuditInput, m?: EntityManager) =>
        void events.push({ ...e, inTransaction: m !== undefined && repo.transactions.includes(m) }),
    };
    service = new UsersAdminService(repo as unknown as UsersRepository, audit as unknown as AuditService);
    const me = repo.seed(ORG, { email: 'admin@soctrang.gov.vn', role: 'admin' });
    admin = { type: 'user', id: me.id, organizationId: ORG, role: 'admin' };
  });

  describe('create', () => {
    it('stores a lower-cased email, an NFC name and an argon2 hash; the audit never sees the password', async () => {
      const created = await service.create(
        admin,
        {
          email: ' Can.Bo@SocTrang.Gov.VN ',
          displayName: 'Nguyễn Thị Hoà'.normalize('NFD'),
          role: 'editor',
          password: PASSWORD,
          phone: '0912 345 678',
        },
        'req-1',
      );
      expect(created).toEqual({
        id: expect.any(String),
        email: 'can.bo@soctrang.gov.vn',
        displayName: 'Nguyễn Thị Hoà'.normalize('NFC'),
        role: 'editor',
        disabledAt: null,
        lockedUntil: null,
        phone: '84912345678',
        activeSessions: 0,
        createdAt: expect.any(String),
      });
      const stored = repo.users.find((u) => u.id === created.id)!;
      expect(stored.organizationId).toBe(ORG);
      expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(true);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'user.create',
          targetType: 'user',
          targetId: created.id,
          before: null,
          after: {
            email: 'can.bo@soctrang.gov.vn',
            displayName: created.displayName,
            role: 'editor',
            disabled: false,
            phone: '84912345678',
          },
          requestId: 'req-1',
          inTransaction: true,
        }),
      ]);
      expect(JSON.stringify(events)).not.toContain(PASSWORD);
      expect(JSON.stringify(events)).not.toContain(stored.passwordHash);
    });

    it('refuses a bad email, name, role or password by field and writes nothing', async () => {
      const good = { email: 'a@b.vn', displayName: 'A', role: 'editor' as UserRole, password: PASSWORD };
      expect(await problemField(service.create(admin, { ...good, email: 'a@b' }, null))).toBe('email');
      expect(await problemField(service.create(admin, { ...good, displayName: '\u0007' }, null))).toBe('displayName');
      expect(await problemField(service.create(admin, { ...good, role: 'root' as UserRole }, null))).toBe('role');
      expect(await problemField(service.create(admin, { ...good, password: 'ngắn-quá' }, null))).toBe('password');
      expect(await problemField(service.create(admin, { ...good, password: 'x'.repeat(201) }, null))).toBe('password');
      expect(repo.users).toHaveLength(1);
      expect(events).toEqual([]);
    });

    it('counts password length in NFC characters (12 accented letters typed decomposed are enough; 11 are not)', async () => {
      const twelve = 'ảẩẫậặắằẳẵẻẽế';
      expect([...twelve.normalize('NFD')].length).toBeGreaterThan(12);
      await expect(
        service.create(
          admin,
          { email: 'a@b.vn', displayName: 'A', role: 'editor', password: twelve.normalize('NFD') },
          null,
        ),
      ).resolves.toMatchObject({ email: 'a@b.vn' });
      expect(
        await problemField(
          service.create(
            admin,
            { email: 'c@b.vn', displayName: 'C', role: 'editor', password: twelve.slice(1).normalize('NFD') },
            null,
          ),
        ),
      ).toBe('password');
    });

    it('refuses an email any organisation already uses, whatever its case, and one taken in a race (409)', async () => {
      repo.seed('org-2', { email: 'taken@b.vn' });
      const input = { email: 'TAKEN@b.vn', displayName: 'T', role: 'editor' as UserRole, password: PASSWORD };
      const conflict = new DirectoryConflictError('Email taken@b.vn đã được dùng / Email taken@b.vn is already in use');
      await expect(service.create(admin, input, null)).rejects.toThrow(conflict);
      repo.missEmails = true; // the check misses it; the unique index catches it
      await expect(service.create(admin, input, null)).rejects.toThrow(conflict);
      expect(repo.users).toHaveLength(2);
      expect(events).toEqual([]);
    });
  });

  describe('another organisation’s user', () => {
    it('is not found for every action, like an unknown id or a non-id, and is left untouched', async () => {
      const other = repo.seed('org-2', { email: 'other@b.vn', role: 'admin' });
      repo.sessions.set(other.id, 2);
      for (const id of [other.id, '3f1e2d4c-0000-4000-8000-000000000000', 'not-an-id']) {
        await expect(service.get(ORG, id)).rejects.toThrow(DirectoryNotFoundError);
        await expect(service.update(admin, id, { role: 'editor' }, null)).rejects.toThrow(DirectoryNotFoundError);
        await expect(service.disable(admin, id, null)).rejects.toThrow(DirectoryNotFoundError);
        await expect(service.enable(admin, id, null)).rejects.toThrow(DirectoryNotFoundError);
        await expect(service.resetPassword(admin, id, 'short', null)).rejects.toThrow(DirectoryNotFoundError);
        await expect(service.revokeAllSessions(admin, id, null)).rejects.toThrow(DirectoryNotFoundError);
      }
      expect(repo.users.find((u) => u.id === other.id)).toMatchObject({ role: 'admin', disabledAt: null });
      expect(repo.sessions.get(other.id)).toBe(2);
      expect((await service.list(ORG)).map((u) => u.email)).toEqual(['admin@soctrang.gov.vn']);
      expect(events).toEqual([]);
    });
  });

  describe('update', () => {
    it('changes name and role, audits before and after, and nothing when nothing changed', async () => {
      const u = repo.seed(ORG, { email: 'u@b.vn', displayName: 'Lan', role: 'editor' });
      expect(await service.update(admin, u.id, { displayName: 'Lan' }, null)).toMatchObject({ displayName: 'Lan' });
      expect(events).toEqual([]);
      const after = await service.update(admin, u.id, { displayName: ' Lan Anh ', role: 'approver' }, 'req-2');
      expect(after).toMatchObject({ displayName: 'Lan Anh', role: 'approver' });
      expect(events).toEqual([
        expect.objectContaining({
          action: 'user.update',
          targetId: u.id,
          before: { email: 'u@b.vn', displayName: 'Lan', role: 'editor', disabled: false, phone: null },
          after: { email: 'u@b.vn', displayName: 'Lan Anh', role: 'approver', disabled: false, phone: null },
          inTransaction: true,
        }),
      ]);
      expect(await problemField(service.update(admin, u.id, { role: 'owner' as UserRole }, null))).toBe('role');
      expect(await problemField(service.update(admin, u.id, { displayName: '' }, null))).toBe('displayName');
    });

    it('sets a mobile number in any common form, clears it with an empty one, and names a bad one', async () => {
      const u = repo.seed(ORG, { email: 'u@b.vn' });
      expect(await service.update(admin, u.id, { phone: '+84 912.345.678' }, null)).toMatchObject({
        phone: '84912345678',
      });
      expect(await service.update(admin, u.id, { displayName: 'Lan' }, null)).toMatchObject({ phone: '84912345678' });
      expect(await problemField(service.update(admin, u.id, { phone: '0212 345 678' }, null))).toBe('phone');
      expect(await service.update(admin, u.id, { phone: '' }, null)).toMatchObject({ phone: null });
      expect(events.map((e) => [e.before?.phone, e.after?.phone])).toEqual([
        [null, '84912345678'],
        ['84912345678', '84912345678'],
        ['84912345678', null],
      ]);
    });

    it('does not let an admin remove their own admin role, but lets them demote another admin', async () => {
      await expect(service.update(admin, admin.id, { role: 'approver' }, null)).rejects.toThrow(
        new DirectoryConflictError(
          'Không thể tự gỡ quyền quản trị của chính mình / You cannot remove your own admin role',
        ),
      );
      await service.update(admin, admin.id, { displayName: 'Quản trị' }, null);
      const other = repo.seed(ORG, { email: 'admin2@b.vn', role: 'admin' });
      await service.update(admin, other.id, { role: 'editor' }, null);
      expect(repo.users.map((u) => u.role)).toEqual(['admin', 'editor']);
      expect(events.map((e) => e.action)).toEqual(['user.update', 'user.update']);
    });
  });

  describe('disable and enable', () => {
    it('disables a user and revokes their sessions in the same transaction; a second disable changes nothing', async () => {
      const u = repo.seed(ORG, { email: 'u@b.vn' });
      repo.sessions.set(u.id, 3);
      const after = await service.disable(admin, u.id, 'req-3');
      expect(after.disabledAt).toEqual(expect.any(String));
      expect(after.activeSessions).toBe(0);
      expect(repo.sessions.get(u.id) ?? 0).toBe(0);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'user.disable',
          before: expect.objectContaining({ disabled: false }),
          after: expect.objectContaining({ disabled: true, sessionsRevoked: 3 }),
          inTransaction: true,
        }),
      ]);
      await service.disable(admin, u.id, null);
      expect(events).toHaveLength(1);

      const enabled = await service.enable(admin, u.id, null);
      expect(enabled.disabledAt).toBeNull();
      await service.enable(admin, u.id, null);
      expect(events.map((e) => [e.action, e.before?.disabled, e.after?.disabled])).toEqual([
        ['user.disable', false, true],
        ['user.enable', true, false],
      ]);
    });

    it('does not let an admin disable themself', async () => {
      repo.sessions.set(admin.id, 1);
      await expect(service.disable(admin, admin.id, null)).rejects.toThrow(
        new DirectoryConflictError(
          'Không thể tự vô hiệu hóa tài khoản của chính mình / You cannot disable your own account',
        ),
      );
      expect(repo.users[0].disabledAt).toBeNull();
      expect(repo.sessions.get(admin.id)).toBe(1);
      expect(events).toEqual([]);
    });
  });

  describe('resetPassword and revokeAllSessions', () => {
    it('sets a new hash, lifts a lockout and revokes every session; the audit says so without the password', async () => {
      const lockedUntil = new Date(Date.now() + 10 * 60_000);
      const u = repo.seed(ORG, { email: 'u@b.vn', lockedUntil, failedLogins: 5 });
      expect((await service.get(ORG, u.id)).lockedUntil).toBe(lockedUntil.toISOString());
      repo.sessions.set(u.id, 2);
      const after = await service.resetPassword(admin, u.id, PASSWORD, 'req-4');
      expect(after).toMatchObject({ lockedUntil: null, activeSessions: 0 });
      const stored = repo.users.find((x) => x.id === u.id)!;
      expect(stored).toMatchObject({ failedLogins: 0, lockedUntil: null });
      expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(true);
      expect(events).toEqual([
        expect.objectContaining({
          action: 'user.password_reset',
          before: { locked: true },
          after: { passwordChanged: true, locked: false, sessionsRevoked: 2 },
          inTransaction: true,
        }),
      ]);
      expect(JSON.stringify(events)).not.toContain(PASSWORD);
    });

    it('refuses a password of the wrong length by field, changing nothing', async () => {
      const u = repo.seed(ORG, { email: 'u@b.vn' });
      repo.sessions.set(u.id, 1);
      expect(await problemField(service.resetPassword(admin, u.id, 'short', null))).toBe('password');
      expect(repo.users.find((x) => x.id === u.id)!.passwordHash).toBe('seeded-hash');
      expect(repo.sessions.get(u.id)).toBe(1);
      expect(events).toEqual([]);
    });

    it('revokes every session of a user and answers how many, audited', async () => {
      const u = repo.seed(ORG, { email: 'u@b.vn' });
      repo.sessions.set(u.id, 4);
      expect(await service.revokeAllSessions(admin, u.id, null)).toEqual({ revoked: 4 });
      expect(await service.revokeAllSessions(admin, u.id, null)).toEqual({ revoked: 0 });
      expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
        ['user.sessions_revoke', { activeSessions: 4 }, { activeSessions: 0, sessionsRevoked: 4 }],
        ['user.sessions_revoke', { activeSessions: 0 }, { activeSessions: 0, sessionsRevoked: 0 }],
      ]);
    });
  });

  it('shows a lockout only while it lasts', async () => {
    const u = repo.seed(ORG, { email: 'u@b.vn', lockedUntil: new Date(Date.now() - 1000) });
    expect((await service.get(ORG, u.id)).lockedUntil).toBeNull();
  });
});
