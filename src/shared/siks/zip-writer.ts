// ZIP writers for the body. Two shapes: an in-memory one (packages, feedback, and releases in the
// browser), and a streaming one (server releases) that never holds an entry in memory, using data
// descriptors and ZIP64 so an entry may exceed 4 GiB. Both produce archives that the strict
// reader accepts: contiguous entries, regular-file attributes, methods 0/8 only.

import { Deflate, deflateSync } from 'fflate';
import { concat, crc32, utf8 } from './bytes.ts';

const U32_MAX = 0xffffffff;
const DOS_DATE_1980 = 0x0021; // 1980-01-01: fixed, so the same content gives the same archive
const VERSION_MADE_BY_UNIX = 3 << 8;
const EXTERNAL_REGULAR_FILE = (0o100644 << 16) >>> 0;

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Store instead of deflating (photos are already compressed). */
  store?: boolean;
}

class Writer {
  private readonly parts: Uint8Array[] = [];
  private cur: Uint8Array;
  private dv: DataView;
  private o = 0;
  constructor(size: number) {
    this.cur = new Uint8Array(size);
    this.dv = new DataView(this.cur.buffer);
  }
  u16(v: number): this {
    this.dv.setUint16(this.o, v, true);
    this.o += 2;
    return this;
  }
  u32(v: number): this {
    this.dv.setUint32(this.o, v >>> 0, true);
    this.o += 4;
    return this;
  }
  u64(v: number): this {
    this.dv.setBigUint64(this.o, BigInt(v), true);
    this.o += 8;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.cur.set(b, this.o);
    this.o += b.length;
    return this;
  }
  done(): Uint8Array {
    this.parts.push(this.cur.subarray(0, this.o));
    return concat(this.parts);
  }
}

interface CentralInfo {
  name: Uint8Array;
  flags: number;
  method: number;
  versionNeeded: number;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
}

function centralRecord(e: CentralInfo): Uint8Array {
  const big = [e.usize, e.csize, e.offset].map((v) => v >= U32_MAX);
  const z64: number[] = [];
  if (big[0]) z64.push(e.usize);
  if (big[1]) z64.push(e.csize);
  if (big[2]) z64.push(e.offset);
  const extraLen = z64.length ? 4 + 8 * z64.length : 0;
  const w = new Writer(46 + e.name.length + extraLen)
    .u32(0x02014b50)
    .u16(VERSION_MADE_BY_UNIX | e.versionNeeded)
    .u16(e.versionNeeded)
    .u16(e.flags)
    .u16(e.method)
    .u16(0)
    .u16(DOS_DATE_1980)
    .u32(e.crc)
    .u32(big[1] ? U32_MAX : e.csize)
    .u32(big[0] ? U32_MAX : e.usize)
    .u16(e.name.length)
    .u16(extraLen)
    .u16(0)
    .u16(0)
    .u16(0)
    .u32(EXTERNAL_REGULAR_FILE)
    .u32(big[2] ? U32_MAX : e.offset)
    .bytes(e.name);
  if (z64.length) {
    w.u16(0x0001).u16(8 * z64.length);
    for (const v of z64) w.u64(v);
  }
  return w.done();
}

function endRecords(count: number, cdOffset: number, cdSize: number): Uint8Array {
  const needs64 = count >= 0xffff || cdOffset >= U32_MAX || cdSize >= U32_MAX;
  const parts: Uint8Array[] = [];
  if (needs64) {
    const z64At = cdOffset + cdSize;
    parts.push(
      new Writer(56)
        .u32(0x06064b50)
        .u64(44)
        .u16(VERSION_MADE_BY_UNIX | 45)
        .u16(45)
        .u32(0)
        .u32(0)
        .u64(count)
        .u64(count)
        .u64(cdSize)
        .u64(cdOffset)
        .done(),
      new Writer(20).u32(0x07064b50).u32(0).u64(z64At).u32(1).done(),
    );
  }
  parts.push(
    new Writer(22)
      .u32(0x06054b50)
      .u16(0)
      .u16(0)
      .u16(needs64 ? 0xffff : count)
      .u16(needs64 ? 0xffff : count)
      .u32(needs64 ? U32_MAX : cdSize)
      .u32(needs64 ? U32_MAX : cdOffset)
      .u16(0)
      .done(),
  );
  return concat(parts);
}

