// Node adapter: streaming release writer, temp-file reader, and round trips with the browser adapter.

import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile as readBytes, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handFileKey, handSeal, handZip, sha256Hex } from '../../../test/fixtures/siks/hand-zip.ts';
import { handPackage, handRelease, rejectsWith } from '../../../test/fixtures/siks/expect-siks.ts';
import * as sample from '../../../test/fixtures/siks/samples.ts';
import * as browser from '../../shared/siks/browser.ts';
import type { FeedbackHeader, JsonObject, PackageHeader, ReleaseHeader, ReleaseJson } from '../../shared/siks/index.ts';
import {
  deriveFileKey,
  deriveReleaseKey,
  packageKeyProvider,
  passphraseKeyProvider,
  readFile,
  readFileHeader,
  writeFeedback,
  writePackage,
  writeRelease,
} from './siks-node.ts';

let dir: string;
let tmp: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'siks-test-'));
  tmp = join(dir, 'tmp');
  await rm(tmp, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(tmp));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let fileNo = 0;
async function save(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `f${++fileNo}.siks`);
  await writeFile(path, bytes);
  return path;
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
/** A Writable that keeps what it receives. */
function sink(): Writable & { bytes(): Uint8Array; received: number } {
  const parts: Buffer[] = [];
  const w = new Writable({
    write(chunk: Buffer, _enc, cb) {
      parts.push(chunk);
      w.received += chunk.length;
      cb();
    },
  }) as Writable & { bytes(): Uint8Array; received: number };
  w.received = 0;
  w.bytes = () => new Uint8Array(Buffer.concat(parts));
  return w;
}
async function* gen<T>(rows: readonly T[]): AsyncGenerator<T> {
  for (const r of rows) yield r;
}
const tmpIsEmpty = async () => expect(await readdir(tmp)).toEqual([]);
const releaseKeys = () => sample.RELEASE_KEY;
const pkgKeys = packageKeyProvider<'package'>(() => sample.PACKAGE_KEY);

