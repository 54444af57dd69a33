// Region shapes (F14): the shapes of a region's children for the map, Pusdatin's load of boundary
// files (checked whole before anything is stored, simplified for display, upserted per code in one
// transaction), and the generated shapes and household points of demo districts.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { BoundaryCollectionSchema, BoundaryListQuerySchema, BoundaryLoadResultSchema } from '../../../shared/api/boundaries.ts';
import { type AuditActor, recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { type Actor, regionInScope } from '../../platform/scope.ts';
import { findRegion, listRegionsUnder, type RegionLevel } from '../regions/index.ts';
import { type DemoBox, demoDistrictShapes, type Random, unionShapes } from './boundaries.demo.ts';
import {
  type Bbox,
  bboxOf,
  codeProperty,
  geometryProblem,
  mergeShapes,
  normaliseRegionCode,
  pointPlacer,
  type Shape,
  simplifyForDisplay,
  unionBbox,
} from './boundaries.geometry.ts';
import * as q from './boundaries.queries.ts';
import { readBoundaryFile } from './boundaries.read.ts';

type Collection = z.input<typeof BoundaryCollectionSchema>;
type LoadResult = z.output<typeof BoundaryLoadResultSchema>;

// A region is drawn for an actor when it lies inside the scope or is an ancestor of a scope region
// (the same rule as the region list: a supervisor sees its province's outline, not its siblings).
const visible = (actor: Actor, code: string) => regionInScope(actor, code) || actor.regions.some((r) => r.startsWith(code));

/** listBoundaries' answer: the ETag of the shapes, and the collection unless the caller's copy (If-None-Match) is current. */
export interface BoundaryAnswer {
  etag: string;
  collection: Collection | null;
}

/**
 * The shapes of the children of `parent` (provinces when empty), or of `code` alone, that the actor
 * may see, as a GeoJSON FeatureCollection; 404 for a region outside the scope or not in the list.
 */
export async function listBoundaries(
  ctx: AppContext,
  actor: Actor,
  query: z.output<typeof BoundaryListQuerySchema>,
  ifNoneMatch?: string,
): Promise<BoundaryAnswer> {
  assertCan(actor, 'registry:read');
  const { db } = ctx.database;
  const target = query.code ?? (query.parent || null);
  if (target !== null && (!visible(actor, target) || !(await findRegion(db, target)))) throw notFound();
  const which: q.BoundarySelection = query.code ? { code: query.code } : { parent: target };
  const versions = (await q.listBoundaryVersions(db, which)).filter((v) => visible(actor, v.code));
  const hash = createHash('sha256').update(JSON.stringify(which));
  for (const v of versions) hash.update(`|${v.code}@${new Date(v.loaded_at).getTime()}`);
  const etag = `"${hash.digest('base64url').slice(0, 27)}"`;
  if (ifNoneMatch?.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return { etag, collection: null };
  const rows = (await q.listBoundaryShapes(db, which)).filter((r) => visible(actor, r.code));
  return {
    etag,
    collection: {
      type: 'FeatureCollection',
      bbox: unionBbox(rows.map((r) => [r.west, r.south, r.east, r.north] as Bbox)),
      features: rows.map((r) => ({
        type: 'Feature' as const,
        id: r.code,
        properties: { code: r.code, name: r.name, level: r.level },
        geometry: r.geometry as unknown as Shape,
      })),
    },
  };
}

// ---------------------------------------------------------------- loading a boundary file

/** A user of the API, or the machine's administrator at the command line (CLI_ACTOR, no verb check). */
export type BoundaryActor = Actor | AuditActor;
const auditActorOf = (by: BoundaryActor): AuditActor => ('userId' in by ? { id: by.userId, username: by.username } : by);

/** A boundary file to load: its name (kept as the shapes' source) and bytes. */
export interface BoundaryFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Checks that the actor may load boundaries, before the upload is read (403 for a role without the verb). */
export function assertCanLoadBoundaries(by: BoundaryActor): void {
  if ('userId' in by) assertCan(by, 'boundary:load');
}

/**
 * Loads a boundary file: features grouped by their Kemendagri code (pieces of one code become one
 * MultiPolygon), codes not in the region list reported and left out, every other geometry checked
 * (one invalid geometry refuses the whole file, naming its code), simplified per level and upserted
 * with the region's level and parent, in one transaction with one log entry.
 */
export async function loadBoundaries(ctx: AppContext, by: BoundaryActor, file: BoundaryFile): Promise<LoadResult> {
  assertCanLoadBoundaries(by);
  const source = file.fileName.trim().slice(0, 255) || 'boundaries';
  const features = await readBoundaryFile(file.bytes);
  const pieces = new Map<string, unknown[]>();
  const unknown = new Set<string>();
  let withoutCode = 0;
  for (const f of features) {
    const raw = codeProperty(f.properties);
    if (raw === undefined) {
      withoutCode++;
      continue;
    }
    const code = normaliseRegionCode(raw);
    if (code === null) unknown.add(String(raw).trim().slice(0, 40));
    else {
      const list = pieces.get(code);
      if (list) list.push(f.geometry);
      else pieces.set(code, [f.geometry]);
    }
  }
  const { database } = ctx;
  const regions = await q.findRegionsByCode(database.db, [...pieces.keys()]);
  const rows: q.BoundaryInput[] = [];
  const byLevel: Record<RegionLevel, number> = { provinsi: 0, kabkota: 0, kecamatan: 0, desa: 0 };
  for (const [code, geometries] of pieces) {
    const region = regions.get(code);
    if (!region) {
      unknown.add(code);
      continue;
    }
    for (const g of geometries) {
      const problem = geometryProblem(g);
      if (problem)
        throw new AppError(
          'BOUNDARY_GEOMETRY_INVALID',
          { code, problem: problem.en },
          {
            id: `Geometri batas wilayah ${code} tidak valid: ${problem.id}. Tidak ada batas yang dimuat.`,
            en: `The boundary geometry of ${code} is invalid: ${problem.en}. No boundary was loaded.`,
          },
        );
    }
    const geometry = simplifyForDisplay(mergeShapes(geometries as Shape[]), region.level);
    byLevel[region.level]++;
    rows.push({
      code,
      level: region.level,
      parentCode: region.parent_code,
      geometry,
      bbox: bboxOf(geometry),
      origin: 'LOAD',
      source,
      loadedBy: auditActorOf(by).id,
    });
  }
  const result = {
    source,
    features: features.length,
    loaded: rows.length,
    replaced: 0,
    byLevel,
    unknownCodes: [...unknown].sort(),
    withoutCode,
  };
  if (rows.length === 0) return result;
  result.replaced = await database.transaction(async (tx) => {
    const replaced = await q.upsertBoundaries(tx, rows);
    const levels = Object.entries(byLevel)
      .filter(([, n]) => n > 0)
      .map(([level, n]) => `${n} ${level}`)
      .join(', ');
    await recordAudit(tx, {
      actor: auditActorOf(by),
      action: 'BOUNDARY_LOAD',
      text: {
        id: `Memuat ${rows.length} batas wilayah (${levels}) dari ${source}; ${result.unknownCodes.length} kode tidak dikenal`,
        en: `Loaded ${rows.length} region boundaries (${levels}) from ${source}; ${result.unknownCodes.length} unknown codes`,
      },
      details: { source, loaded: rows.length, replaced, byLevel, unknownCodes: result.unknownCodes.slice(0, 100), withoutCode },
    });
    return replaced;
  });
  return result;
}

// ---------------------------------------------------------------- demo districts

/**
 * Gives a demo district generated shapes unless it has a shape already (a loaded one is never
 * overwritten): its outline, kecamatan and desa (origin DEMO), and its province drawn as the union
 * of the province's district shapes unless the province has a loaded shape. Returns the shapes stored.
 */
export async function ensureDemoBoundaries(tx: Db, kab: string, box: DemoBox, next: Random): Promise<number> {
  if (await q.boundaryOrigin(tx, kab)) return 0;
  const district = await findRegion(tx, kab);
  if (!district) return 0;
  const kecamatan = await listRegionsUnder(tx, kab, 'kecamatan');
  const desa = await listRegionsUnder(tx, kab, 'desa');
  const shapes = demoDistrictShapes(
    { box, kecamatan: kecamatan.map((k) => ({ code: k.code, desa: desa.filter((d) => d.parent_code === k.code).map((d) => d.code) })) },
    next,
  );
  const row = (code: string, level: RegionLevel, parentCode: string | null, geometry: Shape): q.BoundaryInput => ({
    code,
    level,
    parentCode,
    geometry,
    bbox: bboxOf(geometry),
    origin: 'DEMO',
    source: 'demo',
    loadedBy: null,
  });
  const rows = [row(kab, 'kabkota', district.parent_code, shapes.district)];
  for (const k of kecamatan) {
    const s = shapes.kecamatan.get(k.code);
    if (s) rows.push(row(k.code, 'kecamatan', kab, s));
  }
  for (const d of desa) {
    const s = shapes.desa.get(d.code);
    if (s) rows.push(row(d.code, 'desa', d.parent_code, s));
  }
  const province = district.parent_code;
  if (province && (await q.boundaryOrigin(tx, province)) !== 'LOAD') {
    const others = (await q.listShapesUnder(tx, province, 'kabkota')).filter((s) => s.code !== kab).map((s) => s.geometry);
    const union = unionShapes([shapes.district, ...others]);
    if (union) rows.push(row(province, 'provinsi', null, union));
  }
  await q.upsertBoundaries(tx, rows);
  return rows.length;
}

/**
 * Places households of a district inside their desa's shape (whatever its origin): a function of
 * the desa code and a seeded random source giving [lng, lat], or null for a desa without a shape.
 */
export async function householdPlacer(tx: Db, kab: string): Promise<(desa: string, next: Random) => [number, number] | null> {
  return pointPlacer(await desaShapes(tx, kab));
}

/** The desa shapes of a district (for a placer built elsewhere, e.g. in the demo seeder's generation thread). */
export async function desaShapes(tx: Db, kab: string): Promise<{ code: string; geometry: Shape }[]> {
  return q.listShapesUnder(tx, kab, 'desa');
}
