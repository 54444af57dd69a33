// Validation of a decrypted body: the ZIP rules (section 3) and the checks of section 4 step 1
// that concern the file itself. Semantic checks of proposals (dictionary rules, database lookups)
// belong to the importer, not here.
//
// Everything is inflated once, in one pass. Size limits fail at once (they stop the work);
// content faults are remembered and reported after the pass, so a file that is both too large and
// malformed is always reported as too large, and the report follows the order of section 4.

import { sha256 } from '@noble/hashes/sha2.js';
import { decodeUtf8Strict, joinParts, toHex } from './bytes.ts';
import { fail, SiksFormatError } from './errors.ts';
import { NdjsonParser, type JsonObject } from './ndjson.ts';
import {
  checkReleaseConsistency,
  UUID_V4_RE,
  validateReleaseJson,
  type HeaderOf,
  type ReleaseJson,
  type SiksHeader,
  type SiksKind,
} from './schemas.ts';
import { inflateEntry, MEDIA_NAME_RE, openZip, totalLimit, type ByteSource, type InflateBudget, type ZipEntry } from './zip-reader.ts';

/** Largest release.json accepted (strict reading; the real one is under 1 KiB). */
export const MAX_RELEASE_JSON_BYTES = 1024 * 1024;

const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const SHA256_HEX_RE = /^[0-9a-f]{64}$/;

export interface MediaInfo {
  name: string;
  sha256: string;
  type: 'jpg' | 'png';
  entry: ZipEntry;
}

export interface ValidatedBody {
  entries: Map<string, ZipEntry>;
  /** Records per NDJSON entry name. */
  lineCounts: Map<string, number>;
  releaseJson: ReleaseJson | undefined;
  /** Media entries by SHA-256 (packages only). */
  media: Map<string, MediaInfo>;
}

/** Optional sinks for callers (the browser adapter) that keep the content while it is validated. */
export interface BodySinks {
  onRecord?(entry: string, record: JsonObject): void;
  onMedia?(info: Omit<MediaInfo, 'entry'>, bytes: Uint8Array): void;
}

// Report order of deferred faults, following section 4 step 1: an entry's integrity (CRC, size,
// corrupt deflate data), NDJSON form, media content,
// media references (all section 3), then proposal ids, then header agreement and counts.
const ORDER = ['zip', 'ndjson', 'media', 'reference', 'missing', 'unreferenced', 'proposalId', 'release', 'counts'] as const;
type Category = (typeof ORDER)[number];

