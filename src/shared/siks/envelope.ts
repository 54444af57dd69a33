// The envelope (section 1): "SIKS", 0x01, H (u32 BE), header JSON, IV, ciphertext, tag.
// Everything here is pure byte layout; the adapters do the AES-GCM.

import { concat, decodeUtf8Strict, utf8 } from './bytes.ts';
import { fail } from './errors.ts';
import { validateHeader, type HeaderOf, type SiksHeader, type SiksKind } from './schemas.ts';

export const MAGIC = new Uint8Array([0x53, 0x49, 0x4b, 0x53]); // "SIKS"
export const ENVELOPE_VERSION = 0x01;
export const FIXED_PREFIX_BYTES = 9;
export const MIN_HEADER_BYTES = 2;
export const MAX_HEADER_BYTES = 65536;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** Magic, version, length and header bytes: the AAD of the file. Throws if the header is too long. */
export function encodePrefix(header: SiksHeader): Uint8Array {
  const json = utf8(JSON.stringify(header));
  if (json.length < MIN_HEADER_BYTES || json.length > MAX_HEADER_BYTES) throw fail.headerLength(json.length);
  const fixed = new Uint8Array(FIXED_PREFIX_BYTES);
  fixed.set(MAGIC, 0);
  fixed[4] = ENVELOPE_VERSION;
  new DataView(fixed.buffer).setUint32(5, json.length, false);
  return concat([fixed, json]);
}

/**
 * Check the fixed 9-byte start of a file of `fileSize` bytes and return the header length H.
 * `start` may be shorter than 9 bytes when the file is. Any truncation is reported as damage
 * (SIKS_AUTH), as section 1 requires, once the magic has matched.
 */
export function readHeaderLength(start: Uint8Array, fileSize: number, kind?: SiksKind): number {
  if (fileSize === 0) throw fail.magic();
  for (let i = 0; i < Math.min(4, start.length); i++) if (start[i] !== MAGIC[i]) throw fail.magic();
  if (fileSize < 5 || start.length < 5) throw fail.auth(kind, 'truncated');
  if (start[4] !== ENVELOPE_VERSION) throw fail.envelopeVersion(start[4]!);
  if (fileSize < FIXED_PREFIX_BYTES || start.length < FIXED_PREFIX_BYTES) throw fail.auth(kind, 'truncated');
  const h = new DataView(start.buffer, start.byteOffset, start.byteLength).getUint32(5, false);
  if (h < MIN_HEADER_BYTES || h > MAX_HEADER_BYTES) throw fail.headerLength(h);
  if (fileSize < FIXED_PREFIX_BYTES + h + IV_BYTES + TAG_BYTES) throw fail.auth(kind, 'truncated');
  return h;
}

/** Parse and validate the header bytes (UTF-8 JSON object, no BOM). */
export function decodeHeader<K extends SiksKind>(headerBytes: Uint8Array, expectedKind?: K): HeaderOf<K> {
  if (headerBytes[0] === 0xef && headerBytes[1] === 0xbb && headerBytes[2] === 0xbf) throw fail.headerJson('byte order mark');
  let text: string;
  try {
    text = decodeUtf8Strict(headerBytes);
  } catch {
    throw fail.headerJson('not UTF-8');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw fail.headerJson('not JSON');
  }
  return validateHeader(raw, expectedKind);
}

export interface EnvelopeParts<K extends SiksKind> {
  header: HeaderOf<K>;
  aad: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/** Split a whole file held in memory into its parts, validating everything before the IV. */
export function splitEnvelope<K extends SiksKind>(file: Uint8Array, expectedKind?: K): EnvelopeParts<K> {
  const h = readHeaderLength(file.subarray(0, FIXED_PREFIX_BYTES), file.length, expectedKind);
  const headerEnd = FIXED_PREFIX_BYTES + h;
  const header = decodeHeader(file.subarray(FIXED_PREFIX_BYTES, headerEnd), expectedKind);
  return {
    header,
    aad: file.subarray(0, headerEnd),
    iv: file.subarray(headerEnd, headerEnd + IV_BYTES),
    ciphertext: file.subarray(headerEnd + IV_BYTES, file.length - TAG_BYTES),
    tag: file.subarray(file.length - TAG_BYTES),
  };
}
