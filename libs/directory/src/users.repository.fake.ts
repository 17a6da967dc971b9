import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { UserRole } from '@loa/db';
import { fakePgError } from './db-errors.fake';
import type { UserRecord, UsersRepository } from './users.repository';

/** A user as the fake stores it: what admins see, plus the organisation and the password hash. */
export type FakeUser = Omit<UserRecord, 'activeSessions'> & {
  organizationId: string;
  passwordHash: string;
  failedLogins: number;
};

/**
 * In-memory UsersRepository: users by organisation, live sessions counted per user. `transaction()` hands out a
 * manager token and restores every row when the work throws (the real one rolls back); writes with any other
 * handle are refused. Emails are unique everywhere (a duplicate fails like PostgreSQL's unique violation).
 */
export class FakeUsersRepository implements Pick<UsersRepository, keyof UsersRepository> {
  readonly users: FakeUser[] = [];
  /** Live sessions by user id. */
  readonly sessions = new Map<string, number>();
  /** The managers of the transactions run so far. */
  readonly transactions: EntityManager[] = [];
  /** Set to make `emailTaken` miss a row another request inserts meanwhile (the race the unique index catches). */
  missEmails = false;
  private open: EntityManager | null = null;

  seed(organizationId: string, u: Partial<FakeUser> & { email: string }): UserRecord {
    const row: FakeUser = {
      id: randomUUID(),
      organizationId,
      displayName: u.email.split('@')[0],
      role: 'editor' as UserRole,
      disabledAt: null,
      lockedUntil: null,
      phone: null,
      createdAt: new Date('2025-03-01T00:00:00.000Z'),
      passwordHash: 'seeded-hash',
      failedLogins: 0,
      ...u,
    };
    this.users.push(row);
    return this.record(row);
  }

  private record(u: FakeUser): UserRecord {
    const { organizationId: _org, passwordHash: _hash, failedLogins: _failed, ...rest } = u;
    return { ...rest, activeSessions: this.sessions.get(u.id) ?? 0 };
  }

  private write(m: EntityManager, what: string): void {
    if (!this.open || m !== this.open) throw new Error(`fake: ${what} outside its transaction`);
  }

  private byId(id: string): FakeUser {
    const u = this.users.find((x) => x.id === id);
    if (!u) throw new Error(`fake: no user ${id}`);
    return u;
  }

  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    if (this.open) throw new Error('fake: nested transaction');
    const m = { fake: `users transaction ${this.transactions.length + 1}` } as unknown as EntityManager;
    const users = this.users.map((u) => ({ ...u }));
    const sessions = new Map(this.sessions);
    this.transactions.push(m);
    this.open = m;
    try {
      return await work(m);
    } catch (e) {
      this.users.splice(0, this.users.length, ...users);
      this.sessions.clear();
      sessions.forEach((n, id) => this.sessions.set(id, n));
      throw e;
    } finally {
      this.open = null;
    }
  }

  async list(organizationId: string): Promise<UserRecord[]> {
    return this.users
      .filter((u) => u.organizationId === organizationId)
      .sort((a, b) => a.email.localeCompare(b.email))
      .map((u) => this.record(u));
  }

  async find(
    organizationId: string,
    id: string,
    opts: { m?: EntityManager; lock?: boolean } = {},
  ): Promise<UserRecord | null> {
    if (opts.lock && (!this.open || opts.m !== this.open))
      throw new Error('fake: find with lock outside a transaction');
    const u = this.users.find((x) => x.id === id && x.organizationId === organizationId);
    return u ? this.record(u) : null;
  }

  async emailTaken(_m: EntityManager, email: string): Promise<boolean> {
    return !this.missEmails && this.users.some((u) => u.email.toLowerCase() === email);
  }

  async insert(
    m: EntityManager,
    organizationId: string,
    u: { email: string; displayName: string; role: UserRole; passwordHash: string; phone: string | null },
  ): Promise<string> {
    this.write(m, 'insert');
    if (this.users.some((x) => x.email === u.email)) throw fakePgError('23505', 'users (email)');
    return this.seed(organizationId, u).id;
  }

  async update(
    m: EntityManager,
    organizationId: string,
    id: string,
    patch: { displayName: string | null; role: UserRole | null; phone?: string | null },
  ): Promise<void> {
    this.write(m, 'update');
    const u = this.users.find((x) => x.id === id && x.organizationId === organizationId);
    if (!u) return;
    u.displayName = patch.displayName ?? u.displayName;
    u.role = patch.role ?? u.role;
    if (patch.phone !== undefined) u.phone = patch.phone;
  }

  async setDisabled(m: EntityManager, id: string, disabled: boolean): Promise<void> {
    this.write(m, 'setDisabled');
    this.byId(id).disabledAt = disabled ? new Date() : null;
  }

  async setPassword(m: EntityManager, id: string, passwordHash: string): Promise<void> {
    this.write(m, 'setPassword');
    Object.assign(this.byId(id), { passwordHash, failedLogins: 0, lockedUntil: null });
  }

  async revokeSessions(m: EntityManager, userId: string): Promise<number> {
    this.write(m, 'revokeSessions');
    const n = this.sessions.get(userId) ?? 0;
    this.sessions.delete(userId);
    return n;
  }
}