class Faults {
  private readonly first = new Map<Category, SiksFormatError>();
  note(category: Category, err: SiksFormatError): void {
    if (!this.first.has(category)) this.first.set(category, err);
  }
  has(category: Category): boolean {
    return this.first.has(category);
  }
  throwFirst(): void {
    for (const c of ORDER) {
      const err = this.first.get(c);
      if (err) throw err;
    }
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/**
 * Inflate an entry fully, feeding each chunk to `onChunk`. Limit errors propagate at once; an
 * entry's integrity faults are deferred so that a file over a limit is always reported as such.
 */
async function drain(
  src: ByteSource,
  entry: ZipEntry,
  budget: InflateBudget,
  faults: Faults,
  onChunk: (c: Uint8Array) => void,
): Promise<void> {
  try {
    for await (const chunk of inflateEntry(src, entry, budget)) onChunk(chunk);
  } catch (err) {
    if (err instanceof SiksFormatError && err.code === 'SIKS_ZIP') faults.note('zip', err);
    else throw err;
  }
}

/** What one validation pass carries from entry to entry. */
interface Pass {
  src: ByteSource;
  kind: SiksKind;
  budget: InflateBudget;
  faults: Faults;
  sinks: BodySinks;
  result: ValidatedBody;
  references: Set<string>;
  releaseRaw: unknown;
}

async function checkReleaseJsonEntry(pass: Pass, entry: ZipEntry): Promise<void> {
  const parts: Uint8Array[] = [];
  let size = 0;
  await drain(pass.src, entry, pass.budget, pass.faults, (c) => {
    size += c.length;
    if (size > MAX_RELEASE_JSON_BYTES) throw fail.tooLargeJson(entry.name, MAX_RELEASE_JSON_BYTES);
    parts.push(c);
  });
  try {
    pass.releaseRaw = JSON.parse(decodeUtf8Strict(joinParts(parts)));
  } catch {
    pass.faults.note('release', fail.releaseJson('(JSON)'));
  }
}

async function checkMediaEntry(pass: Pass, entry: ZipEntry): Promise<void> {
  const [, nameHash, ext] = MEDIA_NAME_RE.exec(entry.name)!;
  const hash = sha256.create();
  const keep: Uint8Array[] | undefined = pass.sinks.onMedia ? [] : undefined;
  let head: Uint8Array = new Uint8Array(0);
  await drain(pass.src, entry, pass.budget, pass.faults, (c) => {
    hash.update(c);
    if (head.length < 8) head = joinParts([head, c.subarray(0, 8 - head.length)]);
    keep?.push(c);
  });
  const digest = toHex(hash.digest());
  const type: 'jpg' | 'png' | undefined = startsWith(head, JPEG_MAGIC) ? 'jpg' : startsWith(head, PNG_MAGIC) ? 'png' : undefined;
  if (digest !== nameHash) pass.faults.note('media', fail.media('hash', entry.name));
  else if (type === undefined) pass.faults.note('media', fail.media('not-image', entry.name));
  else if (type !== ext) pass.faults.note('media', fail.media('extension', entry.name));
  else {
    const info = { name: entry.name, sha256: digest, type };
    pass.result.media.set(digest, { ...info, entry });
    if (keep) pass.sinks.onMedia!(info, joinParts(keep));
  }
}

async function checkNdjsonEntry(pass: Pass, entry: ZipEntry): Promise<void> {
  const { kind, faults } = pass;
  let failed = false;
  const parser = new NdjsonParser(entry.name, (record, line) => {
    if (kind === 'package' || kind === 'feedback') {
      const id = record.proposalId;
      if (typeof id !== 'string' || !UUID_V4_RE.test(id)) faults.note('proposalId', fail.proposalId(entry.name, line));
    }
    if (kind === 'package') collectReferences(record, line, pass.references, faults, entry.name);
    pass.sinks.onRecord?.(entry.name, record);
  });
  await drain(pass.src, entry, pass.budget, faults, (c) => {
    if (failed) return; // keep inflating: the size limits still apply to the rest
    try {
      parser.push(c);
    } catch (err) {
      failed = true;
      faults.note('ndjson', asSiks(err));
    }
  });
  if (!failed) {
    try {
      parser.end();
    } catch (err) {
      faults.note('ndjson', asSiks(err));
    }
  }
  pass.result.lineCounts.set(entry.name, parser.lines);
}

/** Every photo referenced, every reference present, and the declared number of proposals. */
function checkPackageTotals(pass: Pass, header: HeaderOf<'package'>): void {
  const { faults, result, references } = pass;
  if (!faults.has('media')) {
    for (const ref of references) if (!result.media.has(ref)) faults.note('missing', fail.media('missing', `media/${ref}`));
    for (const [sha, m] of result.media) if (!references.has(sha)) faults.note('unreferenced', fail.media('unreferenced', m.name));
  }
  const lines = result.lineCounts.get('proposals.ndjson') ?? 0;
  if (header.counts.proposals !== lines) faults.note('counts', fail.counts('usulan (proposals)', header.counts.proposals, lines));
}

/** release.json valid and agreeing with the header, and the header's counts equal to the rows. */
function checkReleaseTotals(pass: Pass, header: HeaderOf<'release'>): void {
  const { faults, result } = pass;
  if (faults.has('release')) return;
  try {
    const release = validateReleaseJson(pass.releaseRaw);
    checkReleaseConsistency(header, release);
    result.releaseJson = release;
  } catch (err) {
    const e = asSiks(err);
    faults.note(e.code === 'SIKS_COUNTS' ? 'counts' : 'release', e);
  }
  for (const k of ['households', 'members', 'kpm', 'pbi'] as const) {
    const lines = result.lineCounts.get(`${k}.ndjson`) ?? 0;
    if (header.counts[k] !== lines) faults.note('counts', fail.counts(k, header.counts[k], lines));
  }
}

/**
 * Validate a decrypted body of the header's kind and return where everything is. Throws the
 * first SiksFormatError in the order above; never returns for a file that breaks a rule.
 */
export async function validateBody<K extends SiksKind>(
  src: ByteSource,
  header: HeaderOf<K>,
  sinks: BodySinks = {},
): Promise<ValidatedBody> {
  const h = header as SiksHeader;
  const list = await openZip(src, h.kind);
  const pass: Pass = {
    src,
    kind: h.kind,
    budget: { used: 0, limit: totalLimit(h.kind) },
    faults: new Faults(),
    sinks,
    result: {
      entries: new Map(list.map((e) => [e.name, e])),
      lineCounts: new Map(),
      releaseJson: undefined,
      media: new Map(),
    },
    references: new Set(),
    releaseRaw: undefined,
  };
  for (const entry of list) {
    if (entry.name === 'release.json') await checkReleaseJsonEntry(pass, entry);
    else if (entry.isMedia) await checkMediaEntry(pass, entry);
    else await checkNdjsonEntry(pass, entry);
  }
  if (h.kind === 'package') checkPackageTotals(pass, h);
  if (h.kind === 'release') checkReleaseTotals(pass, h);
  pass.faults.throwFirst();
  return pass.result;
}

/** Media references of one proposal: `media` is absent, null, or an array of { sha256 }. */
function collectReferences(record: JsonObject, line: number, into: Set<string>, faults: Faults, entry: string): void {
  const media = record.media;
  if (media === undefined || media === null) return;
  if (!Array.isArray(media)) {
    faults.note('reference', fail.media('reference', entry, line));
    return;
  }
  for (const item of media) {
    const sha = typeof item === 'object' && item !== null ? (item as JsonObject).sha256 : undefined;
    if (typeof sha !== 'string' || !SHA256_HEX_RE.test(sha)) {
      faults.note('reference', fail.media('reference', entry, line));
      return;
    }
    into.add(sha);
  }
}

function asSiks(err: unknown): SiksFormatError {
  if (err instanceof SiksFormatError) return err;
  throw err;
}
