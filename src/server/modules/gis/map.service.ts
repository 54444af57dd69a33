import { sql, type Expression, type SqlBool } from 'kysely';
import { MAP_POINTS_CAP, MAP_POINTS_MIN_ZOOM, mapCellSize, type MapFiguresSchema, type MapPointsSchema } from '../../../shared/api/map.ts';
import type { RegionLevel } from '../../../shared/api/vocabulary.ts';
import { isNational } from '../../../shared/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { assertCan } from '../../platform/policy.ts';
import { inScope, listScope, regionInScope, type Actor } from '../../platform/scope.ts';
import { refreshDistrictFigures } from '../figures/index.ts';
import { currentQuotaPeriod } from '../programs/index.ts';
import { findRegion } from '../regions/index.ts';
import * as q from './map.queries.ts';
import type { z } from 'zod';

// The map (F14) reads aggregates for every role with registry:read, and household points only for
// roles that see personal data unmasked. A user sees an area when it lies in its scope or holds part
// of it (an operator of a kecamatan opens its district's map and sees only its kecamatan there);
// everything counted is limited to the scope, and anything else answers 404 like a missing region.

const CHILD_LEVEL: Record<number, RegionLevel> = { 0: 'provinsi', 2: 'kabkota', 4: 'kecamatan', 6: 'desa' };
const LEVEL_LENGTH: Record<RegionLevel, number> = { provinsi: 2, kabkota: 4, kecamatan: 6, desa: 10 };

/** Whether the actor may look at an area: it lies in the scope, or part of the scope lies in it. */
function sees(actor: Actor, code: string): boolean {
  return regionInScope(actor, code) || actor.regions.some((r) => r.startsWith(code));
}

/** The children of a level the actor may see: those inside its scope and those holding part of it. */
function visibleAreas(actor: Actor, level: RegionLevel): Expression<SqlBool> {
  if (isNational(actor.role)) return sql<SqlBool>`true`;
  const len = LEVEL_LENGTH[level];
  const wider = actor.regions.filter((r) => r.length <= len).map((r) => `${r}%`);
  const inside = actor.regions.filter((r) => r.length > len).map((r) => r.slice(0, len));
  if (wider.length === 0 && inside.length === 0) return sql<SqlBool>`false`;
  return sql<SqlBool>`(r.code like any(${wider}::text[]) or r.code = any(${inside}::text[]))`;
}

/** The region of a code the actor may see, or 404. */
async function visibleRegion(ctx: AppContext, actor: Actor, code: string) {
  if (!sees(actor, code)) throw notFound();
  const region = await findRegion(ctx.database.db, code);
  if (!region) throw notFound();
  return region;
}

export type MapFigures = z.input<typeof MapFiguresSchema>;

/**
 * The figures of the children of `parent` (the provinces when omitted): households, mean desil,
 * share in desil 1–4, waiting proposals, KPM and PBI quota use; one aggregate query, scoped.
 */
export async function getMapFigures(ctx: AppContext, actor: Actor, query: { parent?: string }): Promise<MapFigures> {
  assertCan(actor, 'registry:read');
  const prefix = query.parent ?? '';
  const region = prefix ? await visibleRegion(ctx, actor, prefix) : null;
  const level = CHILD_LEVEL[prefix.length]!;
  const db = ctx.database.db;
  const period = await currentQuotaPeriod(db);
  if (q.fromFigures(prefix)) await refreshDistrictFigures(ctx.database, prefix);
  const items = await q.areaFigures(db, {
    prefix,
    level,
    period,
    areas: visibleAreas(actor, level),
    // The district said once, on kab_kota (platform/scope.ts householdsInScope).
    households: listScope(actor),
  });
  return { parent: region && { code: region.code, name: region.name, level: region.level }, level, period, items };
}

export type MapPoints = z.input<typeof MapPointsSchema>;

/**
 * The located AKTIF households of a district in a viewport: single points (IDBDT, desil,
 * coordinates) from zoom 15 on when at most `cap` (5,000) fit, grid clusters otherwise. Unmasked roles only.
 */
export async function getMapPoints(
  ctx: AppContext,
  actor: Actor,
  query: { kab: string; bbox: [number, number, number, number]; zoom: number },
  /** The most single points (tests and benchmarks try a smaller one). */
  cap = MAP_POINTS_CAP,
): Promise<MapPoints> {
  assertCan(actor, 'registry:read');
  assertCan(actor, 'personal:unmasked');
  const region = await visibleRegion(ctx, actor, query.kab);
  if (region.level !== 'kabkota') throw notFound();
  const db = ctx.database.db;
  // A scope inside the district (an operator's kecamatan or desa) limits the households by their region.
  const households = regionInScope(actor, query.kab) ? null : inScope(actor, 'h.kode_wilayah');
  const v: q.ViewportInput = { kab: query.kab, bbox: query.bbox, households };
  const cellSize = mapCellSize(query.zoom);
  const base = { kab: query.kab, zoom: query.zoom, cellSize };
  if (query.zoom >= MAP_POINTS_MIN_ZOOM) {
    // One more than the cap tells "too many" without counting the viewport first.
    const points = await q.viewportPoints(db, v, cap + 1);
    if (points.length <= cap) return { ...base, kind: 'points', total: points.length, clusters: [], points };
  }
  const clusters = await q.viewportClusters(db, v, cellSize);
  return { ...base, kind: 'clusters', total: clusters.reduce((n, c) => n + c.count, 0), clusters, points: [] };
}
