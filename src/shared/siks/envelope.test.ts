// Envelope and header: hostile files built by hand (test/fixtures/siks), read by the browser adapter.

import { describe, expect, it, vi } from 'vitest';
import { handFileKey, handSeal, handZip, sha256Hex } from '../../../test/fixtures/siks/hand-zip.ts';
import { handPackage, rejectsWith } from '../../../test/fixtures/siks/expect-siks.ts';
import {
  fakeJpeg,
  ndjson,
  PACKAGE_KEY,
  packageHeader,
  proposals,
  RELEASE_KEY,
  releaseHeader,
} from '../../../test/fixtures/siks/samples.ts';
import { deriveReleaseKey, packageKeyProvider, readHeader, readPackage, readRelease, readSiksFile } from './browser.ts';

const photo = fakeJpeg(300);
const props = proposals([photo]);
const goodEntries = () => [
  { name: 'proposals.ndjson', data: ndjson(props) },
  { name: `media/${sha256Hex(photo)}.jpg`, data: photo, method: 0 },
];
const pkgKeys = packageKeyProvider<'package'>(() => PACKAGE_KEY);
const te = new TextEncoder();

/** Seal a package body under an arbitrary header object with the right key. */
function withHeader(header: object | Uint8Array, extra: Partial<Parameters<typeof handSeal>[0]> = {}): Uint8Array {
  return handSeal({
    header,
    body: handZip(goodEntries()),
    key: handFileKey(PACKAGE_KEY, packageHeader().id, 'package'),
    ...extra,
  });
}

function flip(file: Uint8Array, at: number): Uint8Array {
  const copy = file.slice();
  copy[at]! ^= 0x01;
  return copy;
}

