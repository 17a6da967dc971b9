/** A station signs in with its code and key; they live in this tab only (sessionStorage), never in a cookie. */
const KEY = 'loa.station';

export interface StationCredentials {
  code: string;
  key: string;
}

export const stationSession = {
  get(): StationCredentials | null {
    try {
      const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as StationCredentials | null;
      return v && typeof v.code === 'string' && typeof v.key === 'string' ? v : null;
    } catch {
      return null;
    }
  },
  set(c: StationCredentials): void {
    sessionStorage.setItem(KEY, JSON.stringify(c));
  },
  clear(): void {
    sessionStorage.removeItem(KEY);
  },
};
