// Key-derivation inputs (section 2). The primitives themselves (scrypt, HKDF) live in the adapters,
// which use the platform's native code; this module fixes what goes into them.

import { fromBase64, randomBytes, toBase64, utf8 } from './bytes.ts';
import type { KeyProvider } from './codec.ts';
import { fail } from './errors.ts';
import {
  SCRYPT_N,
  SCRYPT_P,
  SCRYPT_R,
  SCRYPT_SALT_BYTES,
  PACKAGE_KEY_BYTES,
  type FeedbackHeader,
  type PackageHeader,
  type ReleaseKeyParams,
} from './schemas.ts';

export const MIN_PASSPHRASE_CODE_POINTS = 12;
export const FILE_KEY_BYTES = 32;

const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The UTF-8 bytes that scrypt receives: NFC first, so that the same passphrase typed on two
 * keyboards (composed or decomposed accents) gives the same key.
 */
export function passphraseBytes(passphrase: string): Uint8Array {
  // A lone surrogate would silently become U+FFFD in UTF-8, so two passphrases would collide.
  if (typeof passphrase !== 'string' || LONE_SURROGATE_RE.test(passphrase)) throw fail.passphraseInvalid();
  const nfc = passphrase.normalize('NFC');
  const codePoints = [...nfc].length;
  if (codePoints < MIN_PASSPHRASE_CODE_POINTS) throw fail.passphraseShort(codePoints);
  return utf8(nfc);
}

/** Scrypt cost parameters as both adapters pass them; fixed by the format. */
export const SCRYPT_PARAMS = { N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P, dkLen: FILE_KEY_BYTES } as const;

/** HKDF salt and info for a package or feedback file key. */
export function hkdfInputs(header: PackageHeader | FeedbackHeader): { salt: Uint8Array; info: Uint8Array } {
  return { salt: utf8(header.id), info: utf8(`siks/${header.kind}/v1`) };
}

/** Fresh `key` object for a release header (random 16-byte salt). */
export function newReleaseKeyParams(): ReleaseKeyParams {
  return { kdf: 'scrypt', salt: toBase64(randomBytes(SCRYPT_SALT_BYTES)), N: SCRYPT_N, r: SCRYPT_R, p: SCRYPT_P };
}

/** Fresh base64 `packageKey` for release.json (32 random bytes). */
export function newPackageKey(): string {
  return toBase64(randomBytes(PACKAGE_KEY_BYTES));
}

/** The release's packageKey (32 bytes or release.json's base64) for a release id; undefined when the release is unknown. */
export type PackageKeyLookup = (releaseId: string) => Uint8Array | string | undefined | Promise<Uint8Array | string | undefined>;

/**
 * Key provider for packages and feedback, over an adapter's HKDF (`derive`): the file key comes
 * from the packageKey of the release the header names.
 */
export function packageKeyProviderOver<K extends 'package' | 'feedback'>(
  derive: (packageKey: Uint8Array, header: PackageHeader | FeedbackHeader) => Uint8Array | Promise<Uint8Array>,
  lookup: PackageKeyLookup,
): KeyProvider<K> {
  return async (header) => {
    const h = header as PackageHeader | FeedbackHeader;
    const found = await lookup(h.key.release);
    const packageKey = typeof found === 'string' ? fromBase64(found) : found;
    if (!packageKey) throw fail.unknownRelease(h.key.release);
    return derive(packageKey, h);
  };
}

/** Throw unless `key` is a 32-byte AES key: a key provider returning anything else is a bug. */
export function assertFileKey(key: unknown): asserts key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== FILE_KEY_BYTES) {
    throw new TypeError('SIKS key provider must return a 32-byte Uint8Array');
  }
}
