import { describe, expect, it } from 'vitest';
import { writeRelease } from '../../shared/siks/browser.ts';
import { newReleaseKeyParams, newPackageKey, type ReleaseHeader, type ReleaseJson } from '../../shared/siks/index.ts';
import { validHousehold } from '../../shared/rules/test-fixtures.ts';
import { describeError, openRelease } from './importer.ts';
import { aktifList, householdsPerDesa, inAktifList, inScope, normalizeScope, regionsOf, scopeDesa, scopeLabel } from './release.ts';

const RELEASE_ID = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c';
const REGIONS = [
  { code: '3174', name: 'KOTA ADM. JAKARTA SELATAN', level: 'kabkota', parent: '31' },
  { code: '317401', name: 'Tebet', level: 'kecamatan', parent: '3174' },
  { code: '3174011001', name: 'Tebet Barat', level: 'desa', parent: '317401' },
  { code: '3174011002', name: 'Tebet Timur', level: 'desa', parent: '317401' },
  { code: '317402', name: 'Setiabudi', level: 'kecamatan', parent: '3174' },
  { code: '3174021001', name: 'Setiabudi', level: 'desa', parent: '317402' },
];

describe('scope', () => {
  it('keeps kecamatan and desa codes of the district, drops desa covered by a chosen kecamatan', () => {
    expect(normalizeScope(['3174011002', '317401', '3174021001', '3171011001', '31740', '3174021001'], '3174')).toEqual([
      '317401',
      '3174021001',
    ]);
    expect(inScope(['317401'], '3174011002')).toBe(true);
    expect(inScope(['3174021001'], '3174021002')).toBe(false);
    const regions = regionsOf(REGIONS);
    expect(scopeDesa(['317401'], regions)).toEqual(['3174011001', '3174011002']);
    expect(scopeLabel(['317401', '3174021001'], regions)).toBe('Tebet, Setiabudi');
  });

  it('the AKTIF list answers membership by binary search', () => {
    const hs = [
      { idbdt: '3174011001000003', status: 'AKTIF', kode_wilayah: '3174011001' },
      { idbdt: '3174011001000001', status: 'AKTIF', kode_wilayah: '3174011001' },
      { idbdt: '3174011001000002', status: 'NONAKTIF', kode_wilayah: '3174011001' },
      { idbdt: '3174021001000001', status: 'AKTIF', kode_wilayah: '3174021001' },
    ];
    const list = aktifList(hs);
    expect(list.length).toBe(48);
    expect(
      ['3174011001000001', '3174011001000002', '3174011001000003', '3174021001000001', '3174021001000009'].map((id) =>
        inAktifList(list, id),
      ),
    ).toEqual([true, false, true, true, false]);
    expect(householdsPerDesa(hs)).toEqual({ '3174011001': 2, '3174021001': 1 });
  });
});

describe('opening a release', () => {
  const header = (): ReleaseHeader => ({
    kind: 'release',
    formatVersion: 1,
    id: RELEASE_ID,
    createdAt: '2019-02-01T08:00:00+07:00',
    app: { name: 'siks-ng', version: '0.1.0' },
    kabKota: '3174',
    period: '2019-01',
    key: newReleaseKeyParams(),
    counts: { households: 1, members: 3, kpm: 0, pbi: 0 },
  });
  const json = (over: Partial<ReleaseJson> = {}): ReleaseJson => ({
    releaseId: RELEASE_ID,
    kabKota: '3174',
    period: '2019-01',
    createdAt: '2019-02-01T01:00:00Z',
    finalization: null,
    packageKey: newPackageKey(),
    dictionaryVersion: 1,
    counts: { households: 1, members: 3, kpm: 0, pbi: 0 },
    quota: { BPNT: 0, RASTRA: 0, PBI: 0 },
    ...over,
  });
  const rows = () => {
    const h = validHousehold();
    return { regions: REGIONS, households: [h.household], members: h.members, kpm: [], pbi: [] };
  };
  const PASS = 'sandi rilis jaksel 2019';

  it('opens with the passphrase, reporting scrypt progress, and summarises it for the scope chooser', async () => {
    const file = await writeRelease(header(), json(), rows(), { passphrase: PASS });
    const phases: string[] = [];
    const { info, content } = await openRelease(file, PASS, (p) => phases.push(p));
    expect(phases).toContain('kdf');
    expect(phases).toContain('decrypt');
    expect(info).toMatchObject({
      releaseId: RELEASE_ID,
      kabKota: '3174',
      period: '2019-01',
      perDesa: { '3174011001': 1 },
    });
    expect(info.regions.map((r) => r.code)).toContain('317401');
    expect(content.members).toHaveLength(3);
  }, 30_000);

  it('a wrong passphrase gives the codec message and nothing', async () => {
    const file = await writeRelease(header(), json(), rows(), { passphrase: PASS });
    const err = await openRelease(file, 'sandi yang salah sekali', () => {}).catch((e: unknown) => e);
    const d = describeError(err);
    expect(d.code).toBe('SIKS_AUTH');
    expect(d.messages.id).toMatch(/rusak|diubah/);
    const damaged = file.slice();
    damaged[damaged.length - 20]! ^= 1;
    expect(describeError(await openRelease(damaged, PASS, () => {}).catch((e: unknown) => e)).code).toBe('SIKS_AUTH');
  }, 30_000);

  it('refuses a release of another dictionary version', async () => {
    const file = await writeRelease(header(), json({ dictionaryVersion: 2 }), rows(), { passphrase: PASS });
    const d = describeError(await openRelease(file, PASS, () => {}).catch((e: unknown) => e));
    expect(d.code).toBe('DICTIONARY_VERSION');
    expect(d.messages.id).toMatch(/kamus data versi 2/);
  }, 30_000);
});
