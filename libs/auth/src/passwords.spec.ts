import { DEMO_PASSWORD_HASH_COST, hashPassword, verifyPassword } from './passwords';

describe('password hashing (argon2id, real argon2)', () => {
  it('hashes real accounts at the production cost, written into the hash', async () => {
    const hash = await hashPassword('mật khẩu');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
    await expect(verifyPassword(hash, 'mật khẩu')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'mat khau')).resolves.toBe(false);
  });

  it('hashes the demo users at OWASP’s lowest argon2id cost, which verifying then reads from the hash', async () => {
    const hash = await hashPassword('demo-2026', DEMO_PASSWORD_HASH_COST);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=12288,p=1,t=3\$/);
    await expect(verifyPassword(hash, 'demo-2026')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'demo-2027')).resolves.toBe(false);
  });

  it('compares passwords as NFC, so a decomposed Vietnamese password still signs in', async () => {
    const hash = await hashPassword('Sóc Trăng'.normalize('NFD'), DEMO_PASSWORD_HASH_COST);
    await expect(verifyPassword(hash, 'Sóc Trăng'.normalize('NFC'))).resolves.toBe(true);
  });

  it('answers false, not an error, for a stored value that is not a hash', async () => {
    await expect(verifyPassword('not-a-hash', 'x')).resolves.toBe(false);
  });
});
