// Browser adapter: WebCrypto AES-256-GCM and HKDF, scrypt from @noble/hashes (WebCrypto has none).
// WebCrypto cannot stream GCM, so files are decrypted whole in memory (a kecamatan release is
// tens of MB); nothing of the plaintext is parsed before the tag has verified.

import { scryptAsync } from '@noble/hashes/scrypt.js';
import { fromBase64, toArrayBuffer } from './bytes.ts';
import {
  decodeFile,
  encodeFile,
  feedbackZip,
  packageZip,
  prepareRelease,
  releaseZip,
  sealFile,
  type AeadBackend,
  type ContentOf,
  type FeedbackContent,
  type KeyProvider,
  type PackageContent,
  type PackageInput,
  type ReleaseContent,
  type ReleaseRecords,
} from './codec.ts';
import { decodeHeader, FIXED_PREFIX_BYTES, readHeaderLength } from './envelope.ts';
import { FILE_KEY_BYTES, hkdfInputs, type PackageKeyLookup, packageKeyProviderOver, passphraseBytes, SCRYPT_PARAMS } from './keys.ts';
import type { FeedbackHeader, HeaderOf, PackageHeader, ReleaseHeader, ReleaseJson, ReleaseKeyParams, SiksKind } from './schemas.ts';
import { validateHeader, validateReleaseKey } from './schemas.ts';

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** AES-256-GCM through WebCrypto (tag appended to the ciphertext, as WebCrypto expects). */
export const webAead: AeadBackend = {
  async encrypt(key, iv, aad, plaintext) {
    const k = await subtle().importKey('raw', toArrayBuffer(key), 'AES-GCM', false, ['encrypt']);
    const out = new Uint8Array(
      await subtle().encrypt(
        { name: 'AES-GCM', iv: toArrayBuffer(iv), additionalData: toArrayBuffer(aad), tagLength: 128 },
        k,
        toArrayBuffer(plaintext),
      ),
    );
    return { ciphertext: out.subarray(0, out.length - 16), tag: out.subarray(out.length - 16) };
  },
  async decrypt(key, iv, aad, ciphertext, tag) {
    const k = await subtle().importKey('raw', toArrayBuffer(key), 'AES-GCM', false, ['decrypt']);
    const sealed = new Uint8Array(ciphertext.length + tag.length);
    sealed.set(ciphertext);
    sealed.set(tag, ciphertext.length);
    return new Uint8Array(
      await subtle().decrypt({ name: 'AES-GCM', iv: toArrayBuffer(iv), additionalData: toArrayBuffer(aad), tagLength: 128 }, k, sealed),
    );
  },
};

/** Release key: scrypt(NFC passphrase, salt, 32768, 8, 1), reporting progress in 0..1. */
export async function deriveReleaseKey(
  passphrase: string,
  params: ReleaseKeyParams,
  onProgress?: (fraction: number) => void,
): Promise<Uint8Array> {
  // Re-validate: the parameters are fixed by the format, whatever object the caller passes.
  const salt = fromBase64(validateReleaseKey(params).salt)!;
  return scryptAsync(passphraseBytes(passphrase), salt, { ...SCRYPT_PARAMS, ...(onProgress ? { onProgress } : {}) });
}

/** Package or feedback key: HKDF-SHA256(packageKey, salt = header.id, info = "siks/<kind>/v1"). */
export async function deriveFileKey(packageKey: Uint8Array, header: PackageHeader | FeedbackHeader): Promise<Uint8Array> {
  if (packageKey.length !== 32) throw new TypeError('packageKey must be 32 bytes');
  const { salt, info } = hkdfInputs(header);
  const ikm = await subtle().importKey('raw', toArrayBuffer(packageKey), 'HKDF', false, ['deriveBits']);
  const bits = await subtle().deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: toArrayBuffer(salt), info: toArrayBuffer(info) },
    ikm,
    FILE_KEY_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** Key provider for a release opened with its passphrase. */
export function passphraseKeyProvider(passphrase: string, onProgress?: (fraction: number) => void): KeyProvider<'release'> {
  return (header) => deriveReleaseKey(passphrase, header.key, onProgress);
}

/**
 * Key provider for packages and feedback: `lookup` returns the release's packageKey (32 bytes or
 * release.json's base64), or undefined when the release is unknown.
 */
export function packageKeyProvider<K extends 'package' | 'feedback'>(lookup: PackageKeyLookup): KeyProvider<K> {
  return packageKeyProviderOver(deriveFileKey, lookup);
}

/** The validated plaintext header of a file, without decrypting (e.g. to ask for the passphrase). */
export function readHeader<K extends SiksKind>(file: Uint8Array, kind?: K): HeaderOf<K> {
  const h = readHeaderLength(file.subarray(0, FIXED_PREFIX_BYTES), file.length, kind);
  return decodeHeader(file.subarray(FIXED_PREFIX_BYTES, FIXED_PREFIX_BYTES + h), kind);
}

/** Decrypt, verify and parse a whole file of the expected kind. */
export function readSiksFile<K extends SiksKind>(file: Uint8Array, kind: K, keyProvider: KeyProvider<K>): Promise<ContentOf<K>> {
  return decodeFile(file, kind, keyProvider, webAead);
}

/** Open a `.siksdb` release. */
export function readRelease(file: Uint8Array, keyProvider: KeyProvider<'release'>): Promise<ReleaseContent> {
  return readSiksFile(file, 'release', keyProvider);
}

/** Open a `.siks` package. */
export function readPackage(file: Uint8Array, keyProvider: KeyProvider<'package'>): Promise<PackageContent> {
  return readSiksFile(file, 'package', keyProvider);
}

/** Open a `.siksfb` feedback file. */
export function readFeedback(file: Uint8Array, keyProvider: KeyProvider<'feedback'>): Promise<FeedbackContent> {
  return readSiksFile(file, 'feedback', keyProvider);
}

/** Either the passphrase (scrypt is run with the header's salt) or an already derived key. */
export type ReleaseSecret = { passphrase: string; onProgress?: (fraction: number) => void } | { key: Uint8Array };

/** Write a `.siksdb` release in memory (the server streams instead; see siks-node). */
export async function writeRelease(
  header: ReleaseHeader,
  release: ReleaseJson,
  records: ReleaseRecords<readonly object[]>,
  secret: ReleaseSecret,
): Promise<Uint8Array> {
  const p = prepareRelease(header, release);
  const body = releaseZip(p.header, p.release, records);
  const key = 'key' in secret ? secret.key : await deriveReleaseKey(secret.passphrase, p.header.key, secret.onProgress);
  return sealFile(p.header, body, key, webAead);
}

/** Write a `.siks` package sealed with the release's packageKey (32 bytes). */
export async function writePackage(header: PackageHeader, input: PackageInput, packageKey: Uint8Array): Promise<Uint8Array> {
  const h = validateHeader(header, 'package');
  return encodeFile(h, packageZip(h, input), await deriveFileKey(packageKey, h), webAead);
}

/** Write a `.siksfb` feedback file sealed with the release's packageKey (32 bytes). */
export async function writeFeedback(header: FeedbackHeader, decisions: readonly object[], packageKey: Uint8Array): Promise<Uint8Array> {
  const h = validateHeader(header, 'feedback');
  return encodeFile(h, feedbackZip(decisions), await deriveFileKey(packageKey, h), webAead);
}
