import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { PartnerKeyEntity, PartnerKind, SessionEntity, UserEntity, UserRole } from '@loa/db';
import { AuditService } from '@loa/audit';
import { hashPassword, verifyPassword } from './passwords';
import { newSecret, secretPrefix, sha256 } from './secrets';

export interface AuthenticatedUser {
  id: string;
  organizationId: string;
  role: UserRole;
  email: string;
  displayName: string;
}

export class LoginFailedError extends Error {
  constructor() {
    super('Email or password is incorrect');
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
    if (!(await verifyPassword(user.passwordHash, password))) {
      await this.audit.record({
        actor: { type: 'user', id: user.id, organizationId: user.organizationId, role: user.role },
        organizationId: user.organizationId,
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user.id,
        requestId,
      });
      throw new LoginFailedError();
    }
    const token = newSecret('session');
    const expiresAt = new Date(Date.now() + this.config.auth.tokenTtlSeconds * 1000);
    await this.dataSource.transaction(async (m) => {
      await m.insert(SessionEntity, { userId: user.id, tokenHash: sha256(token), expiresAt });
      await this.audit.record(
        {
          actor: { type: 'user', id: user.id, organizationId: user.organizationId, role: user.role },
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

  /** The user behind a bearer token, or null when unknown, expired or revoked. */
  async authenticate(token: string): Promise<AuthenticatedUser | null> {
    const rows: Array<UserEntity & { revoked_at: Date | null }> = await this.dataSource.query(
      `SELECT u.id, u.organization_id AS "organizationId", u.role, u.email, u.display_name AS "displayName"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [sha256(token)],
    );
    return rows[0] ? toAuthenticated(rows[0]) : null;
  }

  async logout(token: string): Promise<void> {
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ tokenHash: sha256(token), revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Issues a partner API key; only its hash and prefix are stored. The caller shows the key once. */
  async issuePartnerKey(kind: PartnerKind, partnerId: string): Promise<{ key: string; prefix: string }> {
    const key = newSecret(kind);
    await this.dataSource
      .getRepository(PartnerKeyEntity)
      .insert({ partnerKind: kind, partnerId, keyPrefix: secretPrefix(key), keyHash: sha256(key) });
    return { key, prefix: secretPrefix(key) };
  }

  /** The partner id a key belongs to, when the key is valid for that kind and not revoked. */
  async verifyPartnerKey(kind: PartnerKind, key: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(PartnerKeyEntity)
      .findOne({ where: { partnerKind: kind, keyHash: sha256(key), revokedAt: IsNull() } });
    return row?.partnerId ?? null;
  }

  static hashPassword = hashPassword;
}

function toAuthenticated(
  u: Pick<UserEntity, 'id' | 'organizationId' | 'role' | 'email' | 'displayName'>,
): AuthenticatedUser {
  return { id: u.id, organizationId: u.organizationId, role: u.role, email: u.email, displayName: u.displayName };
}
