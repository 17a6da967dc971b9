/** Who did something: an operator, a partner (by key), or the system itself (workers). */
export type Actor =
  | { type: 'user'; id: string; organizationId: string; role: string }
  | { type: 'partner'; kind: string; id: string; organizationId: string | null }
  | { type: 'system'; id: string };

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'worker' };
