import type { EntityManager } from 'typeorm';
import type { LoginUser, SessionUser, SessionsRepository } from './sessions.repository';

/**
 * In-memory SessionsRepository: users by email (case-insensitive) and sessions by token hash. Session writes must
 * use the manager of the transaction running now, as the real one would join it.
 */
export class FakeSessionsRepository implements Pick<SessionsRepository, keyof SessionsRepository> {
  readonly users: Array<LoginUser & { failedLogins: number }> = [];
  readonly sessions: Array<{ userId: string; tokenHash: string; expiresAt: Date; revokedAt: Date | null }> = [];
  private open: EntityManager | null = null;

  async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const m = { fake: 'sessions transaction' } as unknown as EntityManager;
    this.open = m;
    const sessions = [...this.sessions];
    try {
      return await work(m);
    } catch (e) {
      this.sessions.splice(0, this.sessions.length, ...sessions);
      throw e;
    } finally {
      this.open = null;
    }
  }

  async userForLogin(email: string): Promise<LoginUser | null> {
    const u = this.users.find((x) => x.email.toLowerCase() === email.toLowerCase());
    return u ? { ...u } : null;
  }

  async recordFailure(userId: string, maxFailures: number, lockSeconds: number) {
    const u = this.users.find((x) => x.id === userId);
    if (!u) return null;
    u.failedLogins += 1;
    u.lockedUntil = u.failedLogins >= maxFailures ? new Date(Date.now() + lockSeconds * 1000) : null;
    return { failedLogins: u.failedLogins, lockedUntil: u.lockedUntil };
  }

  async startSession(m: EntityManager, userId: string, tokenHash: string, expiresAt: Date): Promise<void> {
    if (m !== this.open) throw new Error('fake: startSession outside its transaction');
    const u = this.users.find((x) => x.id === userId);
    if (u) Object.assign(u, { failedLogins: 0, lockedUntil: null });
    this.sessions.push({ userId, tokenHash, expiresAt, revokedAt: null });
  }

  async userOfSession(tokenHash: string): Promise<SessionUser | null> {
    const s = this.sessions.find((x) => x.tokenHash === tokenHash && !x.revokedAt && x.expiresAt > new Date());
    const u = s && this.users.find((x) => x.id === s.userId && !x.disabledAt);
    return u
      ? { id: u.id, organizationId: u.organizationId, role: u.role, email: u.email, displayName: u.displayName }
      : null;
  }

  async revoke(tokenHash: string): Promise<void> {
    for (const s of this.sessions) if (s.tokenHash === tokenHash && !s.revokedAt) s.revokedAt = new Date();
  }
}
