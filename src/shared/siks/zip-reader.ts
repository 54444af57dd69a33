// A strict ZIP reader for the decrypted body (section 3). It reads through a random-access
// ByteSource so that the browser (bytes in memory) and Node (a temporary file) share every rule.
// Declared sizes are used only to locate data; every limit is enforced on the bytes actually
// inflated.

import { Inflate } from 'fflate';
import { crc32 } from './bytes.ts';
import { fail, SiksFormatError } from './errors.ts';
import type { SiksKind } from './schemas.ts';

export interface ByteSource {
  readonly size: number;
  /** Exactly `length` bytes at `offset` (callers never read past `size`). */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A ByteSource over bytes in memory. */
export function memorySource(bytes: Uint8Array): ByteSource {
  return { size: bytes.length, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export const LIMITS = {
  totalRelease: 8 * GiB,
  totalSmall: 200 * MiB,
  media: 2 * MiB,
  maxMedia: 2000,
  ratio: 200,
  ratioFloor: 1 * MiB,
} as const;

export const RELEASE_ENTRIES = [
  'release.json',
  'regions.ndjson',
  'households.ndjson',
  'members.ndjson',
  'kpm.ndjson',
  'pbi.ndjson',
] as const;
export const PACKAGE_ENTRIES = ['proposals.ndjson'] as const;
export const FEEDBACK_ENTRIES = ['feedback.ndjson'] as const;
export const MEDIA_NAME_RE = /^media\/([0-9a-f]{64})\.(jpg|png)$/;

/** The fixed entries that a file of this kind must hold exactly once. */
export function requiredEntries(kind: SiksKind): readonly string[] {
  return kind === 'release' ? RELEASE_ENTRIES : kind === 'package' ? PACKAGE_ENTRIES : FEEDBACK_ENTRIES;
}

/** Total inflated-size limit of a kind. */
export function totalLimit(kind: SiksKind): number {
  return kind === 'release' ? LIMITS.totalRelease : LIMITS.totalSmall;
}

export interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc: number;
  compressedSize: number;
  /** As declared; checked against the inflated bytes, never trusted for allocation. */
  uncompressedSize: number;
  localOffset: number;
  dataOffset: number;
  isMedia: boolean;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

// General-purpose flag bits: 0 encryption, 6 strong encryption, 13 masked central directory.
const FLAG_ENCRYPTION = (1 << 0) | (1 << 6) | (1 << 13);
const FLAG_DESCRIPTOR = 1 << 3;
// Deflate options (1, 2), data descriptor (3) and UTF-8 names (11) are harmless; the rest
// (patched data, reserved bits) name features no SIKS writer uses.
const FLAGS_ALLOWED = (1 << 1) | (1 << 2) | FLAG_DESCRIPTOR | (1 << 11);

const structure = (what: string) => fail.zip('structure', undefined, { what });

class View {
  private readonly dv: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(o: number): number {
    return this.dv.getUint16(o, true);
  }
  u32(o: number): number {
    return this.dv.getUint32(o, true);
  }
  u64(o: number): number {
    const v = this.dv.getBigUint64(o, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw structure('64-bit value too large');
    return Number(v);
  }
}

async function readExact(src: ByteSource, offset: number, length: number, what: string): Promise<Uint8Array> {
  if (offset < 0 || length < 0 || offset + length > src.size) throw structure(`${what} outside the archive`);
  return src.read(offset, length);
}

interface Eocd {
  entries: number;
  cdOffset: number;
  cdSize: number;
  /** Where the central directory must end: the ZIP64 record if any, else the classic record. */
  cdEnd: number;
}

async function findEocd(src: ByteSource): Promise<Eocd> {
  if (src.size < 22) throw structure('no end of central directory');
  const tailLen = Math.min(src.size, 22 + U16_MAX);
  const tailStart = src.size - tailLen;
  const tail = new View(await src.read(tailStart, tailLen));
  let pos = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    // The record must end exactly at the end of the file: nothing may trail the archive.
    if (tail.u32(i) === SIG_EOCD && i + 22 + tail.u16(i + 20) === tailLen) {
      pos = i;
      break;
    }
  }
  if (pos < 0) throw structure('no end of central directory');
  const eocdPos = tailStart + pos;
  const disk = tail.u16(pos + 4);
  const cdDisk = tail.u16(pos + 6);
  const onDisk = tail.u16(pos + 8);
  const total = tail.u16(pos + 10);
  const cdSize = tail.u32(pos + 12);
  const cdOffset = tail.u32(pos + 16);

  const hasLocator = eocdPos >= 20 && new View(await src.read(eocdPos - 20, 4)).u32(0) === SIG_ZIP64_LOCATOR;
  if (!hasLocator) {
    if (disk !== 0 || cdDisk !== 0 || onDisk !== total) throw multiDisk();
    return { entries: total, cdOffset, cdSize, cdEnd: eocdPos };
  }
  const loc = new View(await src.read(eocdPos - 20, 20));
  if (loc.u32(4) !== 0 || loc.u32(16) !== 1) throw multiDisk();
  const z64Pos = loc.u64(8);
  const z64Head = new View(await readExact(src, z64Pos, 56, 'ZIP64 end record'));
  if (z64Head.u32(0) !== SIG_ZIP64_EOCD) throw structure('ZIP64 end record');
  // The ZIP64 record must sit right before its locator, so no bytes hide between them.
  if (z64Pos + 12 + z64Head.u64(4) !== eocdPos - 20) throw structure('ZIP64 end record size');
  if (z64Head.u32(16) !== 0 || z64Head.u32(20) !== 0) throw multiDisk();
  const z = {
    onDisk: z64Head.u64(24),
    total: z64Head.u64(32),
    cdSize: z64Head.u64(40),
    cdOffset: z64Head.u64(48),
  };
  if (z.onDisk !== z.total) throw multiDisk();
  // Classic fields either defer to ZIP64 (all ones) or agree with it; anything else is ambiguous.
  const agrees = (classic: number, max: number, real: number) => classic === max || classic === real;
  if (
    !agrees(total, U16_MAX, z.total) ||
    !agrees(onDisk, U16_MAX, z.total) ||
    !agrees(cdSize, U32_MAX, z.cdSize) ||
    !agrees(cdOffset, U32_MAX, z.cdOffset) ||
    !(disk === 0 || disk === U16_MAX) ||
    !(cdDisk === 0 || cdDisk === U16_MAX)
  ) {
    throw structure('ZIP64 and classic end records disagree');
  }
  return { entries: z.total, cdOffset: z.cdOffset, cdSize: z.cdSize, cdEnd: z64Pos };
}

function multiDisk(): SiksFormatError {
  return fail.zip('multi-disk');
}

interface Zip64Fields {
  present: boolean;
  values: number[];
}

/** The ZIP64 extra field's 8-byte values, in order; rejects malformed or repeated extra blocks. */
function parseExtra(extra: Uint8Array): Zip64Fields {
  const v = new View(extra);
  let o = 0;
  let found: Zip64Fields = { present: false, values: [] };
  while (o < extra.length) {
    if (o + 4 > extra.length) throw structure('extra field');
    const id = v.u16(o);
    const len = v.u16(o + 2);
    if (o + 4 + len > extra.length) throw structure('extra field');
    if (id === 0x0001) {
      if (found.present) throw structure('repeated ZIP64 extra field');
      const values: number[] = [];
      for (let i = 0; i + 8 <= len; i += 8) values.push(v.u64(o + 4 + i));
      found = { present: true, values };
    }
    o += 4 + len;
  }
  return found;
}

/** Classify an entry name for a kind: a fixed entry, a media entry, or not allowed. */
function classifyName(kind: SiksKind, name: string): 'fixed' | 'media' | null {
  if (requiredEntries(kind).includes(name)) return 'fixed';
  if (kind === 'package' && MEDIA_NAME_RE.test(name)) return 'media';
  return null;
}

function decodeName(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

interface CentralRecord {
  entry: ZipEntry;
  flags: number;
  time: number;
  date: number;
  nameBytes: Uint8Array;
}

function checkEntryType(name: string, madeBy: number, external: number): void {
  if (name.endsWith('/') || name.endsWith('\\') || (external & 0x10) !== 0) {
    throw fail.zip('directory', name);
  }
  if (madeBy >>> 8 === 3) {
    const type = (external >>> 16) & 0o170000;
    if (type === 0o120000) {
      throw fail.zip('symlink', name);
    }
    if (type === 0o040000) {
      throw fail.zip('directory', name);
    }
    if (type !== 0 && type !== 0o100000) {
      throw fail.zip('special-file', name);
    }
  }
}

function checkFlagsAndMethod(name: string, flags: number, method: number): void {
  if (flags & FLAG_ENCRYPTION) {
    throw fail.zip('encrypted', name);
  }
  if (flags & ~FLAGS_ALLOWED) {
    throw fail.zip('flags', name, { flags });
  }
  if (method !== 0 && method !== 8) {
    throw fail.zip('method', name, { method });
  }
}

async function readCentralDirectory(src: ByteSource, kind: SiksKind, eocd: Eocd): Promise<CentralRecord[]> {
  if (eocd.cdOffset + eocd.cdSize !== eocd.cdEnd) throw structure('central directory position');
  const records: CentralRecord[] = [];
  const seen = new Set<string>();
  let media = 0;
  let o = eocd.cdOffset;
  for (let i = 0; i < eocd.entries; i++) {
    if (o + 46 > eocd.cdEnd) throw structure('central directory size');
    const h = new View(await src.read(o, 46));
    if (h.u32(0) !== SIG_CENTRAL) throw structure('central directory entry');
    const madeBy = h.u16(4);
    const flags = h.u16(8);
    const method = h.u16(10);
    const nameLen = h.u16(28);
    const extraLen = h.u16(30);
    const commentLen = h.u16(32);
    const varLen = nameLen + extraLen + commentLen;
    if (o + 46 + varLen > eocd.cdEnd) throw structure('central directory size');
    const vars = await src.read(o + 46, varLen);
    const nameBytes = vars.slice(0, nameLen);
    const name = decodeName(nameBytes);

    checkEntryType(name, madeBy, h.u32(38));
    const kindOfName = classifyName(kind, name);
    if (kindOfName === null) throw fail.entryName(name);
    if (seen.has(name)) throw fail.duplicateEntry(name);
    seen.add(name);
    if (kindOfName === 'media' && ++media > LIMITS.maxMedia) throw fail.tooManyMedia(LIMITS.maxMedia);
    checkFlagsAndMethod(name, flags, method);

    let compressedSize = h.u32(20);
    let uncompressedSize = h.u32(24);
    const diskStart = h.u16(34);
    let localOffset = h.u32(42);
    const z64 = parseExtra(vars.subarray(nameLen, nameLen + extraLen));
    // ZIP64 extra values appear only for the fields that overflowed, in this fixed order.
    const take = (): number => {
      const v = z64.values.shift();
      if (v === undefined) throw structure('ZIP64 extra field');
      return v;
    };
    if (uncompressedSize === U32_MAX) uncompressedSize = take();
    if (compressedSize === U32_MAX) compressedSize = take();
    if (localOffset === U32_MAX) localOffset = take();
    // 0xFFFF would defer the disk number to ZIP64; single-disk archives never need that.
    if (diskStart !== 0) throw multiDisk();
    if (method === 0 && compressedSize !== uncompressedSize) throw structure('stored entry sizes differ');

    records.push({
      entry: {
        name,
        method: method as 0 | 8,
        crc: h.u32(16),
        compressedSize,
        uncompressedSize,
        localOffset,
        dataOffset: -1,
        isMedia: kindOfName === 'media',
      },
      flags,
      time: h.u16(12),
      date: h.u16(14),
      nameBytes,
    });
    o += 46 + varLen;
  }
  if (o !== eocd.cdEnd) throw structure('central directory size');
  for (const required of requiredEntries(kind)) if (!seen.has(required)) throw fail.entryMissing(required);
  return records;
}

function localMismatch(name: string, field: string): SiksFormatError {
  return fail.zip('local-header', name, { field });
}

/** Check one local header against its central record; returns where the entry's bytes end. */
async function checkLocalHeader(src: ByteSource, rec: CentralRecord, cdOffset: number): Promise<number> {
  const e = rec.entry;
  if (e.localOffset + 30 > cdOffset) throw structure('local header outside the archive');
  const h = new View(await src.read(e.localOffset, 30));
  if (h.u32(0) !== SIG_LOCAL) throw structure('local header signature');
  const flags = h.u16(6);
  const nameLen = h.u16(26);
  const extraLen = h.u16(28);
  const dataOffset = e.localOffset + 30 + nameLen + extraLen;
  if (dataOffset > cdOffset) throw structure('local header outside the archive');
  const vars = await src.read(e.localOffset + 30, nameLen + extraLen);
  if (flags !== rec.flags) throw localMismatch(e.name, 'flags');
  if (h.u16(8) !== e.method) throw localMismatch(e.name, 'method');
  if (h.u16(10) !== rec.time || h.u16(12) !== rec.date) throw localMismatch(e.name, 'time');
  const localName = vars.subarray(0, nameLen);
  if (localName.length !== rec.nameBytes.length || localName.some((b, i) => b !== rec.nameBytes[i])) throw localMismatch(e.name, 'name');

  const z64 = parseExtra(vars.subarray(nameLen));
  const crc = h.u32(14);
  let csize = h.u32(18);
  let usize = h.u32(22);
  if (usize === U32_MAX || csize === U32_MAX) {
    // A local ZIP64 extra always carries both sizes (APPNOTE 4.5.3).
    const [zu, zc] = z64.values;
    if (zu === undefined || zc === undefined) throw structure('local ZIP64 extra field');
    if (usize === U32_MAX) usize = zu;
    if (csize === U32_MAX) csize = zc;
  }
  const hasDescriptor = (flags & FLAG_DESCRIPTOR) !== 0;
  // With a data descriptor the local values are zero (or already right); otherwise they must match.
  const ok = (local: number, central: number) => local === central || (hasDescriptor && local === 0);
  if (!ok(crc, e.crc)) throw localMismatch(e.name, 'crc');
  if (!ok(csize, e.compressedSize)) throw localMismatch(e.name, 'compressed size');
  if (!ok(usize, e.uncompressedSize)) throw localMismatch(e.name, 'size');
  e.dataOffset = dataOffset;
  const dataEnd = dataOffset + e.compressedSize;
  if (dataEnd > cdOffset) throw structure('entry data outside the archive');
  if (!hasDescriptor) return dataEnd;

  // Data descriptor: optional signature, CRC, then sizes of 8 bytes when the local header had a
  // ZIP64 extra, else 4. A CRC can collide with the signature, so try both layouts.
  const sizeBytes = z64.present ? 8 : 4;
  const avail = Math.min(4 + 4 + 2 * sizeBytes, cdOffset - dataEnd);
  const d = new View(await src.read(dataEnd, avail));
  const matches = (at: number): boolean => {
    if (at + 4 + 2 * sizeBytes > avail) return false;
    const read = (o: number) => (sizeBytes === 8 ? d.u64(o) : d.u32(o));
    return d.u32(at) === e.crc && read(at + 4) === e.compressedSize && read(at + 4 + sizeBytes) === e.uncompressedSize;
  };
  if (avail >= 4 && d.u32(0) === SIG_DESCRIPTOR && matches(4)) return dataEnd + 4 + 4 + 2 * sizeBytes;
  if (matches(0)) return dataEnd + 4 + 2 * sizeBytes;
  throw localMismatch(e.name, 'data descriptor');
}

/**
 * Read and check the archive's structure: end records, central directory (names, types, flags,
 * methods, duplicates, media count), every local header, and that the entries tile the space
 * before the central directory exactly, so no entry overlaps another and no bytes hide between.
 */
export async function openZip(src: ByteSource, kind: SiksKind): Promise<ZipEntry[]> {
  const eocd = await findEocd(src);
  const records = await readCentralDirectory(src, kind, eocd);
  const spans: Array<[number, number]> = [];
  for (const rec of records) spans.push([rec.entry.localOffset, await checkLocalHeader(src, rec, eocd.cdOffset)]);
  spans.sort((a, b) => a[0] - b[0]);
  let expected = 0;
  for (const [start, end] of spans) {
    if (start < expected) throw fail.zip('overlap');
    if (start > expected) throw fail.zip('hidden-data');
    expected = end;
  }
  if (expected !== eocd.cdOffset) throw fail.zip('hidden-data');
  return records.map((r) => r.entry);
}

/** Running total of inflated bytes across all entries of one file. */
export interface InflateBudget {
  used: number;
  readonly limit: number;
}

const READ_CHUNK = 64 * KiB;
// Small pushes keep the output of a single push (at most ~1032× its input) bounded, so a bomb is
// caught after a few MiB of output rather than after one enormous allocation.
const PUSH_SLICE = 8 * KiB;

/**
 * Inflate one entry, yielding its bytes, while enforcing the limits on what is actually produced:
 * the file's total, 200:1 against the compressed bytes consumed so far (past 1 MiB), 2 MiB per
 * media entry; then the declared size and CRC must match.
 */
export async function* inflateEntry(src: ByteSource, entry: ZipEntry, budget: InflateBudget): AsyncGenerator<Uint8Array> {
  let consumed = 0;
  let produced = 0;
  let crc = 0;
  const out: Uint8Array[] = [];
  const account = (chunk: Uint8Array) => {
    produced += chunk.length;
    budget.used += chunk.length;
    if (produced > LIMITS.ratioFloor && produced > LIMITS.ratio * consumed) throw fail.ratio(entry.name);
    if (entry.isMedia && produced > LIMITS.media) throw fail.tooLargeMedia(entry.name, LIMITS.media);
    if (budget.used > budget.limit) throw fail.tooLargeTotal(budget.limit);
    crc = crc32(chunk, crc);
    out.push(chunk);
  };
  const inflater = entry.method === 8 ? new Inflate((chunk) => account(chunk)) : undefined;
  if (inflater && entry.compressedSize === 0) throw deflateErr(entry.name);

  for (let pos = 0; pos < entry.compressedSize; pos += READ_CHUNK) {
    const n = Math.min(READ_CHUNK, entry.compressedSize - pos);
    const data = await src.read(entry.dataOffset + pos, n);
    for (let s = 0; s < data.length; s += PUSH_SLICE) {
      const slice = data.subarray(s, s + PUSH_SLICE);
      consumed += slice.length;
      if (inflater) {
        try {
          inflater.push(slice, consumed === entry.compressedSize);
        } catch (err) {
          if (err instanceof SiksFormatError) throw err;
          throw deflateErr(entry.name);
        }
      } else {
        account(slice.slice());
      }
      yield* out.splice(0);
    }
  }
  if (produced !== entry.uncompressedSize) {
    throw fail.zip('size', entry.name);
  }
  if (crc !== entry.crc) {
    throw fail.zip('crc', entry.name);
  }
}

function deflateErr(name: string): SiksFormatError {
  return fail.zip('deflate', name);
}
