import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/**
 * The headers of a signed carrier request (pure), as libs/auth checks them: `X-Loa-Signature: sha256=<hex>`, the
 * HMAC-SHA256 of `<timestamp>.<raw body>` keyed with the SHA-256 (hex) of the carrier's key. Written with
 * @noble/hashes, not WebCrypto: a government intranet often serves the console over plain HTTP, where browsers
 * refuse `crypto.subtle`.
 */
export function signedHeaders(apiKey: string, rawBody: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  const keyHash = bytesToHex(sha256(utf8ToBytes(apiKey)));
  const mac = hmac(sha256, utf8ToBytes(keyHash), utf8ToBytes(`${timestamp}.${rawBody}`));
  return { 'X-Loa-Timestamp': String(timestamp), 'X-Loa-Signature': `sha256=${bytesToHex(mac)}` };
}
