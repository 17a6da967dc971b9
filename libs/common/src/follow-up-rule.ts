/**
 * Where someone who owes an answer stands (an agency that has not acknowledged, a station that has not pulled or
 * aired): silent since when, reminded how often and when last, escalated or not.
 */
export interface SilentParty {
  readonly since: Date;
  readonly reminders: number;
  readonly lastReminderAt: Date | null;
  readonly escalated: boolean;
}

export interface FollowUpPolicy {
  /** Silence that earns the next step (reminder or escalation), in seconds. */
  readonly delaySeconds: number;
  readonly maxReminders: number;
  /** Silence before the first reminder when it differs from `delaySeconds` (0: at once). */
  readonly firstAfterSeconds?: number;
}

export type FollowUp = { readonly kind: 'remind'; readonly seq: number } | { readonly kind: 'escalate' } | null;

/**
 * What is due for a party that has not answered (pure): the first reminder `firstAfterSeconds` (by default `delay`)
 * after the silence began; each later step `delay` after the last reminder (or after the silence began, if that is
 * later: a new silence after an answer waits its own delay), up to `maxReminders` reminders; then one escalation;
 * then nothing more. Nothing is due before its time, and each step comes at most once (the caller records them).
 */
export function dueFollowUp(party: SilentParty, policy: FollowUpPolicy, now: Date): FollowUp {
  const since = party.since.getTime();
  const wait =
    party.reminders === 0 && policy.maxReminders > 0
      ? since + (policy.firstAfterSeconds ?? policy.delaySeconds) * 1000
      : Math.max(since, party.lastReminderAt?.getTime() ?? since) + policy.delaySeconds * 1000;
  if (now.getTime() < wait) return null;
  if (party.reminders < policy.maxReminders) return { kind: 'remind', seq: party.reminders + 1 };
  return party.escalated ? null : { kind: 'escalate' };
}
