import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { hashPassword } from '@loa/auth';
import { USER_ROLES, UserRole, updateReturning } from '@loa/db';
import { isUniqueViolation } from './db-errors';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from './errors';
import { emailAddress, singleLine } from './validation';
import { isUuid } from '@loa/common';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  disabledAt: string | null;
  lockedUntil: string | null;
  activeSessions: number;
  createdAt: string;
}

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: UserRole;
  disabled_at: Date | null;
  locked_until: Date | null;
  created_at: Date;
  active_sessions?: string | number;
}

type AdminActor = Actor & { type: 'user' };

const USER_COLUMNS = `u.id, u.email, u.display_name, u.role, u.disabled_at, u.locked_until, u.created_at,
  (SELECT count(*) FROM sessions s WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())
    AS active_sessions`;

/** What may appear in the audit trail about a user (never the password or its hash). */
function auditable(u: UserRow): Record<string, unknown> {
  return {
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    disabled: !!u.disabled_at,
  };
}

function view(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    disabledAt: u.disabled_at ? new Date(u.disabled_at).toISOString() : null,
    lockedUntil:
      u.locked_until && new Date(u.locked_until) > new Date() ? new Date(u.locked_until).toISOString() : null,
    activeSessions: Number(u.active_sessions ?? 0),
    createdAt: new Date(u.created_at).toISOString(),
  };
}

function checkPassword(password: string): void {
  const length = [...password.normalize('NFC')].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH)
    throw new DirectoryValidationError(
      `Mật khẩu phải dài từ ${MIN_PASSWORD_LENGTH} đến ${MAX_PASSWORD_LENGTH} ký tự / Password must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters`,
      [{ field: 'password', message: `password must be ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters` }],
    );
}

function valid<T>(field: string, c: { ok: true; value: T } | { ok: false; message: string }): T {
  if (c.ok) return c.value;
  throw new DirectoryValidationError(`${field}: ${c.message}`, [{ field, message: c.message }]);
}

/**
 * An organisation's operators, managed by its admins: create, rename, change role, disable / enable, reset a
 * password, revoke sessions. Every change is audited (before → after, never a password). Another organisation's
 * user answers like an unknown id. An admin cannot demote or disable themself (the organisation keeps an admin).
 */