describe('Node release writer and reader', () => {
  it('streams a release that both adapters read', async () => {
    const out = sink();
    const sources = {
      regions: gen(sample.RELEASE_ROWS.regions),
      households: gen(sample.RELEASE_ROWS.households),
      members: sample.RELEASE_ROWS.members,
      kpm: gen(sample.RELEASE_ROWS.kpm),
      pbi: gen([]),
    };
    await writeRelease(out, sample.releaseHeader() as ReleaseHeader, sample.releaseJson() as ReleaseJson, sources, {
      key: sample.RELEASE_KEY,
    });
    const bytes = out.bytes();

    const fromBrowser = await browser.readRelease(bytes, releaseKeys);
    expect(fromBrowser.households).toEqual(sample.RELEASE_ROWS.households);

    const reader = await readFile(await save(bytes), releaseKeys, { kind: 'release', tmpDir: tmp });
    try {
      expect((await stat(reader.tempPath)).mode & 0o777).toBe(0o600);
      expect(reader.release).toEqual(sample.releaseJson());
      expect(await collect(reader.regions())).toEqual(sample.RELEASE_ROWS.regions);
      expect(await collect(reader.members())).toEqual(sample.RELEASE_ROWS.members);
      expect(await collect(reader.kpm())).toEqual(sample.RELEASE_ROWS.kpm);
      expect(await collect(reader.pbi())).toEqual([]);
      // Iterators can be run again.
      expect(await collect(reader.households())).toEqual(sample.RELEASE_ROWS.households);
    } finally {
      await reader.dispose();
      await reader.dispose();
    }
    await tmpIsEmpty();
  });

  it('reads a release that the browser adapter wrote', async () => {
    const bytes = await browser.writeRelease(
      sample.releaseHeader() as ReleaseHeader,
      sample.releaseJson() as ReleaseJson,
      sample.RELEASE_ROWS,
      {
        key: sample.RELEASE_KEY,
      },
    );
    const reader = await readFile(await save(bytes), releaseKeys, { kind: 'release', tmpDir: tmp });
    expect(await collect(reader.members())).toEqual(sample.RELEASE_ROWS.members);
    await reader.dispose();
  });

  it('uses real scrypt with a passphrase, and rejects a wrong one', async () => {
    const path = join(dir, 'pass.siksdb');
    const rows = { ...sample.RELEASE_ROWS, pbi: [] };
    await writeRelease(createWriteStream(path), sample.releaseHeader() as ReleaseHeader, sample.releaseJson() as ReleaseJson, rows, {
      passphrase: 'kata sandi rilis 3174',
    });
    const reader = await readFile(path, passphraseKeyProvider('kata sandi rilis 3174'), {
      kind: 'release',
      tmpDir: tmp,
    });
    expect(await collect(reader.households())).toHaveLength(2);
    await reader.dispose();
    await rejectsWith(readFile(path, passphraseKeyProvider('kata sandi yang keliru'), { kind: 'release', tmpDir: tmp }), 'SIKS_AUTH');
    await tmpIsEmpty();
    // Node's scrypt and the browser's agree.
    const key = sample.releaseHeader().key;
    expect(await deriveReleaseKey('kata sandi rilis 3174', key)).toEqual(await browser.deriveReleaseKey('kata sandi rilis 3174', key));
  });

  it('streams: bytes reach the output while the sources are still producing', async () => {
    const out = sink();
    const n = 60_000;
    let seenWhileProducing = 0;
    async function* members(): AsyncGenerator<object> {
      for (let i = 0; i < n; i++) {
        if (i === n - 1) seenWhileProducing = out.received;
        yield {
          idartbdt: String(317401100100000000 + i),
          idbdt: String(3174011001000000 + (i >> 2)),
          nama: `Anggota ${i} ${Math.random()}`,
          version: 1,
        };
      }
    }
    const header = sample.releaseHeader({ counts: { households: 2, members: n, kpm: 1, pbi: 0 } }) as ReleaseHeader;
    const release = sample.releaseJson({ counts: { households: 2, members: n, kpm: 1, pbi: 0 } }) as ReleaseJson;
    await writeRelease(out, header, release, { ...sample.RELEASE_ROWS, members: members() }, { key: sample.RELEASE_KEY });
    expect(seenWhileProducing).toBeGreaterThan(256 * 1024);

    const reader = await readFile(await save(out.bytes()), releaseKeys, { kind: 'release', tmpDir: tmp });
    let count = 0;
    for await (const m of reader.members()) {
      if (count === 12345) expect(m.nama).toMatch(/^Anggota 12345 /);
      count++;
    }
    expect(count).toBe(n);
    await reader.dispose();
  });

  it('never finishes a release whose sources disagree with the header counts', async () => {
    const out = sink();
    let closed = false;
    out.on('close', () => (closed = true));
    await rejectsWith(
      writeRelease(
        out,
        sample.releaseHeader() as ReleaseHeader,
        sample.releaseJson() as ReleaseJson,
        { ...sample.RELEASE_ROWS, members: sample.RELEASE_ROWS.members.slice(1) },
        { key: sample.RELEASE_KEY },
      ),
      'SIKS_COUNTS',
    );
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
    // What was written has no tag, so it can never be read.
    await rejectsWith(browser.readRelease(out.bytes(), releaseKeys), 'SIKS_AUTH');
  });

  it('validates the header and release.json before writing a byte', async () => {
    const out = sink();
    await rejectsWith(
      writeRelease(
        out,
        sample.releaseHeader({ kabKota: '31' }) as ReleaseHeader,
        sample.releaseJson() as ReleaseJson,
        sample.RELEASE_ROWS,
        {
          key: sample.RELEASE_KEY,
        },
      ),
      'SIKS_HEADER',
    );
    await rejectsWith(
      writeRelease(
        out,
        sample.releaseHeader() as ReleaseHeader,
        sample.releaseJson({ releaseId: '00000000-0000-4000-8000-000000000000' }) as ReleaseJson,
        sample.RELEASE_ROWS,
        {
          key: sample.RELEASE_KEY,
        },
      ),
      'SIKS_RELEASE_MISMATCH',
    );
    await rejectsWith(
      writeRelease(out, sample.releaseHeader() as ReleaseHeader, sample.releaseJson() as ReleaseJson, sample.RELEASE_ROWS, {
        passphrase: 'pendek',
      }),
      'SIKS_PASSPHRASE',
    );
    expect(out.received).toBe(0);
  });

  it('propagates an error of a source and closes the output', async () => {
    const out = sink();
    async function* failing(): AsyncGenerator<object> {
      yield sample.RELEASE_ROWS.households[0]!;
      throw new Error('database went away');
    }
    await expect(
      writeRelease(
        out,
        sample.releaseHeader() as ReleaseHeader,
        sample.releaseJson() as ReleaseJson,
        { ...sample.RELEASE_ROWS, households: failing() },
        { key: sample.RELEASE_KEY },
      ),
    ).rejects.toThrow('database went away');
    expect(out.destroyed).toBe(true);
  });
});

