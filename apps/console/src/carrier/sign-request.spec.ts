import { signPartnerRequest } from '@loa/auth';
import { signedHeaders } from './sign-request';

describe("the carrier page's request signature", () => {
  it('is exactly what the server computes, for an empty body and for Vietnamese JSON', () => {
    const now = new Date('2026-12-04T01:00:00Z');
    const ts = Math.floor(now.getTime() / 1000);
    for (const body of ['', JSON.stringify({ submitted: 10, note: 'Đã gửi đủ' })]) {
      expect(signedHeaders('ck_live_abc123', body, now)).toEqual({
        'X-Loa-Timestamp': String(ts),
        'X-Loa-Signature': signPartnerRequest('ck_live_abc123', ts, body),
      });
    }
  });

  it('changes with the key and with the body', () => {
    const a = signedHeaders('k1', '{}')['X-Loa-Signature'];
    expect(signedHeaders('k2', '{}')['X-Loa-Signature']).not.toBe(a);
    expect(signedHeaders('k1', '{ }')['X-Loa-Signature']).not.toBe(a);
  });
});
