import * as argon2 from 'argon2';

/** argon2id's cost: memory in KiB, passes over it, and lanes. */
export interface PasswordHashCost {
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
}

/** Every real account's password: argon2's own defaults (64 MiB, 3 passes, 4 lanes), ~0.25 s on a server core. */
export const PASSWORD_HASH_COST: PasswordHashCost = { memoryKiB: 65536, timeCost: 3, parallelism: 4 };

/**
 * The demo's users, whose passwords are published in the repository (seeding refuses production): the lowest cost
 * OWASP's password storage guidance lists for argon2id (12 MiB, 3 passes, 1 lane), ~0.02 s. Verifying reads the
 * cost from the hash, so their sign-ins cost that too: the test suite signs in hundreds of times.
 */
export const DEMO_PASSWORD_HASH_COST: PasswordHashCost = { memoryKiB: 12288, timeCost: 3, parallelism: 1 };

/** Passwords are hashed with argon2id (memory-hard), as NFC. */
export function hashPassword(plain: string, cost: PasswordHashCost = PASSWORD_HASH_COST): Promise<string> {
  return argon2.hash(plain.normalize('NFC'), {
    type: argon2.argon2id,
    memoryCost: cost.memoryKiB,
    timeCost: cost.timeCost,
    parallelism: cost.parallelism,
  });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain.normalize('NFC'));
  } catch {
    return false;
  }
}
