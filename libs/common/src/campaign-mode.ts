/**
 * Whether a campaign is real or a rehearsal, as CAP 1.2 names it (`status`: Actual, Exercise, Test). An exercise
 * or a test goes through the same approval and channels, but reaches only the organisation's test list (SMS and
 * e-mail), shows its banner only in the console's preview, and reaches stations marked so that nobody airs it.
 */
export const CAMPAIGN_MODES = ['actual', 'exercise', 'test'] as const;
export type CampaignMode = (typeof CAMPAIGN_MODES)[number];

export function isRehearsal(mode: string): boolean {
  return mode === 'exercise' || mode === 'test';
}

/** CAP 1.2 `alert/status` of a campaign's messages. */
export function capStatusOf(mode: string): 'Actual' | 'Exercise' | 'Test' {
  return mode === 'exercise' ? 'Exercise' : mode === 'test' ? 'Test' : 'Actual';
}

/** The mark put before a rehearsal's subject, SMS text and script title ('' for a real campaign). */
export function rehearsalMark(mode: string): string {
  return mode === 'exercise' ? '[DIỄN TẬP]' : mode === 'test' ? '[THỬ NGHIỆM]' : '';
}

/** `text` with the rehearsal mark before it (unchanged for a real campaign). */
export function markRehearsal(mode: string, text: string): string {
  const mark = rehearsalMark(mode);
  return mark ? `${mark} ${text}` : text;
}

/** What a station is told about a rehearsal's script, Vietnamese first. */
export function doNotAirNotice(mode: string): string | null {
  if (mode === 'exercise') return 'DIỄN TẬP – KHÔNG PHÁT LÊN LOA. Exercise: do not broadcast.';
  if (mode === 'test') return 'THỬ NGHIỆM – KHÔNG PHÁT LÊN LOA. Test: do not broadcast.';
  return null;
}
