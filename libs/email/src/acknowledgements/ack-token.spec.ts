import { ackLinkExpiry, signAckToken, verifyAckToken } from './ack-token';

const SECRET = 'a-test-link-signing-secret-of-32-characters';
const NOW = new Date('2026-12-03T04:00:00Z');
const LATER = new Date('2027-01-01T00:00:00Z');

describe('acknowledgement tokens', () => {
  it('verifies what it signed, giving back the delivery and the expiry', () => {
    const token = signAckToken({ deliveryId: '123456789', expiresAt: LATER }, SECRET);
    expect(token).toMatch(/^[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/u);
    expect(verifyAckToken(token, SECRET, NOW)).toEqual({ ok: true, deliveryId: '123456789', expiresAt: LATER });
  });

  it('signs the same link for the same delivery and expiry (a resent e-mail carries the same link)', () => {
    const a = signAckToken({ deliveryId: '42', expiresAt: LATER }, SECRET);
    expect(signAckToken({ deliveryId: '42', expiresAt: LATER }, SECRET)).toBe(a);
    expect(signAckToken({ deliveryId: '43', expiresAt: LATER }, SECRET)).not.toBe(a);
  });

  it('calls a token forged when its delivery, expiry or MAC was changed, or another key signed it', () => {
    const token = signAckToken({ deliveryId: '42', expiresAt: LATER }, SECRET);
    const [id, exp, tag] = token.split('.');
    const flip = (s: string) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A');
    expect(verifyAckToken(`${(parseInt(id, 36) + 1).toString(36)}.${exp}.${tag}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyAckToken(`${id}.${(parseInt(exp, 36) + 86_400).toString(36)}.${tag}`, SECRET, NOW).ok).toBe(false);
    expect(verifyAckToken(`${id}.${exp}.${flip(tag)}`, SECRET, NOW).ok).toBe(false);
    expect(verifyAckToken(token, `${SECRET}!`, NOW)).toEqual({ ok: false, reason: 'forged' });
  });

  it('calls a genuine token past its expiry expired, naming the delivery, and anything else malformed', () => {
    const token = signAckToken({ deliveryId: '42', expiresAt: NOW }, SECRET);
    expect(verifyAckToken(token, SECRET, NOW)).toEqual({
      ok: false,
      reason: 'expired',
      deliveryId: '42',
      expiresAt: NOW,
    });
    for (const bad of ['', 'abc', '1.2.3', `42.${'z'.repeat(11)}.${'A'.repeat(22)}`, '../../etc/passwd']) {
      expect(verifyAckToken(bad, SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('refuses to sign for something that is not a delivery id', () => {
    expect(() => signAckToken({ deliveryId: '0', expiresAt: LATER }, SECRET)).toThrow(/not a delivery id/);
    expect(() => signAckToken({ deliveryId: 'x1', expiresAt: LATER }, SECRET)).toThrow(/not a delivery id/);
  });

  it('keeps a link valid for the configured days after the campaign ends', () => {
    expect(ackLinkExpiry(new Date('2026-12-31T17:00:00Z'), 60).toISOString()).toBe('2027-03-01T17:00:00.000Z');
  });
});
