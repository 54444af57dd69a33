// Node adapter of the SIKS codec: node:crypto AES-256-GCM, scrypt and HKDF, and streaming.
// Releases can be gigabytes, so writing streams the ZIP through the cipher in constant memory and
// reading decrypts in a stream to a private temporary file; the ZIP is opened only after the GCM
// tag has verified, and the temporary file never outlives a failure or `dispose()`.

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID, scrypt } from 'node:crypto';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline, Readable, type Writable } from 'node:stream';
import { createDeflateRaw } from 'node:zlib';
import {
  assertFileKey,
  decodeHeader,
  encodeFile,
  encodePrefix,
  feedbackZip,
  fromBase64,
  FIXED_PREFIX_BYTES,
  hkdfInputs,
  inflateEntry,
  IV_BYTES,
  ndjsonChunks,
  NdjsonParser,
  packageKeyProviderOver,
  packageZip,
  passphraseBytes,
  prepareRelease,
  readHeaderLength,
  RELEASE_NDJSON,
  SCRYPT_PARAMS,
  TAG_BYTES,
  totalLimit,
  validateBody,
  validateHeader,
  validateReleaseKey,
  zipStream,
  type AeadBackend,
  type ByteSource,
  type FeedbackHeader,
  type HeaderOf,
  type JsonObject,
  type KeyProvider,
  type MediaFile,
  type PackageHeader,
  type PackageInput,
  type PackageKeyLookup,
  type ReleaseHeader,
  type ReleaseJson,
  type ReleaseKeyParams,
  type ReleaseRecords,
  type SiksKind,
  type ZipEntry,
} from '../../shared/siks/index.ts';
import { fail, SiksFormatError } from '../../shared/siks/errors.ts';

// Scrypt needs 128·N·r = 32 MiB; Node's default maxmem is exactly 32 MiB, which it refuses.
const SCRYPT_MAXMEM = 64 * 1024 * 1024;
const IO_CHUNK = 1024 * 1024;

/** Release key: scrypt(NFC passphrase, salt, 32768, 8, 1) with node:crypto (off the main thread). */
export function deriveReleaseKey(passphrase: string, params: ReleaseKeyParams): Promise<Uint8Array> {
  const salt = fromBase64(validateReleaseKey(params).salt)!;
  const password = passphraseBytes(passphrase);
  return new Promise((resolve, reject) => {
    scrypt(
      password,
      salt,
      SCRYPT_PARAMS.dkLen,
      { N: SCRYPT_PARAMS.N, r: SCRYPT_PARAMS.r, p: SCRYPT_PARAMS.p, maxmem: SCRYPT_MAXMEM },
      (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))),
    );
  });
}

/** Package or feedback key: HKDF-SHA256(packageKey, salt = header.id, info = "siks/<kind>/v1"). */
export function deriveFileKey(packageKey: Uint8Array, header: PackageHeader | FeedbackHeader): Uint8Array {
  if (packageKey.length !== 32) throw new TypeError('packageKey must be 32 bytes');
  const { salt, info } = hkdfInputs(header);
  return new Uint8Array(hkdfSync('sha256', packageKey, salt, info, 32));
}

/** Key provider for a release opened with its passphrase. */
export function passphraseKeyProvider(passphrase: string): KeyProvider<'release'> {
  return (header) => deriveReleaseKey(passphrase, header.key);
}

/**
 * Key provider for packages and feedback: `lookup` returns the release's packageKey (32 bytes or
 * release.json's base64) for `header.key.release`, or undefined when the system has no such release.
 */
export function packageKeyProvider<K extends 'package' | 'feedback'>(lookup: PackageKeyLookup): KeyProvider<K> {
  return packageKeyProviderOver(deriveFileKey, lookup);
}

/** AES-256-GCM with node:crypto, for the in-memory writers. */
export const nodeAead: AeadBackend = {
  async encrypt(key, iv, aad, plaintext) {
    const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    c.setAAD(aad);
    const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
    return { ciphertext, tag: c.getAuthTag() };
  },
  async decrypt(key, iv, aad, ciphertext, tag) {
    const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    d.setAAD(aad);
    d.setAuthTag(tag);
    return Buffer.concat([d.update(ciphertext), d.final()]);
  },
};