@Injectable()
export class UsersAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string): Promise<UserView[]> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.organization_id = $1 ORDER BY u.email`,
      [organizationId],
    );
    return rows.map(view);
  }

  async get(organizationId: string, id: string): Promise<UserView> {
    return view(await this.row(this.dataSource.manager, organizationId, id));
  }

  async create(
    actor: AdminActor,
    input: { email: string; displayName: string; role: UserRole; password: string },
    requestId: string | null,
  ): Promise<UserView> {
    const email = valid('email', emailAddress(input.email));
    const displayName = valid('displayName', singleLine(input.displayName));
    if (!USER_ROLES.includes(input.role))
      throw new DirectoryValidationError('Vai trò không hợp lệ / Invalid role', [{ field: 'role', message: 'role' }]);
    checkPassword(input.password);
    const passwordHash = await hashPassword(input.password);
    const conflict = () => new DirectoryConflictError(`Email ${email} đã được dùng / Email ${email} is already in use`);
    return this.dataSource
      .transaction(async (m) => {
        const taken: unknown[] = await m.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [email]);
        if (taken.length) throw conflict();
        const [created]: Array<{ id: string }> = await m.query(
          `INSERT INTO users (organization_id, email, display_name, role, password_hash)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [actor.organizationId, email, displayName, input.role, passwordHash],
        );
        const row = await this.row(m, actor.organizationId, created.id);
        await this.record(m, actor, 'user.create', row.id, null, auditable(row), requestId);
        return view(row);
      })
      .catch((e: unknown) => {
        throw isUniqueViolation(e) ? conflict() : e;
      });
  }

  async update(
    actor: AdminActor,
    id: string,
    patch: { displayName?: string; role?: UserRole },
    requestId: string | null,
  ): Promise<UserView> {
    const displayName =
      patch.displayName === undefined ? undefined : valid('displayName', singleLine(patch.displayName));
    if (patch.role !== undefined && !USER_ROLES.includes(patch.role))
      throw new DirectoryValidationError('Vai trò không hợp lệ / Invalid role', [{ field: 'role', message: 'role' }]);
    return this.dataSource.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      if (before.id === actor.id && patch.role !== undefined && patch.role !== 'admin' && before.role === 'admin')
        throw new DirectoryConflictError(
          'Không thể tự gỡ quyền quản trị của chính mình / You cannot remove your own admin role',
        );
      await m.query(
        `UPDATE users SET display_name = COALESCE($3, display_name), role = COALESCE($4, role)
          WHERE id = $1 AND organization_id = $2`,
        [before.id, actor.organizationId, displayName ?? null, patch.role ?? null],
      );
      const after = await this.row(m, actor.organizationId, id);
      if (JSON.stringify(auditable(before)) !== JSON.stringify(auditable(after)))
        await this.record(m, actor, 'user.update', id, auditable(before), auditable(after), requestId);
      return view(after);
    });
  }

  /** Disables the account and revokes every session at once (the guard also refuses disabled users). */
  async disable(actor: AdminActor, id: string, requestId: string | null): Promise<UserView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      if (before.id === actor.id)
        throw new DirectoryConflictError(
          'Không thể tự vô hiệu hóa tài khoản của chính mình / You cannot disable your own account',
        );
      if (before.disabled_at) return view(before);
      await m.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [before.id]);
      const revoked = await this.revokeSessions(m, before.id);
      const after = await this.row(m, actor.organizationId, id);
      await this.record(
        m,
        actor,
        'user.disable',
        id,
        auditable(before),
        { ...auditable(after), sessionsRevoked: revoked },
        requestId,
      );
      return view(after);
    });
  }

  async enable(actor: AdminActor, id: string, requestId: string | null): Promise<UserView> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      if (!before.disabled_at) return view(before);
      await m.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [before.id]);
      const after = await this.row(m, actor.organizationId, id);
      await this.record(m, actor, 'user.enable', id, auditable(before), auditable(after), requestId);
      return view(after);
    });
  }

  /** Sets a new password, clears any lockout and revokes every session (the admin's own too, if it is theirs). */
  async resetPassword(actor: AdminActor, id: string, password: string, requestId: string | null): Promise<UserView> {
    await this.row(this.dataSource.manager, actor.organizationId, id);
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      await m.query(`UPDATE users SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1`, [
        before.id,
        passwordHash,
      ]);
      const revoked = await this.revokeSessions(m, before.id);
      await this.record(
        m,
        actor,
        'user.password_reset',
        id,
        { locked: !!(before.locked_until && new Date(before.locked_until) > new Date()) },
        { passwordChanged: true, locked: false, sessionsRevoked: revoked },
        requestId,
      );
      return view(await this.row(m, actor.organizationId, id));
    });
  }

  async revokeAllSessions(actor: AdminActor, id: string, requestId: string | null): Promise<{ revoked: number }> {
    return this.dataSource.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      const revoked = await this.revokeSessions(m, before.id);
      await this.record(
        m,
        actor,
        'user.sessions_revoke',
        id,
        { activeSessions: Number(before.active_sessions ?? 0) },
        { activeSessions: 0, sessionsRevoked: revoked },
        requestId,
      );
      return { revoked };
    });
  }

  private async revokeSessions(m: EntityManager, userId: string): Promise<number> {
    const rows = await updateReturning<{ id: string }>(
      m,
      `UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id`,
      [userId],
    );
    return rows.length;
  }

  private async row(m: EntityManager, organizationId: string, id: string, lock = false): Promise<UserRow> {
    if (!isUuid(id)) throw new DirectoryNotFoundError(`Không tìm thấy người dùng / User ${id} not found`);
    const rows: UserRow[] = await m.query(
      `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1 AND u.organization_id = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [id, organizationId],
    );
    if (!rows[0]) throw new DirectoryNotFoundError(`Không tìm thấy người dùng / User ${id} not found`);
    return rows[0];
  }

  private record(
    m: EntityManager,
    actor: AdminActor,
    action: string,
    targetId: string,
    before: Record<string, unknown> | null,
    after: Record<string, unknown> | null,
    requestId: string | null,
  ): Promise<void> {
    return this.audit.record({ actor, action, targetType: 'user', targetId, before, after, requestId }, m);
  }
}
