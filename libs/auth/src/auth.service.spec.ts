import type { EntityManager } from 'typeorm';
import type { AuditInput, AuditService } from '@loa/audit';
import type { AppConfig } from '@loa/config';
import {
  AccountDisabledError,
  AccountLockedError,
  AuthService,
  LoginFailedError,
  MAX_FAILED_LOGINS,
} from './auth.service';
import { hashPassword } from './passwords';
import { sha256 } from './secrets';
import type { SessionsRepository } from './sessions.repository';
import { FakeSessionsRepository } from './sessions.repository.fake';

describe('AuthService (fake sessions repository, real password hashing)', () => {
  let sessions: FakeSessionsRepository;
  let events: Array<{ action: string; inTransaction: boolean; after?: unknown }>;
  let auth: AuthService;
  let passwordHash: string;

  beforeAll(async () => {
    passwordHash = await hashPassword('Đúng-mật-khẩu-1');
  });

  beforeEach(() => {
    sessions = new FakeSessionsRepository();
    sessions.users.push({
      id: 'u-1',
      organizationId: 'org-1',
      role: 'editor',
      email: 'bientap@soctrang.gov.vn',
      displayName: 'Biên tập viên',
      passwordHash,
      disabledAt: null,
      lockedUntil: null,
      failedLogins: 0,
    });
    events = [];
    const audit = {
      record: async (e: AuditInput, m?: EntityManager) =>
        void events.push({ action: e.action, inTransaction: m !== undefined, after: e.after }),
    };
    const config = { auth: { tokenTtlSeconds: 3600 } } as AppConfig;
    auth = new AuthService(sessions as unknown as SessionsRepository, config, audit as unknown as AuditService);
  });

  it('signs in with the right password (email case-insensitive): a session by token hash, audited with it', async () => {
    const { token, user } = await auth.login('  BienTap@SocTrang.gov.vn ', 'Đúng-mật-khẩu-1', 'req-1');
    expect(user).toEqual({
      id: 'u-1',
      organizationId: 'org-1',
      role: 'editor',
      email: 'bientap@soctrang.gov.vn',
      displayName: 'Biên tập viên',
    });
    expect(sessions.sessions).toHaveLength(1);
    expect(sessions.sessions[0].tokenHash).toBe(sha256(token));
    expect(sessions.sessions[0].tokenHash).not.toBe(token);
    expect(events).toEqual([{ action: 'auth.login', inTransaction: true, after: undefined }]);
    expect(await auth.authenticate(token)).toMatchObject({ id: 'u-1' });
    await auth.logout(token);
    expect(await auth.authenticate(token)).toBeNull();
  });

  it('answers an unknown email and a wrong password alike, counting only the real account’s failures', async () => {
    await expect(auth.login('nobody@soctrang.gov.vn', 'x', null)).rejects.toThrow(LoginFailedError);
    expect(events).toEqual([]);
    await expect(auth.login('bientap@soctrang.gov.vn', 'sai', null)).rejects.toThrow(LoginFailedError);
    expect(events).toEqual([{ action: 'auth.login_failed', inTransaction: false, after: { failedLogins: 1 } }]);
  });

  it(`locks the account at the ${MAX_FAILED_LOGINS}th wrong password; then even the right one is refused`, async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      await expect(auth.login('bientap@soctrang.gov.vn', 'sai', null)).rejects.toThrow(LoginFailedError);
    }
    expect(events.map((e) => e.action)).toEqual([
      ...Array(MAX_FAILED_LOGINS - 1).fill('auth.login_failed'),
      'auth.locked',
    ]);
    await expect(auth.login('bientap@soctrang.gov.vn', 'Đúng-mật-khẩu-1', null)).rejects.toThrow(AccountLockedError);
    expect(sessions.sessions).toEqual([]);
  });

  it('tells a disabled account so only to someone who knows its password, and audits the refusal', async () => {
    sessions.users[0].disabledAt = new Date();
    await expect(auth.login('bientap@soctrang.gov.vn', 'sai', null)).rejects.toThrow(LoginFailedError);
    await expect(auth.login('bientap@soctrang.gov.vn', 'Đúng-mật-khẩu-1', null)).rejects.toThrow(AccountDisabledError);
    expect(events.map((e) => e.action)).toEqual(['auth.login_refused']);
    expect(sessions.sessions).toEqual([]);
  });

  it('forgets earlier failures after a successful sign-in', async () => {
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      await expect(auth.login('bientap@soctrang.gov.vn', 'sai', null)).rejects.toThrow(LoginFailedError);
    }
    await auth.login('bientap@soctrang.gov.vn', 'Đúng-mật-khẩu-1', null);
    await expect(auth.login('bientap@soctrang.gov.vn', 'sai', null)).rejects.toThrow(LoginFailedError);
    expect(events.at(-1)).toEqual({ action: 'auth.login_failed', inTransaction: false, after: { failedLogins: 1 } });
  });
});