describe('Node package and feedback', () => {
  const photos = [sample.fakeJpeg(3000), sample.fakePng(500)];
  const p = sample.proposals(photos);

  it('package: Node writes, browser reads; browser writes, Node reads', async () => {
    const header = sample.packageHeader() as PackageHeader;
    const fromNode = await writePackage(header, { proposals: p, media: photos }, sample.PACKAGE_KEY);
    const c = await browser.readPackage(
      fromNode,
      browser.packageKeyProvider(() => sample.PACKAGE_KEY),
    );
    expect(c.proposals).toEqual(p);
    expect(c.media.size).toBe(2);

    const fromBrowser = await browser.writePackage(header, { proposals: p, media: photos }, sample.PACKAGE_KEY);
    const reader = await readFile(await save(fromBrowser), pkgKeys, { kind: 'package', tmpDir: tmp });
    try {
      expect(await collect(reader.proposals())).toEqual(p);
      const media = await collect(reader.media());
      expect(media.map((m) => m.sha256).sort()).toEqual(photos.map(sha256Hex).sort());
      expect(await reader.readMedia(sha256Hex(photos[1]!))).toEqual(photos[1]);
      expect(await reader.readMedia('0'.repeat(64))).toBeUndefined();
      expect(reader.mediaList).toHaveLength(2);
      expect(media.find((m) => m.type === 'jpg')?.bytes).toEqual(photos[0]);
    } finally {
      await reader.dispose();
    }
    await tmpIsEmpty();
  });

  it('feedback: both directions', async () => {
    const header = sample.feedbackHeader() as FeedbackHeader;
    const decisions = p.map((x) => ({
      proposalId: x.proposalId,
      decision: 'DISETUJUI',
      decidedAt: '2019-03-01T09:00:00Z',
    }));
    const fromNode = await writeFeedback(header, decisions, sample.PACKAGE_KEY);
    expect(
      (
        await browser.readFeedback(
          fromNode,
          browser.packageKeyProvider(() => sample.PACKAGE_KEY),
        )
      ).feedback,
    ).toEqual(decisions);
    const fromBrowser = await browser.writeFeedback(header, decisions, sample.PACKAGE_KEY);
    const reader = await readFile(
      await save(fromBrowser),
      packageKeyProvider<'feedback'>(() => sample.PACKAGE_KEY),
      { kind: 'feedback', tmpDir: tmp },
    );
    expect(await collect(reader.feedback())).toEqual(decisions);
    await reader.dispose();
  });

  it('derives the same HKDF key as the browser adapter and the hand helper', async () => {
    const header = sample.feedbackHeader() as FeedbackHeader;
    expect(deriveFileKey(sample.PACKAGE_KEY, header)).toEqual(handFileKey(sample.PACKAGE_KEY, header.id, 'feedback'));
    expect(deriveFileKey(sample.PACKAGE_KEY, header)).toEqual(await browser.deriveFileKey(sample.PACKAGE_KEY, header));
  });

  it('reads a file of any kind when no kind is given', async () => {
    const reader = await readFile(
      await save(await writeFeedback(sample.feedbackHeader() as FeedbackHeader, [], sample.PACKAGE_KEY)),
      packageKeyProvider(() => sample.PACKAGE_KEY),
      { tmpDir: tmp },
    );
    expect(reader.kind).toBe('feedback');
    await reader.dispose();
  });
});

