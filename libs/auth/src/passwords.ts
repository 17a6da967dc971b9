import * as argon2 from 'argon2';

/** Passwords are hashed with argon2id (memory-hard). */
export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain.normalize('NFC'), { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain.normalize('NFC'));
  } catch {
    return false;
  }
}