/** Raw deflate through zlib (native, on the thread pool); errors of the source reach the reader. */
function zlibDeflate(src: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const z = createDeflateRaw({ level: 6 });
  // pipeline destroys `z` with the source's error, so iterating `z` rethrows it.
  pipeline(Readable.from(src, { objectMode: false }), z, () => {});
  return z;
}

/** Write one chunk, waiting for 'drain' when the stream asks, failing if it closes meanwhile. */
function writeChunk(out: Writable, chunk: Uint8Array): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('SIKS output stream was closed'));
  if (out.write(chunk)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (err: Error) => done(err);
    const onClose = () => done(new Error('SIKS output stream was closed'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

function endStream(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

/**
 * An entry's lines already serialised (one JSON object per line, each ending with LF), e.g. straight
 * from the database: written as they come, counted by their LFs, never parsed.
 */
export interface NdjsonBytes {
  ndjson: AsyncIterable<Uint8Array | string>;
}
export type ReleaseSources = ReleaseRecords<AsyncIterable<object> | Iterable<object> | NdjsonBytes>;

const isNdjsonBytes = (source: ReleaseSources[keyof ReleaseSources]): source is NdjsonBytes => 'ndjson' in source;

/** Serialised NDJSON passed through as bytes, its lines counted (a last line without LF counts too). */
async function* countedLines(source: AsyncIterable<Uint8Array | string>, counter: { n: number }): AsyncGenerator<Uint8Array> {
  let open = false;
  for await (const part of source) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    if (bytes.length === 0) continue;
    for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) counter.n++;
    open = bytes[bytes.length - 1] !== 0x0a;
    yield bytes;
  }
  if (open) counter.n++;
}
/** Either the passphrase (scrypt runs with the header's salt) or an already derived key. */
export type ReleaseSecret = { passphrase: string } | { key: Uint8Array };

/**
 * Stream a `.siksdb` release to `out` in constant memory and end it. The header (with its counts)
 * is final before the first byte; if a source yields a different number of rows, the tag is never
 * written, `out` is destroyed and SIKS_COUNTS is thrown. Invalid input throws before any write;
 * after a later failure, deleting whatever `out` wrote (e.g. a partial file) is the caller's job.
 */
export async function writeRelease(
  out: Writable,
  header: ReleaseHeader,
  releaseJson: ReleaseJson,
  sources: ReleaseSources,
  secret: ReleaseSecret,
): Promise<void> {
  const p = prepareRelease(header, releaseJson);
  const key = 'key' in secret ? secret.key : await deriveReleaseKey(secret.passphrase, p.header.key);
  assertFileKey(key);
  const aad = encodePrefix(p.header);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);

  const counters: ReleaseRecords<{ n: number }> = {
    regions: { n: 0 },
    households: { n: 0 },
    members: { n: 0 },
    kpm: { n: 0 },
    pbi: { n: 0 },
  };
  const entries = [
    { name: 'release.json', chunks: [new TextEncoder().encode(JSON.stringify(p.release))] },
    ...RELEASE_NDJSON.map((k) => {
      const source = sources[k];
      return {
        name: `${k}.ndjson`,
        chunks: isNdjsonBytes(source) ? countedLines(source.ndjson, counters[k]) : ndjsonChunks(`${k}.ndjson`, source, counters[k]),
      };
    }),
  ];
  try {
    await writeChunk(out, aad);
    await writeChunk(out, iv);
    for await (const chunk of zipStream(entries, zlibDeflate)) {
      const enc = cipher.update(chunk);
      if (enc.length) await writeChunk(out, enc);
    }
    for (const k of ['households', 'members', 'kpm', 'pbi'] as const) {
      if (counters[k].n !== p.header.counts[k]) throw fail.counts(k, p.header.counts[k], counters[k].n);
    }
    const last = cipher.final();
    if (last.length) await writeChunk(out, last);
    await writeChunk(out, cipher.getAuthTag());
    await endStream(out);
  } catch (err) {
    // Without an error argument: destroying with one would emit 'error' on a stream the caller
    // may not listen to. The caller gets the error from this promise.
    out.destroy();
    throw err;
  }
}

/** Write a `.siks` package in memory, sealed with the release's packageKey (32 bytes). */
export async function writePackage(header: PackageHeader, input: PackageInput, packageKey: Uint8Array): Promise<Uint8Array> {
  const h = validateHeader(header, 'package');
  return encodeFile(h, packageZip(h, input), deriveFileKey(packageKey, h), nodeAead);
}

/** Write a `.siksfb` feedback file in memory, sealed with the release's packageKey (32 bytes). */
export async function writeFeedback(header: FeedbackHeader, decisions: readonly object[], packageKey: Uint8Array): Promise<Uint8Array> {
  const h = validateHeader(header, 'feedback');
  return encodeFile(h, feedbackZip(decisions), deriveFileKey(packageKey, h), nodeAead);
}

async function readAt(fh: FileHandle, offset: number, length: number): Promise<Buffer> {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, offset + got);
    if (bytesRead === 0) throw new Error('SIKS file changed while it was being read');
    got += bytesRead;
  }
  return buf;
}

