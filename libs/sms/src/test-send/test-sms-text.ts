import { markRehearsal } from '@loa/common';
import { renderForCarrier } from '../render-for-carrier';
import { analyzeText } from '../text';

/** The mark a test of the campaign's SMS carries in front (the e-mail test's "[THỬ]"). */
export const TEST_SMS_MARK = '[THỬ]';

/**
 * The text of a test of a campaign's SMS (pure): exactly what subscribers get, rehearsal mark included, with "[THỬ]"
 * in front, rendered for the carrier (diacritics stripped when the plan says so); and its segment count.
 */
export function testSmsText(
  plan: { text: string; stripDiacritics?: boolean },
  mode: string,
): { text: string; segments: number } {
  const text = renderForCarrier(`${TEST_SMS_MARK} ${markRehearsal(mode, plan.text)}`, {
    stripDiacritics: plan.stripDiacritics ?? false,
  });
  return { text, segments: analyzeText(text).segments };
}
