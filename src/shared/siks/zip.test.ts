// The body rules (section 3 and section 4 step 1): hostile archives built with the hand-written
// ZIP builder, sealed by hand, and read through the browser adapter, so each case also proves that
// a rejected file returns no data.

import { describe, expect, it } from 'vitest';
import { handZip, sha256Hex, type HandEntry } from '../../../test/fixtures/siks/hand-zip.ts';
import { handFeedback, handPackage, handRelease, rejectsWith } from '../../../test/fixtures/siks/expect-siks.ts';
import * as sample from '../../../test/fixtures/siks/samples.ts';
import { packageKeyProvider, readFeedback, readPackage, readRelease } from './browser.ts';
import { validateBody } from './content.ts';
import { SiksFormatError } from './errors.ts';
import { memorySource } from './zip-reader.ts';
import type { PackageHeader } from './schemas.ts';

const pkgKeys = packageKeyProvider<'package'>(() => sample.PACKAGE_KEY);
const readPkg = (file: Uint8Array) => readPackage(file, pkgKeys);
const MiB = 1024 * 1024;

function mediaEntry(bytes: Uint8Array, ext = 'jpg', over: Partial<HandEntry> = {}): HandEntry {
  return { name: `media/${sha256Hex(bytes)}.${ext}`, data: bytes, method: 0, ...over };
}
function proposalsEntry(records: object[]): HandEntry {
  return { name: 'proposals.ndjson', data: sample.ndjson(records) };
}
function releaseEntries(over: Partial<Record<string, string>> = {}): HandEntry[] {
  const files: Record<string, string> = {
    'release.json': JSON.stringify(sample.releaseJson()),
    'regions.ndjson': sample.ndjson(sample.RELEASE_ROWS.regions),
    'households.ndjson': sample.ndjson(sample.RELEASE_ROWS.households),
    'members.ndjson': sample.ndjson(sample.RELEASE_ROWS.members),
    'kpm.ndjson': sample.ndjson(sample.RELEASE_ROWS.kpm),
    'pbi.ndjson': '',
    ...over,
  };
  return Object.entries(files).map(([name, data]) => ({ name, data }));
}

