import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { RegionLevel } from '../regions/index.ts';
import type { Shape } from './boundaries.geometry.ts';

/** A shape to store for one region code. */
export interface BoundaryInput {
  code: string;
  level: RegionLevel;
  parentCode: string | null;
  geometry: Shape;
  bbox: [number, number, number, number];
  origin: 'DEMO' | 'LOAD';
  source: string | null;
  loadedBy: number | null;
}

// A multi-row insert per chunk: one statement for hundreds of shapes, well under the parameter limit.
const CHUNK = 500;

/** Stores shapes, replacing the earlier shape of a code (upsert); returns how many replaced one. */
export async function upsertBoundaries(tx: Db, rows: readonly BoundaryInput[]): Promise<number> {
  let replaced = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const existing = await tx
      .selectFrom('region_boundaries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(
        'code',
        'in',
        chunk.map((r) => r.code),
      )
      .executeTakeFirstOrThrow();
    replaced += Number(existing.n);
    await tx
      .insertInto('region_boundaries')
      .values(
        chunk.map((r) => ({
          code: r.code,
          level: r.level,
          parent_code: r.parentCode,
          geometry: JSON.stringify(r.geometry),
          west: r.bbox[0],
          south: r.bbox[1],
          east: r.bbox[2],
          north: r.bbox[3],
          origin: r.origin,
          source: r.source,
          loaded_by: r.loadedBy,
        })),
      )
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          level: eb.ref('excluded.level'),
          parent_code: eb.ref('excluded.parent_code'),
          geometry: eb.ref('excluded.geometry'),
          west: eb.ref('excluded.west'),
          south: eb.ref('excluded.south'),
          east: eb.ref('excluded.east'),
          north: eb.ref('excluded.north'),
          origin: eb.ref('excluded.origin'),
          source: eb.ref('excluded.source'),
          loaded_by: eb.ref('excluded.loaded_by'),
          loaded_at: sql`now()`,
        })),
      )
      .execute();
  }
  return replaced;
}

/** Which region a listing reads: the children of a parent (null: provinces), or one code. */
export type BoundarySelection = { parent: string | null } | { code: string };

function selected(db: Db, which: BoundarySelection) {
  const q = db.selectFrom('regions as r').innerJoin('region_boundaries as b', 'b.code', 'r.code');
  if ('code' in which) return q.where('r.code', '=', which.code);
  return which.parent === null ? q.where('r.parent_code', 'is', null) : q.where('r.parent_code', '=', which.parent);
}

/** The code and load time of every shape of a selection (what an ETag is made of), by code. */
export async function listBoundaryVersions(db: Db, which: BoundarySelection): Promise<{ code: string; loaded_at: Date }[]> {
  return selected(db, which).select(['r.code', 'b.loaded_at']).orderBy('r.code').execute();
}

/** The shapes of a selection with their region's name and level, by code. */
export async function listBoundaryShapes(db: Db, which: BoundarySelection) {
  return selected(db, which)
    .select(['r.code', 'r.name', 'r.level', 'b.geometry', 'b.west', 'b.south', 'b.east', 'b.north'])
    .orderBy('r.code')
    .execute();
}

/** The origin of a region's shape, or undefined when it has none. */
export async function boundaryOrigin(db: Db, code: string): Promise<'DEMO' | 'LOAD' | undefined> {
  const row = await db.selectFrom('region_boundaries').select('origin').where('code', '=', code).executeTakeFirst();
  return row?.origin;
}

/** Every shape of one level under a code prefix (a district's desa), by code. */
export async function listShapesUnder(db: Db, prefix: string, level: RegionLevel): Promise<{ code: string; geometry: Shape }[]> {
  const rows = await db
    .selectFrom('region_boundaries')
    .select(['code', 'geometry'])
    .where('code', 'like', `${prefix}%`)
    .where('level', '=', level)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code, geometry: r.geometry as unknown as Shape }));
}

/** Level and parent of each known code among `codes` (unknown codes are absent). */
export async function findRegionsByCode(db: Db, codes: readonly string[]) {
  const out = new Map<string, { level: RegionLevel; parent_code: string | null }>();
  for (let i = 0; i < codes.length; i += 5000) {
    const rows = await db
      .selectFrom('regions')
      .select(['code', 'level', 'parent_code'])
      .where('code', 'in', codes.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(r.code, { level: r.level, parent_code: r.parent_code });
  }
  return out;
}