describe('Node reader with hostile files', () => {
  const photo = sample.fakeJpeg();
  const good = () => [
    { name: 'proposals.ndjson', data: sample.ndjson(sample.proposals([photo])) },
    { name: `media/${sha256Hex(photo)}.jpg`, data: photo, method: 0 },
  ];
  const read = async (bytes: Uint8Array, keys = pkgKeys as never) => readFile(await save(bytes), keys, { kind: 'package', tmpDir: tmp });

  it('rejects flipped bytes in header, body and tag, and truncation, leaving no temp file', async () => {
    const file = handPackage(good());
    const h = new DataView(file.buffer).getUint32(5);
    const text = new TextDecoder().decode(file.subarray(9, 9 + h));
    for (const at of [9 + text.indexOf('op.tebet') + 1, 9 + h + 12 + 30, file.length - 1]) {
      const bad = file.slice();
      bad[at]! ^= 0x01;
      await rejectsWith(read(bad), 'SIKS_AUTH');
    }
    await rejectsWith(read(file.subarray(0, file.length - 20)), 'SIKS_AUTH');
    await tmpIsEmpty();
  });

  it('rejects hostile archives after the tag verifies, leaving no temp file', async () => {
    await rejectsWith(read(handPackage([...good(), { name: '../x', data: 'x' }])), 'SIKS_ENTRY_NAME');
    await rejectsWith(
      read(handPackage([{ name: 'proposals.ndjson', data: new Uint8Array(3 << 20) }], { counts: { proposals: 0 } })),
      'SIKS_RATIO',
    );
    await rejectsWith(read(handPackage(good(), { counts: { proposals: 1 } })), 'SIKS_COUNTS');
    await rejectsWith(read(handPackage([{ name: 'proposals.ndjson', data: '{}\n' }], { counts: { proposals: 1 } })), 'SIKS_PROPOSAL_ID');
    await tmpIsEmpty();
  });

  it('does not ask for a key when the header is wrong, and removes the temp file when the provider throws', async () => {
    const provider = vi.fn(() => sample.RELEASE_KEY);
    const header = sample.releaseHeader({ key: { ...sample.releaseHeader().key, N: 1 << 24 } });
    await rejectsWith(
      readFile(await save(handSeal({ header, body: handZip([]), key: sample.RELEASE_KEY })), provider, {
        kind: 'release',
        tmpDir: tmp,
      }),
      'SIKS_HEADER',
    );
    await rejectsWith(readFile(await save(handRelease([])), provider as never, { kind: 'package', tmpDir: tmp }), 'SIKS_KIND');
    expect(provider).not.toHaveBeenCalled();
    await rejectsWith(read(handPackage(good()), packageKeyProvider(() => undefined) as never), 'SIKS_UNKNOWN_RELEASE');
    await tmpIsEmpty();
  });

  it('reads the header of a file without decrypting', async () => {
    const path = await save(handPackage(good()));
    expect((await readFileHeader(path, 'package')).scope).toEqual(['317401']);
    await rejectsWith(readFileHeader(await save(new TextEncoder().encode('PK\u0003\u0004')), 'package'), 'SIKS_MAGIC');
  });
});

describe('files on disk', () => {
  it('a release written to a file stream can be read back from the path', async () => {
    const path = join(dir, 'r.siksdb');
    await writeRelease(
      createWriteStream(path),
      sample.releaseHeader() as ReleaseHeader,
      sample.releaseJson() as ReleaseJson,
      sample.RELEASE_ROWS,
      {
        key: sample.RELEASE_KEY,
      },
    );
    const bytes = await readBytes(path);
    expect(bytes.subarray(0, 5)).toEqual(Buffer.from([0x53, 0x49, 0x4b, 0x53, 1]));
    const reader = await readFile(path, releaseKeys, { kind: 'release', tmpDir: tmp });
    const rows: JsonObject[] = await collect(reader.regions());
    expect(rows).toEqual(sample.RELEASE_ROWS.regions);
    await reader.dispose();
  });
});
