// Whole-file encoding and decoding over an injected AES-GCM backend. The browser adapter uses it
// for everything; the Node adapter for the small kinds it writes in memory.

import { sha256 } from '@noble/hashes/sha2.js';
import { concat, randomBytes, toHex } from './bytes.ts';
import { validateBody, type MediaInfo } from './content.ts';
import { encodePrefix, IV_BYTES, splitEnvelope } from './envelope.ts';
import { fail } from './errors.ts';
import { assertFileKey } from './keys.ts';
import { toNdjson, type JsonObject } from './ndjson.ts';
import {
  checkReleaseConsistency,
  validateHeader,
  validateReleaseJson,
  type FeedbackHeader,
  type HeaderOf,
  type PackageHeader,
  type ReleaseHeader,
  type ReleaseJson,
  type SiksHeader,
  type SiksKind,
} from './schemas.ts';
import { memorySource } from './zip-reader.ts';
import { zipSync, type ZipInput } from './zip-writer.ts';

/** AES-256-GCM as a platform provides it. `decrypt` must throw (anything) when the tag fails. */
export interface AeadBackend {
  encrypt(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Promise<{ ciphertext: Uint8Array; tag: Uint8Array }>;
  decrypt(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array): Promise<Uint8Array>;
}

/** Returns the 32-byte AES key of a file from its (validated) header, or throws a SiksFormatError. */
export type KeyProvider<K extends SiksKind = SiksKind> = (header: HeaderOf<K>) => Uint8Array | Promise<Uint8Array>;

export interface ReleaseRecords<T> {
  regions: T;
  households: T;
  members: T;
  kpm: T;
  pbi: T;
}
export const RELEASE_NDJSON = ['regions', 'households', 'members', 'kpm', 'pbi'] as const;

export interface ReleaseContent extends ReleaseRecords<JsonObject[]> {
  kind: 'release';
  header: ReleaseHeader;
  release: ReleaseJson;
}
export interface MediaFile {
  name: string;
  sha256: string;
  type: 'jpg' | 'png';
  bytes: Uint8Array;
}
export interface PackageContent {
  kind: 'package';
  header: PackageHeader;
  proposals: JsonObject[];
  /** Photos by SHA-256 (lowercase hex). */
  media: Map<string, MediaFile>;
}
export interface FeedbackContent {
  kind: 'feedback';
  header: FeedbackHeader;
  feedback: JsonObject[];
}
export type SiksContent = ReleaseContent | PackageContent | FeedbackContent;
export type ContentOf<K extends SiksKind> = Extract<SiksContent, { kind: K }>;

export interface PackageInput {
  proposals: readonly object[];
  /** Photo bytes (JPEG or PNG); named by their SHA-256, referenced from proposals' `media`. */
  media?: readonly Uint8Array[];
}

/** SHA-256 hex and entry name of a photo; refuses anything that is not JPEG or PNG. */
export function mediaEntryName(bytes: Uint8Array): { sha256: string; name: string } {
  const hash = toHex(sha256(bytes));
  const ext =
    bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
      ? 'jpg'
      : bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
        ? 'png'
        : undefined;
  if (!ext) throw fail.media('not-image', `media/${hash}`);
  return { sha256: hash, name: `media/${hash}.${ext}` };
}

/** ZIP body of a release, in memory. */
export function releaseZip(header: ReleaseHeader, release: ReleaseJson, records: ReleaseRecords<readonly object[]>): Uint8Array {
  const inputs: ZipInput[] = [{ name: 'release.json', data: new TextEncoder().encode(JSON.stringify(release)) }];
  for (const k of RELEASE_NDJSON) {
    if (k !== 'regions' && records[k].length !== header.counts[k]) throw fail.counts(k, header.counts[k], records[k].length);
    inputs.push({ name: `${k}.ndjson`, data: toNdjson(`${k}.ndjson`, records[k]) });
  }
  return zipSync(inputs);
}

/** ZIP body of a package, in memory. */
export function packageZip(header: PackageHeader, input: PackageInput): Uint8Array {
  const inputs: ZipInput[] = [{ name: 'proposals.ndjson', data: toNdjson('proposals.ndjson', input.proposals) }];
  const seen = new Set<string>();
  for (const bytes of input.media ?? []) {
    const { sha256: hash, name } = mediaEntryName(bytes);
    if (seen.has(hash)) continue; // the same photo attached twice is one entry
    seen.add(hash);
    inputs.push({ name, data: bytes, store: true });
  }
  if (input.proposals.length !== header.counts.proposals)
    throw fail.counts('usulan (proposals)', header.counts.proposals, input.proposals.length);
  return zipSync(inputs);
}

/** ZIP body of a feedback file, in memory. */
export function feedbackZip(decisions: readonly object[]): Uint8Array {
  return zipSync([{ name: 'feedback.ndjson', data: toNdjson('feedback.ndjson', decisions) }]);
}

/** Validate a header and content before writing, so a writer never produces a file readers reject. */
export function prepareRelease(header: ReleaseHeader, release: ReleaseJson): { header: ReleaseHeader; release: ReleaseJson } {
  const h = validateHeader(header, 'release');
  const r = validateReleaseJson(release);
  checkReleaseConsistency(h, r);
  return { header: h, release: r };
}

/** Encrypt a body under a header: the complete file bytes. */
export async function sealFile(header: HeaderOf<SiksKind>, body: Uint8Array, key: Uint8Array, aead: AeadBackend): Promise<Uint8Array> {
  assertFileKey(key);
  const aad = encodePrefix(header);
  const iv = randomBytes(IV_BYTES);
  const { ciphertext, tag } = await aead.encrypt(key, iv, aad, body);
  return concat([aad, iv, ciphertext, tag]);
}

/**
 * Build, self-check and seal a file of any kind in memory. The body is validated by the same
 * reader code before encryption, so a content fault surfaces at export, not at import.
 */
export async function encodeFile<K extends SiksKind>(
  header: HeaderOf<K>,
  body: Uint8Array,
  key: Uint8Array,
  aead: AeadBackend,
): Promise<Uint8Array> {
  const h = validateHeader(header, header.kind as K);
  await validateBody(memorySource(body), h);
  return sealFile(h, body, key, aead);
}

/** Decrypt and validate a whole file held in memory; plaintext is used only after the tag verified. */
export async function decodeFile<K extends SiksKind>(
  file: Uint8Array,
  kind: K,
  keyProvider: KeyProvider<K>,
  aead: AeadBackend,
): Promise<ContentOf<K>> {
  const parts = splitEnvelope(file, kind);
  const key = await keyProvider(parts.header);
  assertFileKey(key);
  let body: Uint8Array;
  try {
    body = await aead.decrypt(key, parts.iv, parts.aad, parts.ciphertext, parts.tag);
  } catch {
    throw fail.auth(kind, 'tag');
  }
  const records = new Map<string, JsonObject[]>();
  const media = new Map<string, MediaFile>();
  const validated = await validateBody(memorySource(body), parts.header, {
    onRecord(entry, record) {
      let list = records.get(entry);
      if (!list) records.set(entry, (list = []));
      list.push(record);
    },
    onMedia(info: Omit<MediaInfo, 'entry'>, bytes) {
      media.set(info.sha256, { ...info, bytes });
    },
  });
  const list = (name: string) => records.get(name) ?? [];
  const header = parts.header as SiksHeader;
  let content: SiksContent;
  if (header.kind === 'release') {
    content = {
      kind: 'release',
      header,
      release: validated.releaseJson!,
      regions: list('regions.ndjson'),
      households: list('households.ndjson'),
      members: list('members.ndjson'),
      kpm: list('kpm.ndjson'),
      pbi: list('pbi.ndjson'),
    };
  } else if (header.kind === 'package') {
    content = { kind: 'package', header, proposals: list('proposals.ndjson'), media };
  } else {
    content = { kind: 'feedback', header, feedback: list('feedback.ndjson') };
  }
  return content as ContentOf<K>;
}
