import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random bearer secret, URL-safe, with a readable kind prefix (e.g. `loa_station_…`). */
export function newSecret(kind: string): string {
  return `loa_${kind}_${randomBytes(24).toString('base64url')}`;
}

/** Tokens and API keys are high-entropy, so a plain SHA-256 is the right lookup hash (no need for argon2). */
export function sha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** The part of a key that may be shown in lists and logs: its kind and the first 6 random characters. */
export function secretPrefix(secret: string): string {
  // The random part is base64url and may itself contain '_': anchor on the kind, never on the last '_'.
  const kind = /^loa_[a-z]+_/.exec(secret)?.[0] ?? '';
  return secret.slice(0, kind.length + 6);
}
