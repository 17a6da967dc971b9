import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { SessionEntity, UserEntity, updateReturning } from '@loa/db';

/** A user as sign-in reads them: with the password hash and the lockout state. */
export type LoginUser = Pick<
  UserEntity,
  'id' | 'organizationId' | 'role' | 'email' | 'displayName' | 'passwordHash' | 'disabledAt' | 'lockedUntil'
>;

/** The user a live session belongs to. */
export type SessionUser = Pick<UserEntity, 'id' | 'organizationId' | 'role' | 'email' | 'displayName'>;

/** The SQL of signing in: users' login state (failed attempts, lockout) and `sessions` (stored as token hashes). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The user with this email (case-insensitive), with the password hash; null when there is none. */
  userForLogin(email: string): Promise<LoginUser | null> {
    return this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = lower(:email)', { email })
      .getOne();
  }

  /**
   * One more wrong password, counted atomically; the `maxFailures`-th in a row locks the account for
   * `lockSeconds`. Returns the count and the lock's end (null while not locked).
   */
  async recordFailure(
    userId: string,
    maxFailures: number,
    lockSeconds: number,
  ): Promise<{ failedLogins: number; lockedUntil: Date | null } | null> {
    const [row] = await updateReturning<{ failed_logins: number; locked_until: Date | null }>(
      this.dataSource,
      `UPDATE users SET failed_logins = failed_logins + 1,
              locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3) END
        WHERE id = $1 RETURNING failed_logins, locked_until`,
      [userId, maxFailures, lockSeconds],
    );
    return row ? { failedLogins: Number(row.failed_logins), lockedUntil: row.locked_until } : null;
  }

  /** In the caller's transaction: failures forgotten, and a session stored by its token's hash. */
  async startSession(m: EntityManager, userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    await m.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [userId]);
    await m.insert(SessionEntity, { userId, tokenHash, expiresAt });
  }

  /** The enabled user of a session neither expired nor revoked, by the token's hash. */
  async userOfSession(tokenHash: string): Promise<SessionUser | null> {
    const rows: SessionUser[] = await this.dataSource.query(
      `SELECT u.id, u.organization_id AS "organizationId", u.role, u.email, u.display_name AS "displayName"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.dataSource
      .getRepository(SessionEntity)
      .update({ tokenHash, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}

/** In the caller's transaction: every live session of the user is revoked; how many. */
export async function revokeSessionsOfUser(m: EntityManager, userId: string): Promise<number> {
  const rows = await updateReturning<{ id: string }>(
    m,
    `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
    [userId],
  );
  return rows.length;
}
