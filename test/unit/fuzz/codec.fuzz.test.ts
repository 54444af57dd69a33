// Property tests of the .siks/.siksdb reader: random mutations of valid packages and releases (bit
// flips, bytes set, 16/32-bit fields overwritten with extreme sizes, inserted and deleted bytes,
// truncation) either read or are refused with SiksFormatError, never another error; the reader
// never asks its byte source for bytes outside the file (a declared size is checked before
// anything is read or allocated for it), and memory stays bounded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { handZip, sha256Hex, type HandEntry } from '../../fixtures/siks/hand-zip.ts';
import { handPackage, handRelease } from '../../fixtures/siks/expect-siks.ts';
import * as sample from '../../fixtures/siks/samples.ts';
import { packageKeyProvider, readPackage, readRelease } from '../../../src/shared/siks/browser.ts';
import { packageZip, RELEASE_NDJSON, releaseZip } from '../../../src/shared/siks/codec.ts';
import { validateBody } from '../../../src/shared/siks/content.ts';
import { SiksFormatError } from '../../../src/shared/siks/errors.ts';
import type { PackageHeader, ReleaseHeader } from '../../../src/shared/siks/schemas.ts';
import type { ByteSource } from '../../../src/shared/siks/zip-reader.ts';
import { fuzzParams, fuzzTimeout, mutate, mutations } from './fuzz.ts';

const MiB = 1024 * 1024;
const photo = sample.fakeJpeg(300);
const packageHeader = sample.packageHeader() as PackageHeader;
const releaseHeader = sample.releaseHeader() as ReleaseHeader;

const releaseEntries = (): HandEntry[] => [
  { name: 'release.json', data: JSON.stringify(sample.releaseJson()) },
  ...RELEASE_NDJSON.map((k) => ({ name: `${k}.ndjson`, data: sample.ndjson(sample.RELEASE_ROWS[k]) })),
];
const packageEntries = (): HandEntry[] => [
  { name: 'proposals.ndjson', data: sample.ndjson(sample.proposals([photo])), descriptor: true, zip64: true },
  { name: `media/${sha256Hex(photo)}.jpg`, data: photo, method: 0, descriptor: true },
];

// Valid bodies from the codec's writers and from the hand-written builder (data descriptors, ZIP64).
const bodies = {
  package: { header: packageHeader, bytes: packageZip(packageHeader, { proposals: sample.proposals([photo]), media: [photo] }) },
  'package (descriptors, ZIP64)': { header: packageHeader, bytes: handZip(packageEntries(), { zip64End: true }) },
  release: {
    header: releaseHeader,
    bytes: releaseZip(releaseHeader, sample.releaseJson() as never, { ...sample.RELEASE_ROWS, pbi: [] } as never),
  },
  'release (hand-built)': { header: releaseHeader, bytes: handZip(releaseEntries()) },
};

