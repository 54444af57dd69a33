// The SIKS exchange-file codec (release .siksdb, package .siks, feedback .siksfb), format version 1,
// as /work/shared/spec/siks-format.md defines it. This folder is browser-safe (no `node:` imports):
// the format logic lives here, AES-GCM/scrypt/HKDF come from the adapters (`./browser.ts`, and
// `src/server/platform/siks-node.ts` on the server).
//
// Where the spec is silent we chose the strict reading:
//  1. Header objects and release.json are strict: an unknown field anywhere is rejected (this also
//     keeps the promise that the header never holds personal data).
//  2. Header checks run in the order of section 4: UTF-8 JSON object (no BOM) → `formatVersion`
//     (absent: SIKS_HEADER; any value other than the number 1, even "1": SIKS_FORMAT_VERSION naming
//     it) → `kind` → every field. A reader told which kind to expect refuses other kinds before it
//     asks for a key.
//  3. Timestamps: RFC 3339 with upper-case `T`/`Z`, optional fraction, a real calendar date and
//     seconds 00–59 (no leap second). `period` months 01–12. `kabKota` exactly four ASCII digits.
//  4. base64 must be canonical padded RFC 4648 (non-zero padding bits rejected); the salt decodes to
//     exactly 16 bytes, `packageKey` to exactly 32.
//  5. `app.name`, `app.version`, `operator.username`, `operator.name` are non-empty strings;
//     `dictionaryVersion` and `finalization.number` are integers ≥ 1; counts are integers ≥ 0.
//  6. Package `scope` codes must start with the header's `kabKota` ("of the district") and may not
//     repeat.
//  7. Envelope: an empty file, or one whose first bytes differ from "SIKS", is SIKS_MAGIC; once the
//     magic matches, any file shorter than 9 + H + 12 + 16 bytes is SIKS_AUTH (section 1: a
//     truncated file fails authentication).
//  8. ZIP layout: the end record must end exactly at the end of the body; the entries must tile the
//     bytes before the central directory exactly (no prefix, gap or overlap, so no hidden or shared
//     data); the central directory is followed directly by the ZIP64 end record (if any) or the
//     classic one; single disk only; classic and ZIP64 end fields must agree.
//  9. Local headers must equal the central directory in flags, method, DOS time/date, name bytes,
//     CRC and sizes (zero allowed when a data descriptor follows; the descriptor must then match).
// 10. Flag bits allowed: 1, 2 (deflate options), 3 (data descriptor), 11 (UTF-8). Bits 0, 6, 13 are
//     encryption; any other bit is an unsupported feature. Both reject the file.
// 11. An entry is a directory if its name ends in "/" or "\", or it has the MS-DOS directory
//     attribute or a Unix directory mode; Unix symlinks and special files are also rejected. This
//     is checked before the name, so "media/" is reported as a directory.
// 12. Every entry's CRC-32 and declared size must match the inflated bytes; a stored entry's two
//     sizes must be equal. Bytes after the end of a deflate stream inside its compressed size are
//     not detected (CRC and size still protect the content).
// 13. The 200:1 rule compares the bytes inflated so far with the compressed bytes consumed so far
//     (never the declared size), once more than 1 MiB has been inflated.
// 14. Media: lowercase hex only; the extension must match the content (.jpg = FF D8 FF,
//     .png = the 8-byte PNG signature). A proposal's `media` is absent, null, or an array of
//     objects with a 64-lowercase-hex `sha256`; anything else is SIKS_MEDIA.
// 15. NDJSON: any CR byte is rejected (CRLF files), a whitespace-only line is blank, a BOM or invalid
//     UTF-8 is rejected, and a line over 16 MiB is rejected; release.json over 1 MiB is SIKS_TOO_LARGE.
// 16. Feedback lines, like package lines, need a `proposalId` that is a UUID v4.
// 17. Release: header `counts` must equal release.json `counts` and the number of lines of each
//     NDJSON entry.
// 18. Report order for one file: envelope and header; the key (unknown release); the tag; ZIP
//     structure (as read); size limits (while inflating, at once). Content faults are remembered
//     and reported after everything was inflated, so an oversized file is always reported as such:
//     entry integrity (CRC, size, corrupt deflate), NDJSON form, media content, media references
//     (malformed, missing, unreferenced), proposal ids, release.json and its agreement with the
//     header, counts. Readers validate the whole body, every line parsed, before returning anything.
// 19. Passphrases with lone UTF-16 surrogates are rejected (UTF-8 would turn them into U+FFFD and
//     two passphrases would give one key); the 12-code-point minimum is counted after NFC.
// 20. A key provider must return exactly 32 bytes.
// 21. Feedback lines (3.3 is silent on photos) carry an extra optional `keptMedia`: the photos
//     `[{ sha256, tag }]` that an approval (DISETUJUI, SEBAGIAN) kept with the household, `[]` for
//     other decisions; readers that do not know it ignore it (the offline app reads lines leniently).

export { SiksFormatError, isSiksFormatError, type SiksErrorCode, type SiksMessages } from './errors.ts';
export {
  SIKS_KINDS,
  SCRYPT_N,
  SCRYPT_R,
  SCRYPT_P,
  UUID_V4_RE,
  isRfc3339,
  validateHeader,
  validateReleaseJson,
  validateReleaseKey,
  checkReleaseConsistency,
  type SiksKind,
  type SiksHeader,
  type HeaderOf,
  type ReleaseHeader,
  type PackageHeader,
  type FeedbackHeader,
  type ReleaseKeyParams,
  type ReleaseJson,
} from './schemas.ts';
export {
  MAGIC,
  ENVELOPE_VERSION,
  FIXED_PREFIX_BYTES,
  MAX_HEADER_BYTES,
  IV_BYTES,
  TAG_BYTES,
  encodePrefix,
  readHeaderLength,
  decodeHeader,
  splitEnvelope,
} from './envelope.ts';
export {
  passphraseBytes,
  hkdfInputs,
  newReleaseKeyParams,
  newPackageKey,
  assertFileKey,
  SCRYPT_PARAMS,
  MIN_PASSPHRASE_CODE_POINTS,
  packageKeyProviderOver,
  type PackageKeyLookup,
} from './keys.ts';
export {
  LIMITS,
  openZip,
  inflateEntry,
  memorySource,
  requiredEntries,
  totalLimit,
  type ByteSource,
  type ZipEntry,
  type InflateBudget,
} from './zip-reader.ts';
export {
  zipSync,
  zipStream,
  fflateDeflate,
  type ZipInput,
  type ZipStreamInput,
  type DeflateStream,
} from './zip-writer.ts';
export { NdjsonParser, parseNdjson, toNdjson, ndjsonChunks, MAX_LINE_BYTES, type JsonObject } from './ndjson.ts';
export { validateBody, MAX_RELEASE_JSON_BYTES, type ValidatedBody, type BodySinks, type MediaInfo } from './content.ts';
export {
  decodeFile,
  encodeFile,
  sealFile,
  prepareRelease,
  releaseZip,
  packageZip,
  feedbackZip,
  mediaEntryName,
  RELEASE_NDJSON,
  type AeadBackend,
  type KeyProvider,
  type ReleaseRecords,
  type ReleaseContent,
  type PackageContent,
  type FeedbackContent,
  type SiksContent,
  type ContentOf,
  type MediaFile,
  type PackageInput,
} from './codec.ts';
export { fromBase64, toBase64, toHex } from './bytes.ts';
