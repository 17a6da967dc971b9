import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { revokeSessionsOfUser } from '@loa/auth';
import { isUuid } from '@loa/common';
import type { UserRole } from '@loa/db';

/** An operator as admins see them (never the password hash), with their live sessions counted. */
export interface UserRecord {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  phone: string | null;
  createdAt: Date;
  activeSessions: number;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: UserRole;
  disabled_at: Date | null;
  locked_until: Date | null;
  phone: string | null;
  created_at: Date;
  active_sessions?: string | number;
}

const USER_COLUMNS = `u.id, u.email, u.display_name, u.role, u.disabled_at, u.locked_until, u.phone, u.created_at,
  (SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())
    AS active_sessions`;

function toRecord(u: UserRow): UserRecord {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    disabledAt: u.disabled_at ? new Date(u.disabled_at) : null,
    lockedUntil: u.locked_until ? new Date(u.locked_until) : null,
    phone: u.phone,
    createdAt: new Date(u.created_at),
    activeSessions: Number(u.active_sessions ?? 0),
  };
}

/** The SQL of `users` as admins manage them (sign-in's own reads and writes are libs/auth's). */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction; the methods taking `m` join it. */
  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** The organisation's users, by email, with their live sessions counted. */
  async list(organizationId: string): Promise<UserRecord[]> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.organization_id = $1 ORDER BY u.email`,
      [organizationId],
    );
    return rows.map(toRecord);
  }

  /** One user of the organisation (null for another's, an unknown id or not a UUID); `lock` holds the row. */
  async find(
    organizationId: string,
    id: string,
    opts: { m?: EntityManager; lock?: boolean } = {},
  ): Promise<UserRecord | null> {
    if (!isUuid(id)) return null;
    const rows: UserRow[] = await (opts.m ?? this.dataSource.manager).query(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.organization_id = $2 ${opts.lock ? 'FOR UPDATE' : ''}`,
      [id, organizationId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Whether any user has this email (lower-case); emails sign in, so they are unique across organisations. */
  async emailTaken(m: EntityManager, email: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [email]);
    return rows.length > 0;
  }

  /** Inserts a user; its id (a taken email fails with PostgreSQL's unique violation). */
  async insert(
    m: EntityManager,
    organizationId: string,
    u: { email: string; displayName: string; role: UserRole; passwordHash: string; phone: string | null },
  ): Promise<string> {
    const [row]: Array<{ id: string }> = await m.query(
      `INSERT INTO users (organization_id, email, display_name, role, password_hash, phone)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [organizationId, u.email, u.displayName, u.role, u.passwordHash, u.phone],
    );
    return row.id;
  }

  /** Changes the name and role given (null keeps the stored value), and the phone when given ('' clears it). */
  async update(
    m: EntityManager,
    organizationId: string,
    id: string,
    patch: { displayName: string | null; role: UserRole | null; phone?: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE users SET display_name = COALESCE($3, display_name), role = COALESCE($4, role),
              phone = CASE WHEN $5::boolean THEN $6 ELSE phone END
        WHERE id = $1 AND organization_id = $2`,
      [id, organizationId, patch.displayName, patch.role, patch.phone !== undefined, patch.phone ?? null],
    );
  }

  /** Disables the account now, or enables it again. */
  async setDisabled(m: EntityManager, id: string, disabled: boolean): Promise<void> {
    await m.query(`UPDATE users SET disabled_at = ${disabled ? 'now()' : 'NULL'} WHERE id = $1`, [id]);
  }

  /** A new password hash; any lockout is lifted with it. */
  async setPassword(m: EntityManager, id: string, passwordHash: string): Promise<void> {
    await m.query(`UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1`, [
      id,
      passwordHash,
    ]);
  }

  /** Revokes every live session of the user in the caller's transaction (libs/auth owns sessions); how many. */
  revokeSessions(m: EntityManager, userId: string): Promise<number> {
    return revokeSessionsOfUser(m, userId);
  }
}
