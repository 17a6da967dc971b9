/** Where an agency's e-mail stands: sent when, reminded how often and when last, escalated or not. */
export interface SilentAgency {
  readonly sentAt: Date;
  readonly reminders: number;
  readonly lastReminderAt: Date | null;
  readonly escalated: boolean;
}

export interface FollowUpPolicy {
  /** Silence that earns the next step (reminder or escalation), in seconds. */
  readonly delaySeconds: number;
  readonly maxReminders: number;
}

export type FollowUp = { readonly kind: 'remind'; readonly seq: number } | { readonly kind: 'escalate' } | null;

/**
 * What is due for an agency that has not acknowledged (pure): after `delay` of silence since the e-mail or the last
 * reminder, the next reminder, up to `maxReminders`; after as long again since the last, one escalation; then
 * nothing more. Nothing is due before its time, and each step comes at most once (the caller records them).
 */
export function dueFollowUp(agency: SilentAgency, policy: FollowUpPolicy, now: Date): FollowUp {
  const since = (agency.lastReminderAt ?? agency.sentAt).getTime();
  if (now.getTime() - since < policy.delaySeconds * 1000) return null;
  if (agency.reminders < policy.maxReminders) return { kind: 'remind', seq: agency.reminders + 1 };
  return agency.escalated ? null : { kind: 'escalate' };
}
