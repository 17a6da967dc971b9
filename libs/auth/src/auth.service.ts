import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import type { UserRole } from '@loa/db';
import { AuditService } from '@loa/audit';
import { hashPassword, verifyPassword } from './passwords';
import { newSecret, sha256 } from './secrets';
import { SessionUser, SessionsRepository } from './sessions.repository';

export interface AuthenticatedUser {
  id: string;
  organizationId: string;
  role: UserRole;
  email: string;
  displayName: string;
}

export class LoginFailedError extends Error {
  constructor() {
    super('Email hoặc mật khẩu không đúng / Email or password is incorrect');
  }
}

/** After MAX_FAILED_LOGINS wrong passwords in a row the account refuses logins for LOCKOUT_SECONDS. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_SECONDS = 15 * 60;

export class AccountLockedError extends Error {
  constructor(readonly until: Date) {
    super(
      `Tài khoản tạm khóa do đăng nhập sai nhiều lần / Account locked after repeated failed logins until ${until.toISOString()}`,
    );
  }
}

/** An admin disabled the account; said only to someone who knows its password. */
export class AccountDisabledError extends Error {
  constructor() {
    super('Tài khoản đã bị vô hiệu hóa, liên hệ quản trị viên / Account disabled, contact your administrator');
  }
}

// Burns comparable time when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | null = null;

@Injectable()
export class AuthService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async login(
    email: string,
    password: string,
    requestId: string | null,
  ): Promise<{ token: string; expiresAt: Date; user: AuthenticatedUser }> {
    const user = await this.sessions.userForLogin(email.trim());
    if (!user) {
      dummyHash ??= hashPassword('not-a-real-password');
      await verifyPassword(await dummyHash, password);
      throw new LoginFailedError();
    }
    const actor = { type: 'user' as const, id: user.id, organizationId: user.organizationId, role: user.role };
    if (user.disabledAt) {
      // Same cost as a normal attempt; a wrong password gets the usual answer, so this reveals nothing new.
      if (!(await verifyPassword(user.passwordHash, password))) throw new LoginFailedError();
      await this.audit.record({
        actor,
        organizationId: user.organizationId,
        action: 'auth.login_refused',
        targetType: 'user',
        targetId: user.id,
        after: { reason: 'disabled' },
        requestId,
      });
      throw new AccountDisabledError();
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      await verifyPassword(user.passwordHash, password); // same cost as a normal attempt
      throw new AccountLockedError(user.lockedUntil);
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      const row = await this.sessions.recordFailure(user.id, MAX_FAILED_LOGINS, LOCKOUT_SECONDS);
      await this.audit.record({
        actor,
        organizationId: user.organizationId,
        action: row?.lockedUntil ? 'auth.locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        after: { failedLogins: row?.failedLogins ?? null },
        requestId,
      });
      throw new LoginFailedError();
    }
    const token = newSecret('session');
    const expiresAt = new Date(Date.now() + this.config.auth.tokenTtlSeconds * 1000);
    await this.sessions.transaction(async (m) => {
      await this.sessions.startSession(m, user.id, sha256(token), expiresAt);
      await this.audit.record(
        {
          actor,
          organizationId: user.organizationId,
          action: 'auth.login',
          targetType: 'user',
          targetId: user.id,
          requestId,
        },
        m,
      );
    });
    return { token, expiresAt, user: toAuthenticated(user) };
  }

  /** The user behind a bearer token, or null when unknown, expired, revoked or the user is disabled. */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const user = await this.sessions.userOfSession(sha256(token));
    return user ? toAuthenticated(user) : null;
  }

  async logout(token: string): Promise<void> {
    await this.sessions.revoke(sha256(token));
  }
}

function toAuthenticated(u: SessionUser): AuthenticatedUser {
  return { id: u.id, organizationId: u.organizationId, role: u.role, email: u.email, displayName: u.displayName };
}
