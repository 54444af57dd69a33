import { describe, expect, it } from 'vitest';
import { SiksFormatError } from './errors.ts';
import { MAX_LINE_BYTES, NdjsonParser, parseNdjson, toNdjson } from './ndjson.ts';

const te = new TextEncoder();

function parseInChunks(bytes: Uint8Array, size: number): object[] {
  const out: object[] = [];
  const p = new NdjsonParser('x.ndjson', (r) => out.push(r));
  for (let i = 0; i < bytes.length; i += size) p.push(bytes.subarray(i, i + size));
  p.end();
  return out;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof SiksFormatError ? `${e.code}:${String(e.details?.reason)}:${String(e.details?.line)}` : 'other';
  }
  return undefined;
}

describe('NdjsonParser', () => {
  const records = [{ a: 1, nama: 'Siti Ñ 😀' }, { b: [1, 2], c: null }, { d: 'x\ny' }];
  const bytes = toNdjson('x.ndjson', records);

  it('gives the same records whatever the chunk boundaries (including inside UTF-8 sequences)', () => {
    for (const size of [1, 2, 3, 7, 64, bytes.length]) expect(parseInChunks(bytes, size)).toEqual(records);
  });

  it('accepts a missing final LF and an empty entry', () => {
    expect(parseNdjson('x', bytes.subarray(0, bytes.length - 1))).toEqual(records);
    expect(parseNdjson('x', new Uint8Array(0))).toEqual([]);
  });

  it('names the line of each fault', () => {
    expect(codeOf(() => parseNdjson('x', te.encode('{}\n{}\n\n')))).toBe('SIKS_NDJSON:blank-line:3');
    expect(codeOf(() => parseNdjson('x', te.encode('\n')))).toBe('SIKS_NDJSON:blank-line:1');
    expect(codeOf(() => parseNdjson('x', te.encode('{}\n[]\n')))).toBe('SIKS_NDJSON:not-object:2');
    expect(codeOf(() => parseNdjson('x', te.encode('{}\r\n')))).toBe('SIKS_NDJSON:crlf:1');
    expect(codeOf(() => parseNdjson('x', new Uint8Array([0x7b, 0x7d, 0x0a, 0x7b, 0xff, 0x7d, 0x0a])))).toBe('SIKS_NDJSON:utf8:2');
    expect(codeOf(() => parseInChunks(new Uint8Array([0x7b, 0x7d, 0x0a, 0x7b, 0xff, 0x7d, 0x0a]), 1))).toBe('SIKS_NDJSON:utf8:2');
  });

  it('bounds the length of a line', () => {
    const p = new NdjsonParser('x', () => {});
    const big = new Uint8Array(1024 * 1024).fill(0x20);
    expect(() => {
      for (let i = 0; i <= MAX_LINE_BYTES / big.length; i++) p.push(big);
    }).toThrow(SiksFormatError);
  });

  it('refuses to write values that are not objects', () => {
    expect(codeOf(() => toNdjson('x', [{}, [1]]))).toBe('SIKS_NDJSON:not-object:2');
  });
});
