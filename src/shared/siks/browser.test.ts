import { describe, expect, it } from 'vitest';
import { handFileKey, handOpen, sha256Hex } from '../../../test/fixtures/siks/hand-zip.ts';
import { rejectsWith } from '../../../test/fixtures/siks/expect-siks.ts';
import * as sample from '../../../test/fixtures/siks/samples.ts';
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

describe('browser adapter round trips', () => {
  it('writes and reads a package with photos', async () => {
    const photos = [sample.fakeJpeg(5000), sample.fakePng(700)];
    const p = sample.proposals(photos);
    const header = sample.packageHeader() as PackageHeader;
    const file = await writePackage(header, { proposals: p, media: [...photos, photos[0]!] }, sample.PACKAGE_KEY);
    const { entries } = handOpen(file, handFileKey(sample.PACKAGE_KEY, header.id, 'package'));
    expect([...entries.keys()].sort()).toEqual(
      ['proposals.ndjson', `media/${sha256Hex(photos[0]!)}.jpg`, `media/${sha256Hex(photos[1]!)}.png`].sort(),
    );

    const content = await readPackage(
      file,
      packageKeyProvider(() => sample.PACKAGE_KEY_B64),
    );
    expect(content.header).toEqual(header);
    expect(content.proposals).toEqual(p);
    expect(content.media.get(sha256Hex(photos[1]!))).toMatchObject({ type: 'png', bytes: photos[1] });
  });

  it('writes and reads feedback', async () => {
    const header = sample.feedbackHeader() as FeedbackHeader;
    const decisions = [
      {
        proposalId: sample.proposals()[0]!.proposalId,
        decision: 'DITOLAK',
        reason: 'Foto tidak jelas',
        decidedAt: '2019-03-01T09:00:00Z',
      },
    ];
    const file = await writeFeedback(header, decisions, sample.PACKAGE_KEY);
    const content = await readFeedback(
      file,
      packageKeyProvider(() => sample.PACKAGE_KEY),
    );
    expect(content.feedback).toEqual(decisions);
  });

  it('writes and reads a release with a passphrase', async () => {
    const header = sample.releaseHeader() as ReleaseHeader;
    const file = await writeRelease(header, sample.releaseJson() as ReleaseJson, sample.RELEASE_ROWS, {
      passphrase: 'sandi rilis jaksel 2019',
    });
    const content = await readRelease(file, passphraseKeyProvider('sandi rilis jaksel 2019'));
    expect(content.release).toEqual(sample.releaseJson());
    expect(content.households).toEqual(sample.RELEASE_ROWS.households);
    expect(content.members).toEqual(sample.RELEASE_ROWS.members);
    expect(content.pbi).toEqual([]);
  });

  it('derives the same HKDF key as node:crypto', async () => {
    const header = sample.packageHeader() as PackageHeader;
    expect(await deriveFileKey(sample.PACKAGE_KEY, header)).toEqual(handFileKey(sample.PACKAGE_KEY, header.id, 'package'));
  });

  it('refuses to write what readers would reject', async () => {
    const header = sample.packageHeader() as PackageHeader;
    await rejectsWith(writePackage(header, { proposals: sample.proposals().slice(0, 1) }, sample.PACKAGE_KEY), 'SIKS_COUNTS');
    await rejectsWith(
      writePackage(header, { proposals: sample.proposals(), media: [new TextEncoder().encode('not a photo')] }, sample.PACKAGE_KEY),
      'SIKS_MEDIA',
    );
    await rejectsWith(
      writePackage(header, { proposals: sample.proposals(), media: [sample.fakeJpeg()] }, sample.PACKAGE_KEY),
      'SIKS_MEDIA',
    );
    await rejectsWith(
      writePackage({ ...header, formatVersion: 2 as 1 }, { proposals: sample.proposals() }, sample.PACKAGE_KEY),
      'SIKS_FORMAT_VERSION',
    );
    await rejectsWith(writePackage(header, { proposals: [{ proposalId: 'x' }, {}] }, sample.PACKAGE_KEY), 'SIKS_PROPOSAL_ID');
    await rejectsWith(
      writeRelease(sample.releaseHeader() as ReleaseHeader, sample.releaseJson({ period: '2019-02' }) as ReleaseJson, sample.RELEASE_ROWS, {
        key: sample.RELEASE_KEY,
      }),
      'SIKS_RELEASE_MISMATCH',
    );
    await rejectsWith(
      writeRelease(
        sample.releaseHeader() as ReleaseHeader,
        sample.releaseJson() as ReleaseJson,
        { ...sample.RELEASE_ROWS, kpm: [] },
        { key: sample.RELEASE_KEY },
      ),
      'SIKS_COUNTS',
    );
  });
});