/** A source over `bytes` that records any read outside them (which a Node file source would allocate for). */
function guardedSource(bytes: Uint8Array): ByteSource & { outside: string[] } {
  const outside: string[] = [];
  return {
    size: bytes.length,
    outside,
    async read(offset, length) {
      if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > bytes.length)
        outside.push(`read(${offset}, ${length}) of ${bytes.length}`);
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** Runs `read`; anything thrown but SiksFormatError fails the property. */
async function onlyFormatErrors(read: () => Promise<unknown>): Promise<'read' | 'refused'> {
  try {
    await read();
    return 'read';
  } catch (err) {
    if (err instanceof SiksFormatError) return 'refused';
    throw err;
  }
}

// Peak growth of memory outside the JS heap (ArrayBuffers) over a property: a reader that trusted
// a declared size would allocate hundreds of MiB or throw a RangeError.
function memoryProbe() {
  const start = process.memoryUsage().arrayBuffers;
  let peak = 0;
  return {
    sample() {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - start);
    },
    get peakMiB() {
      return peak / MiB;
    },
  };
}

describe('fuzz: the codec reader', () => {
  for (const [name, base] of Object.entries(bodies)) {
    it(`a mutated ${name} body is read or refused with a format error, reading only inside itself`, { timeout: fuzzTimeout }, async () => {
      expect(await onlyFormatErrors(() => validateBody(guardedSource(base.bytes), base.header))).toBe('read');
      const memory = memoryProbe();
      const outcomes = { read: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(mutations, async (ms) => {
          const src = guardedSource(mutate(base.bytes, ms));
          outcomes[await onlyFormatErrors(() => validateBody(src, base.header))]++;
          memory.sample();
          expect(src.outside).toEqual([]);
        }),
        fuzzParams(base.header.kind === 'release' ? 250 : 400),
      );
      expect(outcomes.refused).toBeGreaterThan(0);
      expect(memory.peakMiB).toBeLessThan(256);
    });
  }

  it('declared sizes and offsets set to extremes in every ZIP record are checked before anything is read for them', {
    timeout: fuzzTimeout,
  }, async () => {
    const base = bodies['package (descriptors, ZIP64)'];
    // Size and offset fields of local headers, central headers and end records.
    const fields: number[] = [];
    const view = new DataView(base.bytes.buffer, base.bytes.byteOffset, base.bytes.byteLength);
    for (let i = 0; i + 4 <= base.bytes.length; i++) {
      const sig = view.getUint32(i, true);
      if (sig === 0x04034b50) fields.push(i + 18, i + 22);
      if (sig === 0x02014b50) fields.push(i + 20, i + 24, i + 42);
      if (sig === 0x06054b50) fields.push(i + 12, i + 16);
      if (sig === 0x06064b50) fields.push(i + 40, i + 48);
      if (sig === 0x07064b50) fields.push(i + 8);
    }
    expect(fields.length).toBeGreaterThan(8);
    const memory = memoryProbe();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            field: fc.constantFrom(...fields),
            value: fc.constantFrom(0xffffffff, 0x7fffffff, 0x80000000, 0x0c800001, 0x00200001),
          }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        async (edits) => {
          const bytes = Uint8Array.from(base.bytes);
          const v = new DataView(bytes.buffer);
          for (const e of edits) v.setUint32(e.field, e.value, true);
          const src = guardedSource(bytes);
          // 0xFFFFFFFF where a ZIP64 record holds the real size changes nothing: such a file still reads.
          refused += (await onlyFormatErrors(() => validateBody(src, base.header))) === 'refused' ? 1 : 0;
          memory.sample();
          expect(src.outside).toEqual([]);
        },
      ),
      fuzzParams(300),
    );
    expect(refused).toBeGreaterThan(0);
    expect(memory.peakMiB).toBeLessThan(256);
  });

  const pkgKeys = packageKeyProvider<'package'>(() => sample.PACKAGE_KEY);
  const files = {
    '.siks package': { bytes: handPackage(packageEntries(), {}, { zip64End: true }), read: (f: Uint8Array) => readPackage(f, pkgKeys) },
    '.siksdb release': { bytes: handRelease(releaseEntries()), read: (f: Uint8Array) => readRelease(f, () => sample.RELEASE_KEY) },
  };
  for (const [name, base] of Object.entries(files)) {
    it(`a mutated ${name} file (envelope, header, ciphertext) is read or refused with a format error`, {
      timeout: fuzzTimeout,
    }, async () => {
      expect(await onlyFormatErrors(() => base.read(base.bytes))).toBe('read');
      await fc.assert(
        fc.asyncProperty(mutations, async (ms) => {
          const mutated = mutate(base.bytes, ms);
          const outcome = await onlyFormatErrors(() => base.read(mutated));
          // Authenticated encryption: only a file whose bytes did not change reads.
          if (outcome === 'read') expect(Buffer.from(mutated).equals(Buffer.from(base.bytes))).toBe(true);
        }),
        fuzzParams(250),
      );
    });
  }
});
