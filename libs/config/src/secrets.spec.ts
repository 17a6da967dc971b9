import { envSecret } from './secrets';

describe('envSecret', () => {
  it('reads the named variable, and nothing when it is unset or empty', () => {
    const env = { VIETTEL_SMPP_PASSWORD: 's3cret', EMPTY: '' };
    expect(envSecret('VIETTEL_SMPP_PASSWORD', env)).toBe('s3cret');
    expect(envSecret('EMPTY', env)).toBeNull();
    expect(envSecret('MISSING', env)).toBeNull();
  });
});
