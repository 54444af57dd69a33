import { hash, verify } from '@node-rs/argon2';

// ARGON2ID (a const enum the isolated build cannot read).
const ARGON2ID = 2;
import { randomBytes, randomInt } from 'node:crypto';

// argon2id with the library defaults in production; the test configuration lowers the cost
// (SIKS_TEST_FAST_HASHING=1, set only by the test setup), never a code path production takes.
function options(fast: boolean) {
  return fast ? { algorithm: ARGON2ID, memoryCost: 1024, timeCost: 1, parallelism: 1 } : { algorithm: ARGON2ID };
}

/** Hashes a password with argon2id. */
export function hashPassword(password: string, fast: boolean): Promise<string> {
  return hash(password.normalize('NFC'), options(fast));
}

/** Checks a password against its hash; false on any mismatch or malformed hash. */
export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password.normalize('NFC'));
  } catch {
    return false;
  }
}

// A hash of a random password, verified when the user does not exist, so that timing does not
// reveal which User IDs exist.
let decoy: Promise<string> | undefined;
export function decoyHash(fast: boolean): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'), fast);
  return decoy;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password that is easy to read aloud and type (no 0/O, 1/l/I). */
export function generatePassword(length = 14): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
