import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handFileKey, handOpen } from '../../../test/fixtures/siks/hand-zip.ts';
import { validHousehold } from '../../shared/rules/test-fixtures.ts';
import { packageKeyProvider, readPackage } from '../../shared/siks/browser.ts';
import { buildPackage } from './exporter.ts';
import { proposalViolations } from './format-check.ts';
import { uuidV4 } from './ids.ts';
import {
  MAX_MEDIA_BYTES,
  MAX_MEDIA_PER_PACKAGE,
  type MediaRecord,
  mediaEntryName,
  packageMedia,
  referencedMedia,
  scaledSize,
  sha256Hex,
  withMedia,
} from './media.ts';
import type { ReleaseMeta } from './model.ts';
import { type BaseRecord, buildPerbaikan, buildUsulanBaru, editStateFrom } from './proposals.ts';
import { releaseMeta, storedDraft as draft, verval } from './test-fixtures.ts';

const PACKAGE_KEY = new Uint8Array(32).map((_, i) => (i * 11 + 5) & 0xff);
const META: ReleaseMeta = releaseMeta(PACKAGE_KEY);

/** Bytes that start like a JPEG, as the canvas writes one. */
function jpeg(seed: number, size = 300): Uint8Array {
  const b = new Uint8Array(size).map((_, i) => (i * 31 + seed) & 0xff);
  b.set([0xff, 0xd8, 0xff, 0xe0], 0);
  return b;
}
const hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const record = (bytes: Uint8Array): MediaRecord => ({
  sha256: hex(bytes),
  type: 'image/jpeg',
  size: bytes.length,
  bytes,
  createdAt: '2019-02-11T10:00:00+07:00',
});

