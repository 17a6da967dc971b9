import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { SessionEntity, UserEntity, UserRole, updateReturning } from '@loa/db';
import { AuditService } from '@loa/audit';
import { hashPassword, verifyPassword } from './passwords';
import { newSecret, sha256 } from './secrets';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async login(
    email: string,
    password: string,
    requestId: string | null,
  ): Promise<{ token: string; expiresAt: Date; user: AuthenticatedUser }> {
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email: email.trim() })
      .getOne();
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
      const [row] = await updateReturning<{ failed_logins: number; locked_until: Date | null }>(
        this.dataSource,
        `UPDATE users SET failed_logins = failed_logins + 1,
                locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) END
          WHERE id = $1 RETURNING failed_logins, locked_until`,
        [user.id, MAX_FAILED_LOGINS, LOCKOUT_SECONDS],
      );
      await this.audit.record({
        actor,
        organizationId: user.organizationId,
        action: row?.locked_until ? 'auth.locked' : 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        after: { failedLogins: row?.failed_logins ?? null },
        requestId,
      });
      throw new LoginFailedError();
    }
    const token = newSecret('session');
    const expiresAt = new Date(Date.now() + this.config.auth.tokenTtlSeconds * 1000);
    await this.dataSource.transaction(async (m) => {
      await m.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [user.id]);
      await m.insert(SessionEntity, { userId: user.id, tokenHash: sha256(token), expiresAt });
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
    const rows: Array<UserEntity & { revoked_at: Date | null }> = await this.dataSource.query(
      `SELECT u.id, u.organization_id AS "organizationId", u.role, u.email, u.display_name AS "displayName"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [sha256(token)],
    );
    return rows[0] ? toAuthenticated(rows[0]) : null;
  }

  async logout(token: string): Promise<void> {
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ tokenHash: sha256(token), revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

function toAuthenticated(
  u: Pick<UserEntity, 'id' | 'organizationId' | 'role' | 'email' | 'displayName'>,
): AuthenticatedUser {
  return { id: u.id, organizationId: u.organizationId, role: u.role, email: u.email, displayName: u.displayName };
}
