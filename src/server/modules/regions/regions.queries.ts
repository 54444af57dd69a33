import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';

export type RegionLevel = 'provinsi' | 'kabkota' | 'kecamatan' | 'desa';
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
}

/** Number of regions per level. */
export async function countRegionsByLevel(db: Db): Promise<Record<RegionLevel, number>> {
  const rows = await db
    .selectFrom('regions')
    .select(['level', sql<number>`count(*)::int`.as('n')])
    .groupBy('level')
    .execute();
  const out: Record<RegionLevel, number> = { provinsi: 0, kabkota: 0, kecamatan: 0, desa: 0 };
  for (const r of rows) out[r.level] = r.n;
  return out;
}

/** One region, or undefined. */
export async function findRegion(db: Db, code: string): Promise<Region | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

/** The children of a region (or the provinces when `parent` is null), by code. */
export async function listChildRegions(db: Db, parent: string | null): Promise<Region[]> {
  let q = db.selectFrom('regions').selectAll().orderBy('code');
  q = parent === null ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', parent);
  return q.execute();
}

/** Every region under a code prefix (the subtree), at one level. */
export async function listRegionsUnder(db: Db, prefix: string, level: RegionLevel): Promise<Region[]> {
  return db.selectFrom('regions').selectAll().where('code', 'like', `${prefix}%`).where('level', '=', level).orderBy('code').execute();
}

/** A region and its ancestors, from the province down. */
export async function listRegionPath(db: Db, code: string): Promise<Region[]> {
  const prefixes = [2, 4, 6, 10].filter((n) => n <= code.length).map((n) => code.slice(0, n));
  return db.selectFrom('regions').selectAll().where('code', 'in', prefixes).orderBy('code').execute();
}
