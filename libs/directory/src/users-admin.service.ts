import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor, AuditService } from '@loa/audit';
import { hashPassword } from '@loa/auth';
import { USER_ROLES, UserRole } from '@loa/db';
import { isUniqueViolation } from './db-errors';
import { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from './errors';
import { UserRecord, UsersRepository } from './users.repository';
import { emailAddress, mobileNumber, singleLine } from './validation';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  disabledAt: string | null;
  lockedUntil: string | null;
  /** Their own mobile number (84…), where their test SMS go; null until set. */
  phone: string | null;
  activeSessions: number;
  createdAt: string;
}

type AdminActor = Actor & { type: 'user' };

/** What may appear in the audit trail about a user (never the password or its hash). */
function auditable(u: UserRecord): Record<string, unknown> {
  return {
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    disabled: !!u.disabledAt,
    phone: u.phone,
  };
}

function view(u: UserRecord): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    disabledAt: u.disabledAt ? u.disabledAt.toISOString() : null,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    phone: u.phone,
    activeSessions: u.activeSessions,
    createdAt: u.createdAt.toISOString(),
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
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string): Promise<UserView[]> {
    return (await this.users.list(organizationId)).map(view);
  }

  async get(organizationId: string, id: string): Promise<UserView> {
    return view(await this.row(null, organizationId, id));
  }

  async create(
    actor: AdminActor,
    input: { email: string; displayName: string; role: UserRole; password: string; phone?: string | null },
    requestId: string | null,
  ): Promise<UserView> {
    const email = valid('email', emailAddress(input.email));
    const phone = input.phone ? valid('phone', mobileNumber(input.phone)) : null;
    const displayName = valid('displayName', singleLine(input.displayName));
    if (!USER_ROLES.includes(input.role))
      throw new DirectoryValidationError('Vai trò không hợp lệ / Invalid role', [{ field: 'role', message: 'role' }]);
    checkPassword(input.password);
    const passwordHash = await hashPassword(input.password);
    const conflict = () => new DirectoryConflictError(`Email ${email} đã được dùng / Email ${email} is already in use`);
    return this.users
      .transaction(async (m) => {
        if (await this.users.emailTaken(m, email)) throw conflict();
        const id = await this.users.insert(m, actor.organizationId, {
          email,
          displayName,
          role: input.role,
          passwordHash,
          phone,
        });
        const row = await this.row(m, actor.organizationId, id);
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
    patch: { displayName?: string; role?: UserRole; phone?: string | null },
    requestId: string | null,
  ): Promise<UserView> {
    // '' or null clears the number; undefined keeps it.
    const phone =
      patch.phone === undefined ? undefined : patch.phone ? valid('phone', mobileNumber(patch.phone)) : null;
    const displayName =
      patch.displayName === undefined ? undefined : valid('displayName', singleLine(patch.displayName));
    if (patch.role !== undefined && !USER_ROLES.includes(patch.role))
      throw new DirectoryValidationError('Vai trò không hợp lệ / Invalid role', [{ field: 'role', message: 'role' }]);
    return this.users.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      if (before.id === actor.id && patch.role !== undefined && patch.role !== 'admin' && before.role === 'admin')
        throw new DirectoryConflictError(
          'Không thể tự gỡ quyền quản trị của chính mình / You cannot remove your own admin role',
        );
      await this.users.update(m, actor.organizationId, before.id, {
        displayName: displayName ?? null,
        role: patch.role ?? null,
        phone,
      });
      const after = await this.row(m, actor.organizationId, id);
      if (JSON.stringify(auditable(before)) !== JSON.stringify(auditable(after)))
        await this.record(m, actor, 'user.update', id, auditable(before), auditable(after), requestId);
      return view(after);
    });
  }

  /** Disables the account and revokes every session at once (the guard also refuses disabled users). */
  async disable(actor: AdminActor, id: string, requestId: string | null): Promise<UserView> {
    return this.users.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      if (before.id === actor.id)
        throw new DirectoryConflictError(
          'Không thể tự vô hiệu hóa tài khoản của chính mình / You cannot disable your own account',
        );
      if (before.disabledAt) return view(before);
      await this.users.setDisabled(m, before.id, true);
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
    return this.users.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      if (!before.disabledAt) return view(before);
      await this.users.setDisabled(m, before.id, false);
      const after = await this.row(m, actor.organizationId, id);
      await this.record(m, actor, 'user.enable', id, auditable(before), auditable(after), requestId);
      return view(after);
    });
  }

  /** Sets a new password, clears any lockout and revokes every session (the admin's own too, if it is theirs). */
  async resetPassword(actor: AdminActor, id: string, password: string, requestId: string | null): Promise<UserView> {
    await this.row(null, actor.organizationId, id);
    checkPassword(password);
    const passwordHash = await hashPassword(password);
    return this.users.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      await this.users.setPassword(m, before.id, passwordHash);
      const revoked = await this.revokeSessions(m, before.id);
      await this.record(
        m,
        actor,
        'user.password_reset',
        id,
        { locked: !!(before.lockedUntil && before.lockedUntil > new Date()) },
        { passwordChanged: true, locked: false, sessionsRevoked: revoked },
        requestId,
      );
      return view(await this.row(m, actor.organizationId, id));
    });
  }

  async revokeAllSessions(actor: AdminActor, id: string, requestId: string | null): Promise<{ revoked: number }> {
    return this.users.transaction(async (m) => {
      const before = await this.row(m, actor.organizationId, id, true);
      const revoked = await this.revokeSessions(m, before.id);
      await this.record(
        m,
        actor,
        'user.sessions_revoke',
        id,
        { activeSessions: before.activeSessions },
        { activeSessions: 0, sessionsRevoked: revoked },
        requestId,
      );
      return { revoked };
    });
  }

  private revokeSessions(m: EntityManager, userId: string): Promise<number> {
    return this.users.revokeSessions(m, userId);
  }

  private async row(m: EntityManager | null, organizationId: string, id: string, lock = false): Promise<UserRecord> {
    const row = await this.users.find(organizationId, id, { m: m ?? undefined, lock });
    if (!row) throw new DirectoryNotFoundError(`Không tìm thấy người dùng / User ${id} not found`);
    return row;
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
