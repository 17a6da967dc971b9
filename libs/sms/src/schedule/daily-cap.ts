/**
 * Per-subscriber daily cap: at most N messages to one number per local day (count them per
 * `localDateKey(now, 'Asia/Ho_Chi_Minh')`). Pure: the caller brings the count it keeps.
 * An emergency campaign may override the cap, explicitly; the decision says so, for the audit trail.
 */

export interface DailyCapInput {
  /** Messages already sent (or accepted for sending) to this subscriber today, local day. */
  readonly sentToday: number;
  /** The most messages one subscriber may get in a local day; a positive integer. */
  readonly maxPerDay: number;
  /** Messages about to be sent; 1 by default. A concatenated SMS counts as one message. */
  readonly messages?: number;
  /** Set for an emergency campaign that may exceed the cap; the caller audits it. */
  readonly override?: boolean;
}

export type DailyCapDecision =
  | {
      readonly allowed: true;
      /** Messages still allowed today after these ones (0 when the cap is reached or overridden past it). */
      readonly remaining: number;
      /** True when only the override let these messages through: record it in the audit trail. */
      readonly overridden: boolean;
    }
  | {
      readonly allowed: false;
      /** Messages still allowed today (fewer than asked for). */
      readonly remaining: number;
      readonly reason: string;
    };

function assertCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer of at least ${min}, got ${value}`);
  }
}

/** Decides whether `messages` more messages may go to a subscriber who already got `sentToday` today. */
export function checkDailyCap(input: DailyCapInput): DailyCapDecision {
  const { sentToday, maxPerDay, messages = 1, override = false } = input;
  assertCount('sentToday', sentToday, 0);
  assertCount('maxPerDay', maxPerDay, 1);
  assertCount('messages', messages, 1);
  const remaining = Math.max(0, maxPerDay - sentToday);
  if (messages <= remaining) return { allowed: true, remaining: remaining - messages, overridden: false };
  if (override) return { allowed: true, remaining: 0, overridden: true };
  return {
    allowed: false,
    remaining,
    reason:
      `daily cap of ${maxPerDay} reached: ${sentToday} already sent today, ` +
      `${messages} more would make ${sentToday + messages}`,
  };
}