describe('ZIP structure', () => {
  const photo = sample.fakeJpeg();
  const good = () => [proposalsEntry(sample.proposals([photo])), mediaEntry(photo)];

  it('accepts data descriptors, ZIP64 records and stored entries built by hand', async () => {
    const p = sample.proposals([photo]);
    const entries: HandEntry[] = [
      { name: 'proposals.ndjson', data: sample.ndjson(p), descriptor: true, zip64: true },
      mediaEntry(photo, 'jpg', { descriptor: true }),
    ];
    const content = await readPkg(handPackage(entries, {}, { zip64End: true }));
    expect(content.proposals).toHaveLength(2);
    expect(content.media.size).toBe(1);
  });

  it('rejects an unknown entry', async () => {
    const err = await rejectsWith(readPkg(handPackage([...good(), { name: 'catatan.txt', data: 'x' }])), 'SIKS_ENTRY_NAME');
    expect(err.messages.id).toContain('catatan.txt');
  });

  it('rejects ../ and absolute names as unknown names', async () => {
    for (const name of ['../x', '/abs', '/proposals.ndjson', 'media/../proposals.ndjson', 'C:\\x', './proposals.ndjson']) {
      await rejectsWith(readPkg(handPackage([...good(), { name, data: 'x' }])), 'SIKS_ENTRY_NAME');
    }
    // Media names must match exactly: upper-case hex, other extensions, sub-folders.
    for (const name of [
      `media/${'A'.repeat(64)}.jpg`,
      `media/${'a'.repeat(64)}.jpeg`,
      `media/x/${'a'.repeat(64)}.jpg`,
      `media/${'a'.repeat(63)}.png`,
    ]) {
      await rejectsWith(readPkg(handPackage([...good(), { name, data: 'x' }])), 'SIKS_ENTRY_NAME');
    }
  });

  it('rejects a name that is not allowed for the kind', async () => {
    await rejectsWith(
      readFeedback(
        handFeedback([{ name: 'proposals.ndjson', data: '' }]),
        packageKeyProvider(() => sample.PACKAGE_KEY),
      ),
      'SIKS_ENTRY_NAME',
    );
    await rejectsWith(
      readRelease(handRelease([...releaseEntries(), mediaEntry(photo)]), () => sample.RELEASE_KEY),
      'SIKS_ENTRY_NAME',
    );
  });

  it('rejects duplicate names', async () => {
    await rejectsWith(readPkg(handPackage([...good(), proposalsEntry([])])), 'SIKS_DUPLICATE_ENTRY');
    await rejectsWith(readPkg(handPackage([...good(), mediaEntry(photo)])), 'SIKS_DUPLICATE_ENTRY');
  });

  it('rejects a missing required entry', async () => {
    const entries = releaseEntries().filter((e) => e.name !== 'kpm.ndjson');
    const err = await rejectsWith(
      readRelease(handRelease(entries), () => sample.RELEASE_KEY),
      'SIKS_ENTRY_MISSING',
    );
    expect(err.details?.entry).toBe('kpm.ndjson');
  });

  it('rejects directory entries and symbolic links', async () => {
    let err = await rejectsWith(readPkg(handPackage([...good(), { name: 'media/', data: '', method: 0 }])), 'SIKS_ZIP');
    expect(err.details?.reason).toBe('directory');
    err = await rejectsWith(
      readPkg(handPackage([{ ...proposalsEntry(sample.proposals([photo])), externalAttrs: (0o040755 << 16) >>> 0 }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('directory');
    err = await rejectsWith(
      readPkg(handPackage([{ ...proposalsEntry(sample.proposals([photo])), versionMadeBy: 20, externalAttrs: 0x10 }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('directory');
    err = await rejectsWith(
      readPkg(
        handPackage([proposalsEntry(sample.proposals([photo])), mediaEntry(photo, 'jpg', { externalAttrs: (0o120777 << 16) >>> 0 })]),
      ),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('symlink');
  });

  it('rejects other compression methods and ZIP encryption', async () => {
    let err = await rejectsWith(
      readPkg(handPackage([{ ...proposalsEntry(sample.proposals([photo])), method: 12, raw: new Uint8Array(10) }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('method');
    err = await rejectsWith(
      readPkg(handPackage([{ ...proposalsEntry(sample.proposals([photo])), flags: 1 }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('encrypted');
    err = await rejectsWith(
      readPkg(handPackage([{ ...proposalsEntry(sample.proposals([photo])), flags: 1 << 6 }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('encrypted');
  });

  it('rejects a local header that disagrees with the central directory', async () => {
    const base = proposalsEntry(sample.proposals([photo]));
    const locals: HandEntry['local'][] = [
      { name: 'evil.ndjson' },
      { method: 0 },
      { crc: 1234 },
      { compressedSize: 3 },
      { uncompressedSize: 5 },
      { flags: 1 << 11 },
      { time: 1 },
    ];
    for (const local of locals) {
      const err = await rejectsWith(readPkg(handPackage([{ ...base, local }, mediaEntry(photo)])), 'SIKS_ZIP');
      expect(err.details?.reason, JSON.stringify(local)).toBe('local-header');
    }
  });

  it('rejects a data descriptor that disagrees with the central directory', async () => {
    const p = sample.proposals([photo]);
    // The central directory says one CRC, the descriptor (written from the data) another.
    const body = handZip([{ name: 'proposals.ndjson', data: sample.ndjson(p), descriptor: true }, mediaEntry(photo)]);
    const text = sample.ndjson(p);
    const good = await validateBody(memorySource(body), sample.packageHeader() as PackageHeader);
    expect(good.lineCounts.get('proposals.ndjson')).toBe(2);
    const err = await rejectsWith(
      readPkg(handPackage([{ name: 'proposals.ndjson', data: text, descriptor: true, crc: 42 }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(['local-header', 'crc']).toContain(err.details?.reason);
  });

  it('rejects hidden bytes before, between or after the entries, and overlapping entries', async () => {
    let err = await rejectsWith(readPkg(handPackage(good(), {}, { prefix: new Uint8Array(8) })), 'SIKS_ZIP');
    expect(err.details?.reason).toBe('hidden-data');
    err = await rejectsWith(readPkg(handPackage(good(), {}, { gap: new TextEncoder().encode('{"proposalId":"x"}') })), 'SIKS_ZIP');
    expect(err.details?.reason).toBe('hidden-data');
    await rejectsWith(readPkg(handPackage(good(), {}, { trailing: new Uint8Array(3) })), 'SIKS_ZIP');
  });

  it('rejects a CRC or size that does not match the content', async () => {
    let err = await rejectsWith(
      readPkg(handPackage([{ ...proposalsEntry(sample.proposals([photo])), crc: 1 }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('crc');
    err = await rejectsWith(
      readPkg(handPackage([proposalsEntry(sample.proposals([photo])), mediaEntry(photo, 'jpg', { method: 8, uncompressedSize: 10 })])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('size');
    err = await rejectsWith(
      readPkg(handPackage([{ ...proposalsEntry(sample.proposals([photo])), raw: new Uint8Array([0xff, 0xff, 0xff]) }, mediaEntry(photo)])),
      'SIKS_ZIP',
    );
    expect(err.details?.reason).toBe('deflate');
  });

  it('rejects a body that is not a ZIP archive', async () => {
    await rejectsWith(readPkg(handPackage([]).subarray(0, 0)), 'SIKS_MAGIC');
    const { handSeal, handFileKey } = await import('../../../test/fixtures/siks/hand-zip.ts');
    const file = handSeal({
      header: sample.packageHeader(),
      body: new TextEncoder().encode('{"proposalId":"x"}\n'),
      key: handFileKey(sample.PACKAGE_KEY, sample.packageHeader().id, 'package'),
    });
    await rejectsWith(readPkg(file), 'SIKS_ZIP');
  });
});

describe('size limits, enforced while inflating', () => {
  it('rejects an entry that inflates more than 200:1 past 1 MiB', async () => {
    const bomb = new Uint8Array(3 * MiB).fill(0x20);
    const err = await rejectsWith(
      readPkg(handPackage([{ name: 'proposals.ndjson', data: bomb }], { counts: { proposals: 0 } })),
      'SIKS_RATIO',
    );
    expect(err.details?.entry).toBe('proposals.ndjson');
  });

  it('does not trust declared sizes: a bomb that declares a tiny size is still stopped by the ratio', async () => {
    const bomb = new Uint8Array(4 * MiB);
    await rejectsWith(
      readPkg(handPackage([{ name: 'proposals.ndjson', data: bomb, uncompressedSize: 10 }], { counts: { proposals: 0 } })),
      'SIKS_RATIO',
    );
  });

  it('accepts a highly compressible entry under 1 MiB', async () => {
    const lines = Array.from({ length: 4000 }, () => sample.proposals()[1]!);
    const content = await readPkg(handPackage([proposalsEntry(lines)], { counts: { proposals: 4000 } }));
    expect(content.proposals).toHaveLength(4000);
  });

  it('rejects a photo over 2 MiB', async () => {
    const big = sample.fakeJpeg(2 * MiB + 1);
    const err = await rejectsWith(readPkg(handPackage([proposalsEntry(sample.proposals([big])), mediaEntry(big)])), 'SIKS_TOO_LARGE');
    expect(err.details?.reason).toBe('media');
  });

  it('rejects more than 2,000 media entries', async () => {
    const photos = Array.from({ length: 2001 }, () => sample.fakeJpeg(40));
    const p = sample.proposals(photos);
    await rejectsWith(readPkg(handPackage([proposalsEntry(p), ...photos.map((b) => mediaEntry(b))])), 'SIKS_TOO_MANY_ENTRIES');
  });

  it('accepts exactly 2,000 media entries', async () => {
    const photos = Array.from({ length: 2000 }, () => sample.fakePng(40));
    const content = await readPkg(handPackage([proposalsEntry(sample.proposals(photos)), ...photos.map((b) => mediaEntry(b, 'png'))]));
    expect(content.media.size).toBe(2000);
  });

  it('rejects a package whose total inflated size exceeds 200 MiB, before judging its content', async () => {
    // 101 stored "photos" of 2 MiB: each within the per-photo limit, together over 200 MiB.
    // Their names do not match their hashes: the size limit must be reported first.
    const chunk = new Uint8Array(2 * MiB);
    const entries: HandEntry[] = [proposalsEntry([])];
    for (let i = 0; i < 101; i++) entries.push({ name: `media/${i.toString(16).padStart(64, '0')}.jpg`, data: chunk, method: 0, crc: 0 });
    const body = handZip(entries);
    const header = sample.packageHeader({ counts: { proposals: 0 } }) as PackageHeader;
    const err = await rejectsWith(validateBody(memorySource(body), header), 'SIKS_TOO_LARGE');
    expect(err.details?.reason).toBe('total');
  }, 60_000);
});

describe('media', () => {
  it('rejects a photo whose name is not its SHA-256', async () => {
    const photo = sample.fakeJpeg();
    const other = sample.fakeJpeg();
    const err = await rejectsWith(
      readPkg(handPackage([proposalsEntry(sample.proposals([other])), { name: `media/${sha256Hex(other)}.jpg`, data: photo, method: 0 }])),
      'SIKS_MEDIA',
    );
    expect(err.details?.reason).toBe('hash');
  });

  it('rejects a photo that is not a JPEG or PNG, or whose extension lies', async () => {
    const text = new TextEncoder().encode('<html>not a photo</html>');
    let err = await rejectsWith(readPkg(handPackage([proposalsEntry(sample.proposals([text])), mediaEntry(text)])), 'SIKS_MEDIA');
    expect(err.details?.reason).toBe('not-image');
    const png = sample.fakePng();
    err = await rejectsWith(readPkg(handPackage([proposalsEntry(sample.proposals([png])), mediaEntry(png, 'jpg')])), 'SIKS_MEDIA');
    expect(err.details?.reason).toBe('extension');
  });

  it('rejects a photo that no proposal references', async () => {
    const photo = sample.fakeJpeg();
    const err = await rejectsWith(readPkg(handPackage([proposalsEntry(sample.proposals()), mediaEntry(photo)])), 'SIKS_MEDIA');
    expect(err.details?.reason).toBe('unreferenced');
  });

  it('rejects a reference to a photo that is not in the package', async () => {
    const err = await rejectsWith(readPkg(handPackage([proposalsEntry(sample.proposals([sample.fakeJpeg()]))])), 'SIKS_MEDIA');
    expect(err.details?.reason).toBe('missing');
  });

  it('rejects a malformed photo reference', async () => {
    const p = sample.proposals();
    for (const media of ['x', [{ sha256: 'ABC' }], [null], { sha256: 'a'.repeat(64) }]) {
      const err = await rejectsWith(readPkg(handPackage([proposalsEntry([{ ...p[0], media }, p[1]!])])), 'SIKS_MEDIA');
      expect(err.details?.reason).toBe('reference');
    }
  });
});

describe('ndjson and package content', () => {
  const p = sample.proposals();
  const lines = p.map((r) => JSON.stringify(r));

  it('accepts a final line without LF and an empty entry', async () => {
    expect((await readPkg(handPackage([{ name: 'proposals.ndjson', data: lines.join('\n') }]))).proposals).toHaveLength(2);
    expect((await readPkg(handPackage([{ name: 'proposals.ndjson', data: '' }], { counts: { proposals: 0 } }))).proposals).toHaveLength(0);
  });

  it('rejects a blank line', async () => {
    for (const text of [
      `${lines[0]}\n\n${lines[1]}\n`,
      `${lines[0]}\n${lines[1]}\n\n`,
      `\n${lines[0]}\n${lines[1]}`,
      `${lines[0]}\n   \n${lines[1]}`,
    ]) {
      const err = await rejectsWith(readPkg(handPackage([{ name: 'proposals.ndjson', data: text }])), 'SIKS_NDJSON');
      expect(err.details?.reason).toBe('blank-line');
    }
  });

  it('rejects CRLF, a BOM, invalid UTF-8 and invalid JSON', async () => {
    const cases: Array<[string | Uint8Array, string]> = [
      [`${lines[0]}\r\n${lines[1]}\r\n`, 'crlf'],
      [`\uFEFF${lines[0]}\n${lines[1]}\n`, 'bom'],
      [new Uint8Array([...new TextEncoder().encode(`${lines[0]}\n{"a":"`), 0xc3, 0x28, ...new TextEncoder().encode('"}\n')]), 'utf8'],
      [`${lines[0]}\n{"proposalId": \n`, 'json'],
    ];
    for (const [data, reason] of cases) {
      const err = await rejectsWith(readPkg(handPackage([{ name: 'proposals.ndjson', data }])), 'SIKS_NDJSON');
      expect(err.details?.reason).toBe(reason);
    }
  });

  it('rejects a line that is not a JSON object', async () => {
    for (const line of ['[1,2]', '"text"', '42', 'null']) {
      const err = await rejectsWith(readPkg(handPackage([{ name: 'proposals.ndjson', data: `${lines[0]}\n${line}\n` }])), 'SIKS_NDJSON');
      expect(err.details).toMatchObject({ reason: 'not-object', line: 2 });
    }
  });

  it('rejects a proposalId that is not a UUID', async () => {
    for (const id of [undefined, 'abc', 42, '7A8B9C0D-1E2F-4A3B-8C4D-5E6F7A8B9C0D']) {
      const err = await rejectsWith(readPkg(handPackage([proposalsEntry([p[0]!, { ...p[1], proposalId: id }])])), 'SIKS_PROPOSAL_ID');
      expect(err.details?.line).toBe(2);
    }
  });

  it('rejects counts.proposals that differs from the number of lines', async () => {
    const err = await rejectsWith(readPkg(handPackage([proposalsEntry(p)], { counts: { proposals: 3 } })), 'SIKS_COUNTS');
    expect(err.details).toMatchObject({ declared: 3, found: 2 });
  });

  it('keeps duplicate proposal ids (the importer marks them DUPLIKAT)', async () => {
    const content = await readPkg(handPackage([proposalsEntry([p[0]!, p[0]!])]));
    expect(content.proposals).toHaveLength(2);
  });

  it('reports faults in the order of section 4', async () => {
    // A bad proposalId and a wrong count: the proposalId comes first.
    await rejectsWith(readPkg(handPackage([proposalsEntry([{ proposalId: 'x' }])], { counts: { proposals: 5 } })), 'SIKS_PROPOSAL_ID');
    // A blank line and an unreferenced photo: the NDJSON form comes first.
    const photo = sample.fakeJpeg();
    await rejectsWith(readPkg(handPackage([{ name: 'proposals.ndjson', data: `${lines[0]}\n\n` }, mediaEntry(photo)])), 'SIKS_NDJSON');
  });

  it('requires UUID proposal ids in feedback too', async () => {
    const fb = packageKeyProvider<'feedback'>(() => sample.PACKAGE_KEY);
    const ok = await readFeedback(
      handFeedback([{ name: 'feedback.ndjson', data: sample.ndjson([{ proposalId: p[0]!.proposalId, decision: 'DISETUJUI' }]) }]),
      fb,
    );
    expect(ok.feedback).toHaveLength(1);
    await rejectsWith(
      readFeedback(handFeedback([{ name: 'feedback.ndjson', data: sample.ndjson([{ decision: 'DISETUJUI' }]) }]), fb),
      'SIKS_PROPOSAL_ID',
    );
  });
});

describe('release content', () => {
  const read = (file: Uint8Array) => readRelease(file, () => sample.RELEASE_KEY);

  it('reads a hand-built release', async () => {
    const r = await read(handRelease(releaseEntries()));
    expect(r.release.releaseId).toBe(sample.releaseHeader().id);
    expect(r.members.map((m) => m.nama)).toContain('Budi Ñoño');
    expect(r.pbi).toEqual([]);
  });

  it('rejects a release.json whose id, district or period differs from the header', async () => {
    for (const [field, value] of [
      ['releaseId', '00000000-0000-4000-8000-000000000000'],
      ['kabKota', '3175'],
      ['period', '2019-07'],
    ] as const) {
      const err = await rejectsWith(
        read(handRelease(releaseEntries({ 'release.json': JSON.stringify(sample.releaseJson({ [field]: value })) }))),
        'SIKS_RELEASE_MISMATCH',
      );
      expect(err.details?.field).toBe(field);
    }
  });

  it('rejects an invalid release.json', async () => {
    await rejectsWith(read(handRelease(releaseEntries({ 'release.json': '{not json' }))), 'SIKS_RELEASE_JSON');
    await rejectsWith(
      read(handRelease(releaseEntries({ 'release.json': JSON.stringify(sample.releaseJson({ packageKey: 'AAAA' })) }))),
      'SIKS_RELEASE_JSON',
    );
    await rejectsWith(
      read(handRelease(releaseEntries({ 'release.json': JSON.stringify({ ...sample.releaseJson(), nik: '1' }) }))),
      'SIKS_RELEASE_JSON',
    );
  });

  it('rejects counts that differ from the rows', async () => {
    let err = await rejectsWith(
      read(handRelease(releaseEntries({ 'members.ndjson': sample.ndjson(sample.RELEASE_ROWS.members.slice(1)) }))),
      'SIKS_COUNTS',
    );
    expect(err.details?.what).toBe('members');
    err = await rejectsWith(
      read(
        handRelease(
          releaseEntries({
            'release.json': JSON.stringify(sample.releaseJson({ counts: { households: 2, members: 3, kpm: 0, pbi: 0 } })),
          }),
        ),
      ),
      'SIKS_COUNTS',
    );
    expect(err.details?.what).toBe('kpm');
  });
});

describe('robustness', () => {
  it('answers every mutated archive with a SiksFormatError or valid content, never another error', async () => {
    const photo = sample.fakeJpeg(200);
    const entries: HandEntry[] = [
      { name: 'proposals.ndjson', data: sample.ndjson(sample.proposals([photo])), descriptor: true, zip64: true },
      mediaEntry(photo, 'jpg'),
    ];
    const body = handZip(entries, { zip64End: true });
    const header = sample.packageHeader() as PackageHeader;
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const unexpected: unknown[] = [];
    for (let i = 0; i < 3000; i++) {
      const m = body.slice();
      for (let k = 0, n = 1 + rand(3); k < n; k++) m[rand(m.length)] = rand(256);
      const cut = rand(10) === 0 ? m.subarray(0, rand(m.length)) : m;
      try {
        await validateBody(memorySource(cut), header);
      } catch (e) {
        if (!(e instanceof SiksFormatError)) unexpected.push(e);
      }
    }
    expect(unexpected).toEqual([]);
  });
});