/** Build a whole archive in memory (sizes known up front, so no data descriptors). */
export function zipSync(inputs: readonly ZipInput[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = utf8(input.name);
    const deflated = input.store ? undefined : deflateSync(input.data, { level: 6 });
    // Deflate only when it helps: already-compressed photos are stored as they are.
    const useDeflate = deflated !== undefined && deflated.length < input.data.length;
    const body = useDeflate ? deflated : input.data;
    if (body.length >= U32_MAX || input.data.length >= U32_MAX) throw new RangeError('zipSync: entry too large; use the streaming writer');
    const info: CentralInfo = {
      name,
      flags: 0,
      method: useDeflate ? 8 : 0,
      versionNeeded: 20,
      crc: crc32(input.data),
      csize: body.length,
      usize: input.data.length,
      offset,
    };
    const local = new Writer(30 + name.length)
      .u32(0x04034b50)
      .u16(info.versionNeeded)
      .u16(0)
      .u16(info.method)
      .u16(0)
      .u16(DOS_DATE_1980)
      .u32(info.crc)
      .u32(info.csize)
      .u32(info.usize)
      .u16(name.length)
      .u16(0)
      .bytes(name)
      .done();
    parts.push(local, body);
    central.push(centralRecord(info));
    offset += local.length + body.length;
  }
  const cd = concat(central);
  return concat([...parts, cd, endRecords(inputs.length, offset, cd.length)]);
}

/** A streaming raw-deflate transform; adapters pass a native one (Node zlib) or use fflate's. */
export type DeflateStream = (src: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;

/** Raw deflate with fflate, chunk by chunk. */
export async function* fflateDeflate(src: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const queue: Uint8Array[] = [];
  const d = new Deflate({ level: 6 }, (chunk) => queue.push(chunk));
  for await (const c of src) {
    d.push(c);
    yield* queue.splice(0);
  }
  d.push(new Uint8Array(0), true);
  yield* queue.splice(0);
}

export interface ZipStreamInput {
  name: string;
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

/**
 * Stream an archive: each entry's bytes pass through CRC and deflate once and are yielded at
 * once, so memory stays constant whatever the size. Local headers carry a ZIP64 extra and the
 * data descriptors 8-byte sizes, because sizes are unknown until the entry ends.
 */
export async function* zipStream(inputs: Iterable<ZipStreamInput>, deflate: DeflateStream = fflateDeflate): AsyncGenerator<Uint8Array> {
  const central: Uint8Array[] = [];
  let offset = 0;
  let count = 0;
  for (const input of inputs) {
    const name = utf8(input.name);
    const flags = 1 << 3;
    const local = new Writer(30 + name.length + 20)
      .u32(0x04034b50)
      .u16(45)
      .u16(flags)
      .u16(8)
      .u16(0)
      .u16(DOS_DATE_1980)
      .u32(0)
      .u32(U32_MAX)
      .u32(U32_MAX)
      .u16(name.length)
      .u16(20)
      .bytes(name)
      .u16(0x0001)
      .u16(16)
      .u64(0)
      .u64(0)
      .done();
    yield local;
    const stat = { crc: 0, usize: 0, csize: 0 };
    async function* measured(): AsyncGenerator<Uint8Array> {
      for await (const c of input.chunks) {
        stat.crc = crc32(c, stat.crc);
        stat.usize += c.length;
        yield c;
      }
    }
    for await (const c of deflate(measured())) {
      stat.csize += c.length;
      yield c;
    }
    yield new Writer(24).u32(0x08074b50).u32(stat.crc).u64(stat.csize).u64(stat.usize).done();
    central.push(
      centralRecord({
        name,
        flags,
        method: 8,
        versionNeeded: 45,
        crc: stat.crc,
        csize: stat.csize,
        usize: stat.usize,
        offset,
      }),
    );
    offset += local.length + stat.csize + 24;
    count++;
  }
  const cd = concat(central);
  yield cd;
  yield endRecords(count, offset, cd.length);
}