function fileSource(fh: FileHandle, size: number): ByteSource {
  return { size, read: (offset, length) => readAt(fh, offset, length) };
}

/** The validated plaintext header of a file, without decrypting. */
export async function readFileHeader<K extends SiksKind>(path: string, kind?: K): Promise<HeaderOf<K>> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const start = await readAt(fh, 0, Math.min(FIXED_PREFIX_BYTES, size));
    const h = readHeaderLength(start, size, kind);
    return decodeHeader(await readAt(fh, FIXED_PREFIX_BYTES, h), kind);
  } finally {
    await fh.close();
  }
}

interface ReaderBase {
  /** Close and delete the temporary plaintext. Safe to call more than once. */
  dispose(): Promise<void>;
  /** Path of the temporary plaintext ZIP (mode 0600), for diagnostics. */
  readonly tempPath: string;
}
export interface ReleaseReader extends ReaderBase {
  kind: 'release';
  header: ReleaseHeader;
  release: ReleaseJson;
  regions(): AsyncIterable<JsonObject>;
  households(): AsyncIterable<JsonObject>;
  members(): AsyncIterable<JsonObject>;
  kpm(): AsyncIterable<JsonObject>;
  pbi(): AsyncIterable<JsonObject>;
}
export interface PackageReader extends ReaderBase {
  kind: 'package';
  header: PackageHeader;
  proposals(): AsyncIterable<JsonObject>;
  /** Every photo, one at a time (each at most 2 MiB). */
  media(): AsyncIterable<MediaFile>;
  /** Photos present, without their bytes. */
  mediaList: ReadonlyArray<Omit<MediaFile, 'bytes'>>;
  /** One photo's bytes by SHA-256, or undefined when the package has none such. */
  readMedia(sha256: string): Promise<Uint8Array | undefined>;
}
export interface FeedbackReader extends ReaderBase {
  kind: 'feedback';
  header: FeedbackHeader;
  feedback(): AsyncIterable<JsonObject>;
}
export type SiksReader = ReleaseReader | PackageReader | FeedbackReader;
export type ReaderOf<K extends SiksKind> = Extract<SiksReader, { kind: K }>;

export interface ReadOptions<K extends SiksKind> {
  /** The kind expected here; other kinds are refused before the key is asked for. */
  kind?: K;
  /** Directory for the temporary plaintext; os.tmpdir() by default. */
  tmpDir?: string;
  /**
   * Called once the tag has verified and before the ZIP is opened: the importer's checks of the
   * (now authentic) header that section 4 orders before the ZIP rules (district, period).
   */
  afterAuth?: (header: HeaderOf<K>) => void | Promise<void>;
}

/**
 * Open a SIKS file from disk: validate the envelope and header, get the key from `keyProvider`,
 * decrypt in a stream to a 0600 temporary file, verify the tag, and only then open and fully
 * validate the ZIP. Returns iterators over the content and `dispose()`, which the caller must call.
 * On any failure the temporary file is already deleted and a SiksFormatError (or the provider's
 * or an I/O error) is thrown.
 */
