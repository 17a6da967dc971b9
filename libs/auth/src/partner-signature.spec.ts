import { checkPartnerSignature, signPartnerRequest } from './partner-signature';
import { sha256 } from './secrets';

describe('signed partner requests', () => {
  const key = 'loa_carrier_abcdefghijklmnopqrstuvwxyz012345';
  const body = '{"submitted":10,"delivered":9,"failed":1}';
  const now = 1_800_000_000_000;
  const ts = now / 1000;
  const check = (over: Partial<Parameters<typeof checkPartnerSignature>[0]>) =>
    checkPartnerSignature({
      keyHash: sha256(key),
      timestamp: String(ts),
      signature: signPartnerRequest(key, ts, body),
      rawBody: body,
      now,
      ...over,
    });

  it('accepts a request signed with the key over the exact body', () => {
    expect(check({})).toBe('ok');
  });

  it('refuses a changed body, another key, or a missing signature', () => {
    expect(check({ rawBody: body.replace('9', '10') })).toBe('bad');
    expect(check({ signature: signPartnerRequest('loa_carrier_other', ts, body) })).toBe('bad');
    expect(check({ signature: undefined })).toBe('missing');
    expect(check({ timestamp: 'yesterday' })).toBe('bad');
  });

  it('refuses a replay outside the five-minute window, either way', () => {
    expect(check({ now: now + 301_000 })).toBe('stale');
    expect(check({ now: now - 301_000 })).toBe('stale');
    expect(check({ now: now + 299_000 })).toBe('ok');
  });
});
