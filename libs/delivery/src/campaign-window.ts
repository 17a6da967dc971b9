/** Why a batch may not send now: its campaign has not started (wait until then) or has ended (send nothing). */
export type WindowStop = { readonly kind: 'before'; readonly until: Date } | { readonly kind: 'after' } | null;

/** A campaign's start and end hold for every channel (pure). */
export function campaignWindowStop(now: Date, window: { startsAt: Date; endsAt: Date }): WindowStop {
  if (now.getTime() < window.startsAt.getTime()) return { kind: 'before', until: window.startsAt };
  if (now.getTime() >= window.endsAt.getTime()) return { kind: 'after' };
  return null;
}

/** What an expired row says in the report. */
export const ENDED_BEFORE_SENT = 'Chiến dịch đã kết thúc trước khi gửi được / the campaign ended before it was sent';