export async function readFile<K extends SiksKind = SiksKind>(
  path: string,
  keyProvider: KeyProvider<K>,
  options: ReadOptions<K> = {},
): Promise<ReaderOf<K>> {
  const kind = options.kind;
  const src = await open(path, 'r');
  let tempPath: string | undefined;
  let temp: FileHandle | undefined;
  try {
    const { size } = await src.stat();
    const h = readHeaderLength(await readAt(src, 0, Math.min(FIXED_PREFIX_BYTES, size)), size, kind);
    const aad = await readAt(src, 0, FIXED_PREFIX_BYTES + h);
    const header = decodeHeader(aad.subarray(FIXED_PREFIX_BYTES), kind) as HeaderOf<K>;
    const key = await keyProvider(header);
    assertFileKey(key);
    const ivAt = FIXED_PREFIX_BYTES + h;
    const iv = await readAt(src, ivAt, IV_BYTES);
    const tag = await readAt(src, size - TAG_BYTES, TAG_BYTES);
    const bodyStart = ivAt + IV_BYTES;
    const bodyEnd = size - TAG_BYTES;

    tempPath = join(options.tmpDir ?? tmpdir(), `siks-${randomUUID()}.zip.tmp`);
    temp = await open(tempPath, 'wx+', 0o600);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    let written = 0;
    for (let pos = bodyStart; pos < bodyEnd; pos += IO_CHUNK) {
      const plain = decipher.update(await readAt(src, pos, Math.min(IO_CHUNK, bodyEnd - pos)));
      await temp.write(plain, 0, plain.length, written);
      written += plain.length;
    }
    let last: Buffer;
    try {
      last = decipher.final();
    } catch {
      throw fail.auth(header.kind, 'tag');
    }
    if (last.length) {
      await temp.write(last, 0, last.length, written);
      written += last.length;
    }
    await src.close();
    await options.afterAuth?.(header);

    const body = fileSource(temp, written);
    const validated = await validateBody(body, header);
    return makeReader(header, validated, body, temp, tempPath) as ReaderOf<K>;
  } catch (err) {
    await src.close().catch(() => {});
    await temp?.close().catch(() => {});
    if (tempPath) await unlink(tempPath).catch(() => {});
    throw err;
  }
}

function makeReader(
  header: HeaderOf<SiksKind>,
  validated: Awaited<ReturnType<typeof validateBody>>,
  body: ByteSource,
  temp: FileHandle,
  tempPath: string,
): SiksReader {
  let disposed: Promise<void> | undefined;
  const dispose = () =>
    (disposed ??= (async () => {
      await temp.close().catch(() => {});
      await unlink(tempPath).catch(() => {});
    })());
  const entry = (name: string): ZipEntry => validated.entries.get(name)!;
  // Each iteration re-inflates with its own budget: the file was validated, the limits stay as a guard.
  const records = (name: string) => () => iterateNdjson(body, entry(name), totalLimit(header.kind));
  const base = { dispose, tempPath };
  const h = header as ReleaseHeader | PackageHeader | FeedbackHeader;
  if (h.kind === 'release') {
    return {
      ...base,
      kind: 'release',
      header: h,
      release: validated.releaseJson!,
      regions: records('regions.ndjson'),
      households: records('households.ndjson'),
      members: records('members.ndjson'),
      kpm: records('kpm.ndjson'),
      pbi: records('pbi.ndjson'),
    };
  }
  if (h.kind === 'package') {
    const list = [...validated.media.values()];
    const readOne = async (info: (typeof list)[number]): Promise<Uint8Array> => {
      const parts: Uint8Array[] = [];
      for await (const c of inflateEntry(body, info.entry, { used: 0, limit: totalLimit('package') })) parts.push(c);
      const joined = Buffer.concat(parts);
      return new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
    };
    return {
      ...base,
      kind: 'package',
      header: h,
      proposals: records('proposals.ndjson'),
      mediaList: list.map(({ name, sha256, type }) => ({ name, sha256, type })),
      async *media() {
        for (const info of list) yield { name: info.name, sha256: info.sha256, type: info.type, bytes: await readOne(info) };
      },
      async readMedia(sha256: string) {
        const info = validated.media.get(sha256);
        return info ? readOne(info) : undefined;
      },
    };
  }
  return { ...base, kind: 'feedback', header: h, feedback: records('feedback.ndjson') };
}

async function* iterateNdjson(body: ByteSource, entry: ZipEntry, limit: number): AsyncGenerator<JsonObject> {
  const queue: JsonObject[] = [];
  const parser = new NdjsonParser(entry.name, (r) => queue.push(r));
  for await (const chunk of inflateEntry(body, entry, { used: 0, limit })) {
    parser.push(chunk);
    yield* queue.splice(0);
  }
  parser.end();
  yield* queue.splice(0);
}

export { SiksFormatError };
