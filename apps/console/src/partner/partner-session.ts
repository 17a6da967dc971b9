/**
 * A partner (a station, a portal's webmaster) signs in with its code and key; they live in this tab only
 * (sessionStorage), never in a cookie.
 */
export interface PartnerCredentials {
  code: string;
  key: string;
}

export function partnerSession(kind: 'station' | 'portal' | 'carrier') {
  const KEY = `loa.${kind}`;
  return {
    get(): PartnerCredentials | null {
      try {
        const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as PartnerCredentials | null;
        return v && typeof v.code === 'string' && typeof v.key === 'string' ? v : null;
      } catch {
        return null;
      }
    },
    set(c: PartnerCredentials): void {
      sessionStorage.setItem(KEY, JSON.stringify(c));
    },
    clear(): void {
      sessionStorage.removeItem(KEY);
    },
  };
}
