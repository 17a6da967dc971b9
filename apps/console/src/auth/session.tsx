import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { SESSION_ENDED, api, tokenStore, unwrap } from '../api/client';
import type { OperatorDto } from '../api/schema.gen';

interface Session {
  user: OperatorDto | null;
  /** True until the stored token has been checked with the API. */
  checking: boolean;
  /**
   * The API refused the token mid-work (expired, signed out elsewhere, revoked): the page stays, with what was
   * typed on it, under a dialog that asks to sign in again (SessionExpiredDialog).
   */
  expired: boolean;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/** The signed-in operator: the token lives in this tab's sessionStorage and is checked with /api/auth/me on load. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<OperatorDto | null>(null);
  const [checking, setChecking] = useState(() => tokenStore.get() !== null);
  const [expired, setExpired] = useState(false);
  const userRef = useRef<OperatorDto | null>(null);
  userRef.current = user;
  const queries = useQueryClient();

  useEffect(() => {
    if (!tokenStore.get()) return;
    unwrap(api.GET('/api/auth/me'))
      .then(setUser)
      .catch(() => tokenStore.clear())
      .finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    const ended = () => {
      if (userRef.current) setExpired(true);
    };
    window.addEventListener(SESSION_ENDED, ended);
    return () => window.removeEventListener(SESSION_ENDED, ended);
  }, []);

  const login = useCallback(
    async (email: string, password: string) => {
      const result = await unwrap(api.POST('/api/auth/login', { body: { email, password } }));
      tokenStore.set(result.token);
      const before = userRef.current;
      if (before && before.id !== result.user.id) {
        // Someone else signed in over another's page: start them afresh rather than show them its half-written form.
        window.location.assign('/campaigns');
        return;
      }
      setUser(result.user);
      setExpired(false);
      await queries.invalidateQueries(); // what failed while signed out loads again
    },
    [queries],
  );

  const logout = useCallback(async () => {
    await api.POST('/api/auth/logout').catch(() => undefined);
    tokenStore.clear();
    setExpired(false);
    setUser(null);
  }, []);

  return (
    <SessionContext.Provider value={{ user, checking, expired, login, logout }}>{children}</SessionContext.Provider>
  );
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** Admins may do what editors and approvers do, as on the server. */
export function hasRole(user: OperatorDto | null, ...roles: Array<OperatorDto['role']>): boolean {
  return !!user && (user.role === 'admin' || roles.includes(user.role));
}
