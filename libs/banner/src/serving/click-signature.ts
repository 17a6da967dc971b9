import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Click links are signed: `/embed/<key>/click/<campaign>?s=<signature>` counts only when we issued it for that
 * portal and campaign, so nobody can count clicks for a pair we never showed. The link carries no target: the
 * redirect always goes to the campaign's stored (official) address, so it cannot become an open redirect.
 */
export function clickSignature(secret: string, embedKey: string, campaignId: string): string {
  return createHmac('sha256', secret)
    .update(`banner-click\n${embedKey}\n${campaignId}`)
    .digest('base64url')
    .slice(0, 22);
}

export function isValidClickSignature(
  secret: string,
  embedKey: string,
  campaignId: string,
  signature: string | null | undefined,
): boolean {
  if (!signature || signature.length !== 22) return false;
  const expected = Buffer.from(clickSignature(secret, embedKey, campaignId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
