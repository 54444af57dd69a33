// NDJSON as section 3 defines it: one JSON object per line, LF separated, an optional final LF,
// no blank lines, UTF-8 without BOM. Parsing is incremental so a release never sits in memory.

import { joinParts, utf8 } from './bytes.ts';
import { fail } from './errors.ts';

/** Longest line accepted (a strict reading: real records are a few KiB; this bounds memory). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export type JsonObject = Record<string, unknown>;

const LF = 0x0a;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Incremental NDJSON parser for one entry; throws SiksFormatError (SIKS_NDJSON) on the first bad line. */
export class NdjsonParser {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Number of lines (records) seen so far. */
  lines = 0;

  constructor(
    private readonly entry: string,
    private readonly onRecord: (record: JsonObject, line: number) => void,
  ) {}

  /** Feed the next bytes of the entry. */
  push(chunk: Uint8Array): void {
    const first = chunk.indexOf(LF);
    if (first < 0) {
      this.hold(chunk);
      return;
    }
    const last = chunk.lastIndexOf(LF);
    this.hold(chunk.subarray(0, first));
    this.line(this.takePending());
    if (first < last) this.region(chunk.subarray(first + 1, last));
    this.hold(chunk.subarray(last + 1));
  }

  /** Signal the end of the entry (the last line may lack its LF). */
  end(): void {
    if (this.pendingBytes > 0) this.line(this.takePending());
  }

  private hold(part: Uint8Array): void {
    if (part.length === 0) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes > MAX_LINE_BYTES) throw fail.ndjson(this.entry, this.lines + 1, 'line-too-long');
    this.pending.push(part.slice());
  }

  private takePending(): Uint8Array {
    const parts = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    return joinParts(parts);
  }

  /** Whole lines between two LFs: decode once, then split, which is much faster per record. */
  private region(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      // Find which line is broken so the message can name it.
      let start = 0;
      for (;;) {
        const lf = bytes.indexOf(LF, start);
        const end = lf < 0 ? bytes.length : lf;
        this.line(bytes.subarray(start, end));
        if (lf < 0) break;
        start = lf + 1;
      }
      return;
    }
    for (const line of text.split('\n')) this.text(line);
  }

  private line(bytes: Uint8Array): void {
    let text: string;
    try {
      text = this.decoder.decode(bytes);
    } catch {
      throw fail.ndjson(this.entry, this.lines + 1, 'utf8');
    }
    this.text(text);
  }

  private text(line: string): void {
    const n = ++this.lines;
    if (n === 1 && line.charCodeAt(0) === 0xfeff) throw fail.ndjson(this.entry, n, 'bom');
    if (line.includes('\r')) throw fail.ndjson(this.entry, n, 'crlf');
    if (line.trim() === '') throw fail.ndjson(this.entry, n, 'blank-line');
    if (line.length > MAX_LINE_BYTES) throw fail.ndjson(this.entry, n, 'line-too-long');
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw fail.ndjson(this.entry, n, 'json');
    }
    if (!isObject(value)) throw fail.ndjson(this.entry, n, 'not-object');
    this.onRecord(value, n);
  }
}

/** Parse a whole NDJSON entry held in memory. */
export function parseNdjson(entry: string, bytes: Uint8Array): JsonObject[] {
  const out: JsonObject[] = [];
  const p = new NdjsonParser(entry, (r) => out.push(r));
  p.push(bytes);
  p.end();
  return out;
}

/** One NDJSON line (with its LF) for a record; refuses values that are not plain objects. */
export function ndjsonLine(entry: string, record: unknown, line: number): string {
  if (!isObject(record)) throw fail.ndjson(entry, line, 'not-object');
  return `${JSON.stringify(record)}\n`;
}

/** Serialise records to NDJSON bytes (empty when there are none). */
export function toNdjson(entry: string, records: Iterable<unknown>): Uint8Array {
  let s = '';
  let n = 0;
  for (const r of records) s += ndjsonLine(entry, r, ++n);
  return utf8(s);
}

/** Turn records into NDJSON byte chunks of about 64 KiB, counting them as they pass. */
export async function* ndjsonChunks(
  entry: string,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  counter: { n: number },
): AsyncGenerator<Uint8Array> {
  let buf = '';
  for await (const r of records) {
    buf += ndjsonLine(entry, r, ++counter.n);
    if (buf.length >= 64 * 1024) {
      yield utf8(buf);
      buf = '';
    }
  }
  if (buf) yield utf8(buf);
}
