// Round trips through the browser adapter (WebCrypto is globalThis.crypto in Node 20). The files
// are also checked against the hand-written tools, so the writer is not only checked by itself.

import { createDecipheriv } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { handFileKey, sha256Hex } from '../../../test/fixtures/siks/hand-zip.ts';
import { rejectsWith } from '../../../test/fixtures/siks/expect-siks.ts';
import {
  fakeJpeg,
  fakePng,
  feedbackHeader,
  PACKAGE_KEY,
  PACKAGE_KEY_B64,
  packageHeader,
  proposals,
  RELEASE_KEY,
  RELEASE_ROWS,
  releaseHeader,
  releaseJson,
} from '../../../test/fixtures/siks/samples.ts';
import {
  deriveFileKey,
  packageKeyProvider,
  passphraseKeyProvider,
  readFeedback,
  readPackage,
  readRelease,
  writeFeedback,
  writePackage,
  writeRelease,
} from './browser.ts';
import type { FeedbackHeader, PackageHeader, ReleaseHeader, ReleaseJson } from './schemas.ts';

/** Decrypt with node:crypto and list the ZIP entries by walking local headers, as a check on the writer. */
function handOpen(file: Uint8Array, key: Uint8Array): Map<string, Uint8Array> {
  const dv = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const h = dv.getUint32(5);
  const d = createDecipheriv('aes-256-gcm', key, file.subarray(9 + h, 21 + h));
  d.setAAD(file.subarray(0, 9 + h));
  d.setAuthTag(file.subarray(file.length - 16));
  const zip = Buffer.concat([d.update(file.subarray(21 + h, file.length - 16)), d.final()]);
  const out = new Map<string, Uint8Array>();
  let o = 0;
  while (zip.readUInt32LE(o) === 0x04034b50) {
    const method = zip.readUInt16LE(o + 8);
    const csize = zip.readUInt32LE(o + 18);
    const n = zip.readUInt16LE(o + 26);
    const m = zip.readUInt16LE(o + 28);
    const name = zip.subarray(o + 30, o + 30 + n).toString('utf8');
    const data = zip.subarray(o + 30 + n + m, o + 30 + n + m + csize);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    o += 30 + n + m + csize;
  }
  return out;
}

describe('browser adapter round trips', () => {
  it('writes and reads a package with photos', async () => {
    const photos = [fakeJpeg(5000), fakePng(700)];
    const p = proposals(photos);
    const header = packageHeader() as PackageHeader;
    const file = await writePackage(header, { proposals: p, media: [...photos, photos[0]!] }, PACKAGE_KEY);
    const entries = handOpen(file, handFileKey(PACKAGE_KEY, header.id, 'package'));
    expect([...entries.keys()].sort()).toEqual(
      ['proposals.ndjson', `media/${sha256Hex(photos[0]!)}.jpg`, `media/${sha256Hex(photos[1]!)}.png`].sort(),
    );

    const content = await readPackage(
      file,
      packageKeyProvider(() => PACKAGE_KEY_B64),
    );
    expect(content.header).toEqual(header);
    expect(content.proposals).toEqual(p);
    expect(content.media.get(sha256Hex(photos[1]!))).toMatchObject({ type: 'png', bytes: photos[1] });
  });

  it('writes and reads feedback', async () => {
    const header = feedbackHeader() as FeedbackHeader;
    const decisions = [
      {
        proposalId: proposals()[0]!.proposalId,
        decision: 'DITOLAK',
        reason: 'Foto tidak jelas',
        decidedAt: '2019-03-01T09:00:00Z',
      },
    ];
    const file = await writeFeedback(header, decisions, PACKAGE_KEY);
    const content = await readFeedback(
      file,
      packageKeyProvider(() => PACKAGE_KEY),
    );
    expect(content.feedback).toEqual(decisions);
  });

  it('writes and reads a release with a passphrase', async () => {
    const header = releaseHeader() as ReleaseHeader;
    const file = await writeRelease(header, releaseJson() as ReleaseJson, RELEASE_ROWS, {
      passphrase: 'sandi rilis jaksel 2019',
    });
    const content = await readRelease(file, passphraseKeyProvider('sandi rilis jaksel 2019'));
    expect(content.release).toEqual(releaseJson());
    expect(content.households).toEqual(RELEASE_ROWS.households);
    expect(content.members).toEqual(RELEASE_ROWS.members);
    expect(content.pbi).toEqual([]);
  });

  it('derives the same HKDF key as node:crypto', async () => {
    const header = packageHeader() as PackageHeader;
    expect(await deriveFileKey(PACKAGE_KEY, header)).toEqual(handFileKey(PACKAGE_KEY, header.id, 'package'));
  });

  it('refuses to write what readers would reject', async () => {
    const header = packageHeader() as PackageHeader;
    await rejectsWith(writePackage(header, { proposals: proposals().slice(0, 1) }, PACKAGE_KEY), 'SIKS_COUNTS');
    await rejectsWith(
      writePackage(header, { proposals: proposals(), media: [new TextEncoder().encode('not a photo')] }, PACKAGE_KEY),
      'SIKS_MEDIA',
    );
    await rejectsWith(writePackage(header, { proposals: proposals(), media: [fakeJpeg()] }, PACKAGE_KEY), 'SIKS_MEDIA');
    await rejectsWith(writePackage({ ...header, formatVersion: 2 as 1 }, { proposals: proposals() }, PACKAGE_KEY), 'SIKS_FORMAT_VERSION');
    await rejectsWith(writePackage(header, { proposals: [{ proposalId: 'x' }, {}] }, PACKAGE_KEY), 'SIKS_PROPOSAL_ID');
    await rejectsWith(
      writeRelease(releaseHeader() as ReleaseHeader, releaseJson({ period: '2019-02' }) as ReleaseJson, RELEASE_ROWS, {
        key: RELEASE_KEY,
      }),
      'SIKS_RELEASE_MISMATCH',
    );
    await rejectsWith(
      writeRelease(releaseHeader() as ReleaseHeader, releaseJson() as ReleaseJson, { ...RELEASE_ROWS, kpm: [] }, { key: RELEASE_KEY }),
      'SIKS_COUNTS',
    );
  });
});
