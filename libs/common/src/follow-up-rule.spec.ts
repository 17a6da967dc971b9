import { dueFollowUp } from './follow-up-rule';

const SENT = new Date('2026-12-03T01:00:00Z');
const at = (minutes: number) => new Date(SENT.getTime() + minutes * 60_000);
const policy = { delaySeconds: 3600, maxReminders: 2 };

describe('dueFollowUp', () => {
  it('waits out the delay after the e-mail, then reminds', () => {
    const fresh = { since: SENT, reminders: 0, lastReminderAt: null, escalated: false };
    expect(dueFollowUp(fresh, policy, at(59))).toBeNull();
    expect(dueFollowUp(fresh, policy, at(60))).toEqual({ kind: 'remind', seq: 1 });
  });

  it('counts the next delay from the last reminder', () => {
    const once = { since: SENT, reminders: 1, lastReminderAt: at(60), escalated: false };
    expect(dueFollowUp(once, policy, at(119))).toBeNull();
    expect(dueFollowUp(once, policy, at(120))).toEqual({ kind: 'remind', seq: 2 });
  });

  it('escalates once after the last reminder has gone unanswered as long, then stays quiet', () => {
    const twice = { since: SENT, reminders: 2, lastReminderAt: at(120), escalated: false };
    expect(dueFollowUp(twice, policy, at(179))).toBeNull();
    expect(dueFollowUp(twice, policy, at(180))).toEqual({ kind: 'escalate' });
    expect(dueFollowUp({ ...twice, escalated: true }, policy, at(10_000))).toBeNull();
  });

  it('escalates straight after the first delay when no reminders are wanted', () => {
    const fresh = { since: SENT, reminders: 0, lastReminderAt: null, escalated: false };
    expect(dueFollowUp(fresh, { delaySeconds: 600, maxReminders: 0 }, at(10))).toEqual({ kind: 'escalate' });
  });

  it('reminds at once when the policy says so, and still waits the delay before escalating', () => {
    const fresh = { since: SENT, reminders: 0, lastReminderAt: null, escalated: false };
    const now = { delaySeconds: 3600, maxReminders: 1, firstAfterSeconds: 0 };
    expect(dueFollowUp(fresh, now, at(-1))).toBeNull();
    expect(dueFollowUp(fresh, now, at(0))).toEqual({ kind: 'remind', seq: 1 });
    const reminded = { ...fresh, reminders: 1, lastReminderAt: at(0) };
    expect(dueFollowUp(reminded, now, at(59))).toBeNull();
    expect(dueFollowUp(reminded, now, at(60))).toEqual({ kind: 'escalate' });
  });

  it('counts a new silence (after an answer) from when it began, not from an older reminder', () => {
    const again = { since: at(500), reminders: 1, lastReminderAt: at(0), escalated: false };
    expect(dueFollowUp(again, policy, at(559))).toBeNull();
    expect(dueFollowUp(again, policy, at(560))).toEqual({ kind: 'remind', seq: 2 });
  });
});
