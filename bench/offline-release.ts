// Builds a `.siksdb` release of generated households for the offline app's journey test and
// benchmark: the codec's Node writer (streaming), the demo generator, and the district's regions
// from idn-area-data. Not a production path: the online application makes real releases.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { generateHouseholds, districtBox } from '../src/server/modules/demo/index.ts';
import { parseCsvLine } from '../src/server/modules/regions/regions.loader.ts';
import { writeRelease } from '../src/server/platform/siks-node.ts';
import { newPackageKey, newReleaseKeyParams, type ReleaseHeader, type ReleaseJson } from '../src/shared/siks/index.ts';

export interface RegionRow {
  code: string;
  name: string;
  level: 'kabkota' | 'kecamatan' | 'desa';
  parent: string | null;
}

/** Regions of a district (kabkota, its kecamatan and desa), undotted codes, as regions.ndjson wants them. */
export function districtRegions(kab: string): RegionRow[] {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('idn-area-data/package.json')), 'data');
  const rows: RegionRow[] = [];
  const read = (file: string, level: RegionRow['level']) => {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/).slice(1)) {
      if (!line) continue;
      const [code, parent, name] = parseCsvLine(line);
      const c = code!.replaceAll('.', '');
      if (c.startsWith(kab) && (level !== 'kabkota' || c === kab))
        rows.push({ code: c, name: name!.trim(), level, parent: parent!.replaceAll('.', '') });
    }
  };
  read('regencies.csv', 'kabkota');
  read('districts.csv', 'kecamatan');
  read('villages.csv', 'desa');
  return rows;
}

export interface MadeRelease {
  file: string;
  releaseId: string;
  packageKey: string;
  households: Record<string, unknown>[];
  members: Record<string, unknown>[];
  regions: RegionRow[];
}

export interface ReleaseOptions {
  kab?: string;
  /** Households per list of desa codes, e.g. [{ desa: ['3174011001', '3174011002'], households: 30 }]. */
  parts: { desa: string[]; households: number }[];
  seed?: number;
  passphrase: string;
  file: string;
  /** idbdt of households to mark NONAKTIF (status only). */
  nonaktif?: (idbdt: string, i: number) => boolean;
  /** Keep the generated records in the result (small releases only). */
  keep?: boolean;
  /** Keep only the households (and their members) for which this is true, e.g. a sample for a benchmark. */
  sample?: (i: number) => boolean;
  /** Programme lists (kpm.ndjson, pbi.ndjson rows) and quotas of the release; empty lists and zero quotas without. */
  programmes?: (
    households: readonly Record<string, unknown>[],
    members: readonly Record<string, unknown>[],
  ) => { kpm: Record<string, unknown>[]; pbi: Record<string, unknown>[]; quota: ReleaseJson['quota'] };
}

/** Generates households and writes a sealed release; returns its id, packageKey and (optionally) records. */
export async function makeRelease(o: ReleaseOptions): Promise<MadeRelease> {
  const kab = o.kab ?? '3174';
  const regions = districtRegions(kab);
  const households: Record<string, unknown>[] = [];
  const members: Record<string, unknown>[] = [];
  const kept: { households: Record<string, unknown>[]; members: Record<string, unknown>[] } = {
    households: [],
    members: [],
  };
  let n = 0;
  for (const [pi, part] of o.parts.entries()) {
    const desa = part.desa.map((code) => ({ code, kecamatan: code.slice(0, 6) }));
    for (const g of generateHouseholds({
      desa,
      households: part.households,
      seed: (o.seed ?? 1) * 100 + pi,
      firstSerial: () => 1,
      box: districtBox(kab),
      today: '2025-07-01',
    })) {
      const h = g.household as unknown as Record<string, unknown>;
      if (o.nonaktif?.(String(h.idbdt), n)) h.status = 'NONAKTIF';
      households.push(h);
      for (const m of g.members) members.push(m as unknown as Record<string, unknown>);
      if (o.keep || o.sample?.(n)) {
        kept.households.push(h);
        for (const m of g.members) kept.members.push(m as unknown as Record<string, unknown>);
      }
      n++;
    }
  }
  const releaseId = randomUUID();
  const packageKey = newPackageKey();
  const lists = o.programmes?.(households, members) ?? { kpm: [], pbi: [], quota: { BPNT: 0, RASTRA: 0, PBI: 0 } };
  const counts = { households: households.length, members: members.length, kpm: lists.kpm.length, pbi: lists.pbi.length };
  const header: ReleaseHeader = {
    kind: 'release',
    formatVersion: 1,
    id: releaseId,
    createdAt: new Date().toISOString(),
    app: { name: 'siks-ng-test', version: '0.1.0' },
    kabKota: kab,
    period: '2026-07',
    key: newReleaseKeyParams(),
    counts,
  };
  const release: ReleaseJson = {
    releaseId,
    kabKota: kab,
    period: '2026-07',
    createdAt: header.createdAt,
    finalization: null,
    packageKey,
    dictionaryVersion: 1,
    counts,
    quota: lists.quota,
  };
  fs.mkdirSync(path.dirname(o.file), { recursive: true });
  await writeRelease(
    fs.createWriteStream(o.file),
    header,
    release,
    { regions, households, members, kpm: lists.kpm, pbi: lists.pbi },
    { passphrase: o.passphrase },
  );
  return { file: o.file, releaseId, packageKey, households: kept.households, members: kept.members, regions };
}
