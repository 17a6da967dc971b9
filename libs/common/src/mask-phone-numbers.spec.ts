import { maskPhoneNumbers } from './mask-phone-numbers';

describe('phone numbers in logs', () => {
  it('hides all but the network prefix and the last two digits', () => {
    expect(maskPhoneNumbers('sent to 84961234567')).toBe('sent to 8496*****67');
    expect(maskPhoneNumbers('/api/opt-outs/0961234567?x=1')).toBe('/api/opt-outs/096*****67?x=1');
    expect(maskPhoneNumbers('+84383456789, 84901234567')).toBe('+8438*****89, 8490*****67');
  });

  it('leaves other numbers alone', () => {
    const text =
      'campaign 3f2b1c4e-0d5a-4e7b-9c1d-2a3b4c5d6e7f took 1234 ms, 2026-12-04, port 5432, id 123456789012345';
    expect(maskPhoneNumbers(text)).toBe(text);
  });
});
