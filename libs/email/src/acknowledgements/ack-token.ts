import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token in an agency's "Xác nhận đã nhận" link: which dispatch e-mail (delivery row) it acknowledges and until
 * when, signed with HMAC-SHA-256 under the deployment's link key. Nothing is stored to issue one, so a resent
 * e-mail carries the same link; only the key can make one. Form: `<delivery id>.<expiry>.<mac>` (base 36, base 64
 * url), short enough for any mail client to keep on one line.
 */
export interface AckTokenClaims {
  readonly deliveryId: string;
  readonly expiresAt: Date;
}

export type AckTokenCheck =
  | { readonly ok: true; readonly deliveryId: string; readonly expiresAt: Date }
  | { readonly ok: false; readonly reason: 'malformed' | 'forged' }
  | { readonly ok: false; readonly reason: 'expired'; readonly deliveryId: string; readonly expiresAt: Date };

/** 128 bits of the MAC: far beyond guessing at any request rate. */
const MAC_BYTES = 16;
const TOKEN = /^([0-9a-z]{1,13})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/u;

function mac(deliveryId: string, expirySeconds: number, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(`loa-ack-v1:${deliveryId}:${expirySeconds}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function signAckToken(claims: AckTokenClaims, secret: string): string {
  if (!/^[1-9]\d{0,18}$/u.test(claims.deliveryId)) throw new Error(`not a delivery id: ${claims.deliveryId}`);
  const expiry = Math.floor(claims.expiresAt.getTime() / 1000);
  const id36 = BigInt(claims.deliveryId).toString(36);
  return `${id36}.${expiry.toString(36)}.${mac(claims.deliveryId, expiry, secret).toString('base64url')}`;
}

/** Checks the signature first (a forged token learns nothing), then the expiry against `now`. */
export function verifyAckToken(token: string, secret: string, now: Date): AckTokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const deliveryId = [...m[1]].reduce((n, c) => n * 36n + BigInt(parseInt(c, 36)), 0n).toString();
  const expiry = parseInt(m[2], 36);
  const given = Buffer.from(m[3], 'base64url');
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(deliveryId, expiry, secret))) {
    return { ok: false, reason: 'forged' };
  }
  const expiresAt = new Date(expiry * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', deliveryId, expiresAt };
  return { ok: true, deliveryId, expiresAt };
}

/** A link works until `days` after its campaign ends (the same for every resend of the e-mail). */
export function ackLinkExpiry(campaignEndsAt: Date, days: number): Date {
  return new Date(campaignEndsAt.getTime() + days * 86_400_000);
}
