import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may scrape `/metrics`: with a token configured, whoever sends it as a bearer token; without one, only a
 * client on this machine (a Prometheus or agent beside the process, or a tunnel to it).
 */
export function mayScrape(req: IncomingMessage, token: string | null): boolean {
  if (token === null) {
    const from = req.socket.remoteAddress ?? '';
    return from === '127.0.0.1' || from === '::1' || from === '::ffff:127.0.0.1';
  }
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