describe('photos: the pure parts', () => {
  it('names a photo media/<sha256>.jpg (or .png) and refuses anything but a SHA-256', () => {
    const sha = 'ab'.repeat(32);
    expect(mediaEntryName(sha, 'image/jpeg')).toBe(`media/${sha}.jpg`);
    expect(mediaEntryName(sha, 'image/png')).toBe(`media/${sha}.png`);
    expect(mediaEntryName(sha, 'image/jpeg')).toMatch(/^media\/[0-9a-f]{64}\.(jpg|png)$/);
    expect(() => mediaEntryName('AB'.repeat(32), 'image/jpeg')).toThrow();
    expect(() => mediaEntryName('ab', 'image/jpeg')).toThrow();
  });

  it('scales the longest side to at most 1600 px, keeping the shape, never enlarging', () => {
    expect(scaledSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(scaledSize(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(scaledSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(scaledSize(1601, 1)).toEqual({ width: 1600, height: 1 });
  });

  it('hashes with Web Crypto exactly as node:crypto does', async () => {
    const b = jpeg(1);
    expect(await sha256Hex(b)).toBe(hex(b));
  });

  it('adds a photo once per tag and lists the photos of proposals once each', () => {
    const a = { sha256: 'a'.repeat(64), tag: 'foto_rumah' as const };
    const list = withMedia(withMedia([], a), a);
    expect(list).toEqual([a]);
    expect(withMedia(list, { ...a, tag: 'foto_ktp' })).toHaveLength(2);
    expect(referencedMedia([{ media: [a, { ...a, tag: 'foto_ktp' }] }, { media: [] }, {}])).toEqual([a.sha256]);
  });

  it('keeps a package within the limits of siks-format.md 3: at most 2,000 photos, 2 MiB each, every one stored', () => {
    const ok = record(jpeg(2));
    const stored = new Map([[ok.sha256, ok]]);
    const one = [{ media: [{ sha256: ok.sha256, tag: 'foto_rumah' as const }] }];
    expect(packageMedia(one, stored)).toEqual({ entries: [{ name: `media/${ok.sha256}.jpg`, sha256: ok.sha256 }], bytes: ok.size });
    expect(() => packageMedia([{ media: [{ sha256: 'c'.repeat(64), tag: 'foto_kk' }] }], stored)).toThrow(/not stored/);
    const big = { ...ok, sha256: 'd'.repeat(64), size: MAX_MEDIA_BYTES + 1 };
    expect(() => packageMedia([{ media: [{ sha256: big.sha256, tag: 'foto_rumah' }] }], new Map([[big.sha256, big]]))).toThrow(/2 MiB/);
    const many = Array.from({ length: MAX_MEDIA_PER_PACKAGE + 1 }, (_, i) => ({
      sha256: i.toString(16).padStart(64, '0'),
      tag: 'foto_rumah' as const,
    }));
    const all = new Map(many.map((m) => [m.sha256, { ...ok, sha256: m.sha256 }]));
    expect(() => packageMedia([{ media: many }], all)).toThrow(/at most 2000/);
    expect(packageMedia([{ media: many.slice(0, MAX_MEDIA_PER_PACKAGE) }], all).entries).toHaveLength(MAX_MEDIA_PER_PACKAGE);
  });
});

describe('photos in the export', () => {
  it('writes media/<sha256>.jpg entries and the proposals media arrays as the format page says', async () => {
    const base = validHousehold() as unknown as BaseRecord;
    base.household.version = 2;
    const house = record(jpeg(3));
    const ktp = record(jpeg(4, 500));
    const e = editStateFrom(base);
    e.household.lantai = 9;
    const p1 = buildPerbaikan(base, e, verval(), {
      proposalId: uuidV4(),
      createdAt: '2019-02-11T10:00:00+07:00',
      media: [
        { sha256: house.sha256, tag: 'foto_rumah' },
        { sha256: ktp.sha256, tag: 'foto_ktp' },
      ],
    });
    const e3 = editStateFrom(null);
    for (const k of Object.keys(e3.household)) e3.household[k] = (base.household as Record<string, unknown>)[k] ?? null;
    e3.members = editStateFrom(base).members.map((m, i) => ({ key: `n${i}`, tempId: `a${i + 1}`, fields: { ...m.fields } }));
    // The same house photo in a second proposal goes into the package once.
    const p2 = buildUsulanBaru(e3, {
      proposalId: uuidV4(),
      createdAt: '2019-02-11T10:00:00+07:00',
      media: [{ sha256: house.sha256, tag: 'foto_rumah' }],
    });
    const built = await buildPackage(META, [draft(p1, 1), draft(p2, 2)], new Set(), {
      media: new Map([
        [house.sha256, house],
        [ktp.sha256, ktp],
      ]),
    });
    expect(built.media).toEqual({ count: 2, bytes: house.size + ktp.size });
    const hand = handOpen(built.bytes, handFileKey(PACKAGE_KEY, built.header.id, 'package'));
    expect([...hand.entries.keys()].sort()).toEqual(['proposals.ndjson', `media/${house.sha256}.jpg`, `media/${ktp.sha256}.jpg`].sort());
    expect(hex(hand.entries.get(`media/${ktp.sha256}.jpg`)!)).toBe(ktp.sha256);
    const content = await readPackage(
      built.bytes,
      packageKeyProvider((id) => (id === META.releaseId ? META.packageKey : undefined)),
    );
    const [l1, l2] = content.proposals as { media: unknown }[];
    expect(l1!.media).toEqual([
      { sha256: house.sha256, tag: 'foto_rumah' },
      { sha256: ktp.sha256, tag: 'foto_ktp' },
    ]);
    expect(l2!.media).toEqual([{ sha256: house.sha256, tag: 'foto_rumah' }]);
    expect(proposalViolations(l1)).toEqual([]);
    expect(content.media.size).toBe(2);
  });

  it('refuses to export a proposal whose photo is no longer on the device', async () => {
    const base = validHousehold() as unknown as BaseRecord;
    const e = editStateFrom(base);
    e.household.lantai = 9;
    const p = buildPerbaikan(base, e, verval(), {
      proposalId: uuidV4(),
      createdAt: '2019-02-11T10:00:00+07:00',
      media: [{ sha256: 'e'.repeat(64), tag: 'foto_rumah' }],
    });
    await expect(buildPackage(META, [draft(p, 1)], new Set(), { media: new Map() })).rejects.toThrow(/not stored/);
  });
});