describe('envelope', () => {
  it('reads a valid hand-built package (baseline for the hostile cases)', async () => {
    const content = await readPackage(handPackage(goodEntries()), pkgKeys);
    expect(content.proposals.map((p) => p.proposalId)).toEqual(props.map((p) => p.proposalId));
    expect(content.media.get(sha256Hex(photo))?.bytes).toEqual(photo);
  });

  it('rejects a flipped byte in the header (the header is AAD)', async () => {
    const file = handPackage(goodEntries());
    const text = new TextDecoder().decode(file.subarray(9, 9 + new DataView(file.buffer).getUint32(5)));
    // Change a character inside a string value, so the header stays valid JSON and valid SIKS.
    const at = 9 + text.indexOf('Operator Tebet') + 1;
    await rejectsWith(readPackage(flip(file, at), pkgKeys), 'SIKS_AUTH');
  });

  it('rejects a flipped byte in the IV, the body and the tag', async () => {
    const file = handPackage(goodEntries());
    const h = new DataView(file.buffer).getUint32(5);
    for (const at of [9 + h + 3, 9 + h + 12 + 40, file.length - 5]) {
      const err = await rejectsWith(readPackage(flip(file, at), pkgKeys), 'SIKS_AUTH');
      expect(err.messages.id).toContain('Berkas rusak atau telah diubah');
    }
  });

  it('rejects a wrong key', async () => {
    const wrong = packageKeyProvider<'package'>(() => new Uint8Array(32).fill(1));
    await rejectsWith(readPackage(handPackage(goodEntries()), wrong), 'SIKS_AUTH');
  });

  it('rejects a wrong passphrase (real scrypt once)', async () => {
    const header = releaseHeader();
    const key = await deriveReleaseKey('kata sandi yang benar', header.key);
    const file = handSeal({ header, body: handZip([{ name: 'release.json', data: '{}' }]), key });
    const progress: number[] = [];
    const err = await rejectsWith(
      readRelease(file, (h) => deriveReleaseKey('kata sandi yang salah', h.key, (f) => progress.push(f))),
      'SIKS_AUTH',
    );
    expect(err.messages.id).toContain('kata sandi');
    expect(progress.length).toBeGreaterThan(0);
  });

  it('reports truncation as damage', async () => {
    const file = handPackage(goodEntries());
    const h = new DataView(file.buffer).getUint32(5);
    for (const len of [file.length - 1, 9 + h + 12 + 15, 9 + h + 5, 7, 3]) {
      await rejectsWith(readPackage(file.subarray(0, len), pkgKeys), 'SIKS_AUTH');
    }
  });

  it('rejects bad magic, an empty file and another envelope version', async () => {
    await rejectsWith(readPackage(withHeader(packageHeader(), { magic: 'SIKZ' }), pkgKeys), 'SIKS_MAGIC');
    await rejectsWith(readPackage(te.encode('PK\u0003\u0004 not a siks file at all'), pkgKeys), 'SIKS_MAGIC');
    await rejectsWith(readPackage(new Uint8Array(0), pkgKeys), 'SIKS_MAGIC');
    const err = await rejectsWith(readPackage(withHeader(packageHeader(), { version: 2 }), pkgKeys), 'SIKS_VERSION');
    expect(err.details?.found).toBe(2);
  });

  it('rejects a header length out of range', async () => {
    for (const h of [0, 1, 65537, 0xffffffff]) {
      const err = await rejectsWith(readPackage(withHeader(packageHeader(), { headerLength: h }), pkgKeys), 'SIKS_HEADER');
      expect(err.details?.reason).toBe('length');
    }
  });

  it('rejects a header that is not a UTF-8 JSON object', async () => {
    for (const raw of ['not json', '[1,2]', '\uFEFF{"formatVersion":1}', 'null']) {
      await rejectsWith(readPackage(withHeader(te.encode(raw)), pkgKeys), 'SIKS_HEADER');
    }
    await rejectsWith(readPackage(withHeader(new Uint8Array([0x7b, 0xff, 0x7d])), pkgKeys), 'SIKS_HEADER');
  });

  it('names the version when formatVersion is not 1', async () => {
    const err = await rejectsWith(readPackage(withHeader(packageHeader({ formatVersion: 2 })), pkgKeys), 'SIKS_FORMAT_VERSION');
    expect(err.messages.id).toContain('versi 2');
    expect(err.messages.en).toContain('version 2');
    await rejectsWith(readPackage(withHeader(packageHeader({ formatVersion: '1' })), pkgKeys), 'SIKS_FORMAT_VERSION');
    const { formatVersion: _, ...noVersion } = packageHeader();
    await rejectsWith(readPackage(withHeader(noVersion), pkgKeys), 'SIKS_HEADER');
  });

  it('refuses another kind before asking for a key', async () => {
    const provider = vi.fn(() => RELEASE_KEY);
    const release = handSeal({ header: releaseHeader(), body: handZip([{ name: 'x', data: '' }]), key: RELEASE_KEY });
    const err = await rejectsWith(readSiksFile(release, 'package', provider), 'SIKS_KIND');
    expect(err.messages.id).toContain('rilis');
    await rejectsWith(readPackage(withHeader(packageHeader({ kind: 'paket' })), provider), 'SIKS_KIND');
    expect(provider).not.toHaveBeenCalled();
  });

  it('rejects release key parameters other than scrypt N=32768 r=8 p=1 with a 16-byte salt', async () => {
    const key = releaseHeader().key;
    const cases = [
      { N: 65536 },
      { N: 1024 },
      { r: 16 },
      { p: 2 },
      { kdf: 'argon2id' },
      { salt: Buffer.alloc(15).toString('base64') },
      { salt: 'AAAAAAAAAAAAAAAAAAAAAA=' },
    ];
    for (const c of cases) {
      const header = releaseHeader({ key: { ...key, ...c } });
      const file = handSeal({ header, body: handZip([{ name: 'release.json', data: '{}' }]), key: RELEASE_KEY });
      const provider = vi.fn(() => RELEASE_KEY);
      const err = await rejectsWith(readRelease(file, provider), 'SIKS_HEADER');
      expect(err.details?.path).toMatch(/^key\./);
      expect(provider).not.toHaveBeenCalled();
    }
    await rejectsWith(deriveReleaseKey('dua belas karakter', { ...key, N: 1 << 20 } as never), 'SIKS_HEADER');
  });

  it('validates every header field', async () => {
    const bad: Record<string, unknown>[] = [
      { id: '7A8B9C0D-1E2F-4A3B-8C4D-5E6F7A8B9C0D' }, // upper case
      { id: '7a8b9c0d-1e2f-1a3b-8c4d-5e6f7a8b9c0d' }, // version 1
      { createdAt: '2019-02-21 10:15:00Z' },
      { createdAt: '2019-02-21T10:15:00' },
      { createdAt: '2019-02-30T10:15:00Z' },
      { period: '2019-13' },
      { kabKota: '31740' },
      { kabKota: 3174 },
      { module: 'XYZ' },
      { dictionaryVersion: 1.5 },
      { scope: [] },
      { scope: ['327301'] }, // another district
      { scope: ['31740'] },
      { counts: { proposals: -1 } },
      { operator: { username: 'op' } },
      { app: { name: 'x', version: 'y', extra: 1 } },
      { nik: '3174000000000001' }, // unknown field: the header never carries personal data
      { key: { kdf: 'hkdf-sha256', release: 'not-a-uuid' } },
    ];
    for (const over of bad) {
      await rejectsWith(readPackage(withHeader(packageHeader(over)), pkgKeys), 'SIKS_HEADER');
    }
    const { app: _, ...noApp } = packageHeader();
    const err = await rejectsWith(readPackage(withHeader(noApp), pkgKeys), 'SIKS_HEADER');
    expect(err.messages.id).toContain('"app"');
  });

  it('reports a package of an unknown release', async () => {
    const unknown = packageKeyProvider<'package'>(() => undefined);
    await rejectsWith(readPackage(handPackage(goodEntries()), unknown), 'SIKS_UNKNOWN_RELEASE');
  });

  it('reads the header without decrypting', () => {
    const file = handPackage(goodEntries());
    expect(readHeader(file, 'package').operator.username).toBe('op.tebet');
    expect(() => readHeader(file, 'release')).toThrow(/release/);
  });

  it('requires a passphrase of at least 12 code points after NFC', async () => {
    const key = releaseHeader().key;
    await rejectsWith(deriveReleaseKey('pendek', key), 'SIKS_PASSPHRASE');
    // 11 characters once composed, although 12 UTF-16 units decomposed.
    await rejectsWith(deriveReleaseKey('abcdefghije\u0301'.normalize('NFD'), key), 'SIKS_PASSPHRASE');
    await rejectsWith(deriveReleaseKey('abcdefghijkl\uD800', key), 'SIKS_PASSPHRASE');
    // Composed and decomposed spellings give one key.
    const a = await deriveReleaseKey('kata sandi é rahasia'.normalize('NFC'), key);
    const b = await deriveReleaseKey('kata sandi é rahasia'.normalize('NFD'), key);
    expect(a).toEqual(b);
  });
});
