import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP Password Storage Cheat Sheet, first argon2id option: m=19 MiB, t=2, p=1.
 * @node-rs/argon2 takes memory in KiB.
 */
export const ARGON2ID_PARAMETERS = {
  // Algorithm.Argon2id; the package exports it as a const enum, which isolated modules cannot read.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password with argon2id; the PHC string carries salt and parameters. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID_PARAMETERS);
}

/** Verifies a password against a PHC string; a malformed hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Computes the dummy hash ahead of the first sign-in, so even that one costs the same as the rest. */
export async function prepareDummyHash(): Promise<void> {
  dummyHash ??= hashPassword('threatloom dummy password for absent accounts');
  await dummyHash;
}

/**
 * Spends the same work as a real verification for an email that has no password,
 * so response time does not tell whether an account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await prepareDummyHash();
  await verifyPassword(await (dummyHash as Promise<string>), password);
  return false;
}
