import { createHmac } from 'node:crypto';
import { safeEqual, sha256 } from './secrets';

/**
 * Signed partner requests (carrier reports): `X-Loa-Timestamp` (unix seconds) and `X-Loa-Signature:
 * sha256=<hex>`, the HMAC-SHA256 of `<timestamp>.<raw body>` keyed with the SHA-256 (hex) of the partner's API
 * key — which Loa stores, so the key itself never needs to be kept. A request outside the time window is a
 * replay and is refused.
 */
export const SIGNATURE_WINDOW_SECONDS = 300;

export function signPartnerRequest(apiKey: string, timestamp: number, rawBody: string | Buffer): string {
  return `sha256=${hmac(sha256(apiKey), timestamp, rawBody)}`;
}

export type SignatureCheck = 'ok' | 'missing' | 'stale' | 'bad';

export function checkPartnerSignature(input: {
  keyHash: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: string | Buffer;
  now: number;
  windowSeconds?: number;
}): SignatureCheck {
  if (!input.timestamp || !input.signature) return 'missing';
  if (!/^\d{9,11}$/.test(input.timestamp)) return 'bad';
  const ts = Number(input.timestamp);
  if (Math.abs(input.now / 1000 - ts) > (input.windowSeconds ?? SIGNATURE_WINDOW_SECONDS)) return 'stale';
  const expected = `sha256=${hmac(input.keyHash, ts, input.rawBody)}`;
  return safeEqual(expected, input.signature) ? 'ok' : 'bad';
}

function hmac(keyHash: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', keyHash).update(`${timestamp}.`).update(rawBody).digest('hex');
}
