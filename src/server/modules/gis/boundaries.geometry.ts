// Pure geometry of region shapes (no I/O): reading the Kemendagri code of a feature, checking a
// geometry, simplifying it for display, its bbox, and points inside it. Coordinates are GeoJSON
// [longitude, latitude] in WGS84.
import kinks from '@turf/kinks';
import simplify from '@turf/simplify';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { RegionLevel } from '../regions/index.ts';

/** A region shape as stored: a GeoJSON Polygon or MultiPolygon. */
export type Shape = Polygon | MultiPolygon;
/** [west, south, east, north]. */
export type Bbox = [number, number, number, number];

/**
 * The feature properties a Kemendagri code is read from, most specific first (compared without
 * case): our own `kode`/`code`, the common `kode_wilayah`/`kode_kemendagri`, and the BIG (RBI)
 * columns KDEPUM (desa), KDCPUM (kecamatan), KDPKAB (kabupaten/kota), KDPPUM (provinsi).
 */
export const CODE_PROPERTIES = ['kode', 'code', 'kode_wilayah', 'kode_kemendagri', 'kdepum', 'kdcpum', 'kdpkab', 'kdppum'] as const;

/**
 * A Kemendagri code as written in boundary files made one form: `32.04.01.2001`, `32 04`, `3204`
 * (or the number 3204) → `3204012001`, `3204`; null when it is no region code (2, 4, 6 or 10 digits).
 */
export function normaliseRegionCode(raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const code = String(raw).replace(/[.\s-]/g, '');
  return /^(?:[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$/.test(code) ? code : null;
}

/** The raw code of a feature's properties (the first of CODE_PROPERTIES that is present), or undefined. */
export function codeProperty(properties: Record<string, unknown> | null | undefined): unknown {
  if (!properties) return undefined;
  const byName = new Map(Object.entries(properties).map(([k, v]) => [k.toLowerCase(), v]));
  for (const name of CODE_PROPERTIES) {
    const v = byName.get(name);
    if (v !== undefined && v !== null && String(v).trim() !== '') return v;
  }
  return undefined;
}

/** Why a geometry cannot be a region shape, in both languages; null when it can. */
export type GeometryProblem = { id: string; en: string } | null;

const isPosition = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]);

// Consecutive repeated vertices are common in digitised files and harmless, but a zero-length
// segment looks like a crossing to the segment test: they are dropped before checking.
function withoutRepeats(ring: readonly Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push([p[0]!, p[1]!]);
  }
  return out;
}

function ringProblem(ring: unknown): GeometryProblem {
  if (!Array.isArray(ring) || !ring.every(isPosition))
    return { id: 'koordinat bukan pasangan angka', en: 'coordinates are not pairs of numbers' };
  if (ring.some(([lng, lat]) => lng! < -180 || lng! > 180 || lat! < -90 || lat! > 90))
    return { id: 'koordinat di luar rentang bujur/lintang', en: 'coordinates out of the longitude/latitude range' };
  if (ring.length < 4) return { id: 'cincin dengan kurang dari 4 titik', en: 'a ring with fewer than 4 positions' };
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return { id: 'cincin tidak tertutup', en: 'an unclosed ring' };
  const clean = withoutRepeats(ring);
  if (clean.length < 4) return { id: 'cincin dengan kurang dari 4 titik', en: 'a ring with fewer than 4 positions' };
  // Ring by ring: a crossing inside one ring is what breaks drawing and point-in-area tests.
  if (ringCrossesItself(clean)) return { id: 'batas memotong dirinya sendiri', en: 'the boundary intersects itself' };
  return null;
}

/** Rings up to this many positions are checked by @turf/kinks (every pair of segments); longer ones by a sweep. */
export const KINKS_MAX_POSITIONS = 2000;

/**
 * Whether a closed ring (no repeated consecutive positions) crosses or touches itself anywhere but
 * at the joints of neighbouring segments. @turf/kinks compares every pair of segments, which takes
 * seconds from about 10,000 positions (a detailed district outline has far more): a longer ring
 * is checked by sort and sweep, comparing only segments whose x-ranges overlap, with kinks' test.
 */
export function ringCrossesItself(ring: readonly Position[], kinksUpTo = KINKS_MAX_POSITIONS): boolean {
  if (ring.length <= kinksUpTo) return kinks({ type: 'Polygon', coordinates: [ring as Position[]] }).features.length > 0;
  const n = ring.length - 1; // segments; segment i runs from ring[i] to ring[i + 1]
  const order = Array.from({ length: n }, (_, i) => i);
  const minX = (i: number) => Math.min(ring[i]![0]!, ring[i + 1]![0]!);
  const maxX = (i: number) => Math.max(ring[i]![0]!, ring[i + 1]![0]!);
  order.sort((a, b) => minX(a) - minX(b));
  for (let oi = 0; oi < n; oi++) {
    const i = order[oi]!;
    const iMax = maxX(i);
    const [ax, ay] = ring[i]!;
    const [bx, by] = ring[i + 1]!;
    for (let oj = oi + 1; oj < n && minX(order[oj]!) <= iMax; oj++) {
      const j = order[oj]!;
      const gap = Math.abs(i - j);
      if (gap === 1 || gap === n - 1) continue; // neighbours share a joint (the first and last segment too)
      const [cx, cy] = ring[j]!;
      const [dx, dy] = ring[j + 1]!;
      if (Math.max(cy!, dy!) < Math.min(ay!, by!) || Math.min(cy!, dy!) > Math.max(ay!, by!)) continue;
      if (segmentsMeet(ax!, ay!, bx!, by!, cx!, cy!, dx!, dy!)) return true;
    }
  }
  return false;
}

// The segment test of @turf/kinks: non-parallel segments whose lines meet within both (ends included).
function segmentsMeet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const denominator = (dy - cy) * (bx - ax) - (dx - cx) * (by - ay);
  if (denominator === 0) return false;
  const a = ((dx - cx) * (ay - cy) - (dy - cy) * (ax - cx)) / denominator;
  const b = ((bx - ax) * (ay - cy) - (by - ay) * (ax - cx)) / denominator;
  return a >= 0 && a <= 1 && b >= 0 && b <= 1;
}

/** Checks a geometry: Polygon or MultiPolygon, coordinates in range, rings of 4+ positions, closed, without self-intersection. */
export function geometryProblem(geometry: unknown): GeometryProblem {
  const g = geometry as { type?: unknown; coordinates?: unknown } | null;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon'))
    return { id: 'geometri bukan Polygon atau MultiPolygon', en: 'the geometry is not a Polygon or MultiPolygon' };
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return { id: 'geometri tanpa koordinat', en: 'the geometry has no coordinates' };
  for (const rings of polygons) {
    if (!Array.isArray(rings) || rings.length === 0) return { id: 'poligon tanpa cincin', en: 'a polygon without rings' };
    for (const ring of rings) {
      const problem = ringProblem(ring);
      if (problem) return problem;
    }
  }
  return null;
}

/** The polygons of a shape (a Polygon is one). */
export function polygonsOf(shape: Shape): Position[][][] {
  return shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
}

/** One shape of several (the pieces of a desa split over several features): a MultiPolygon of all their polygons, or the one Polygon. */
export function mergeShapes(shapes: readonly Shape[]): Shape {
  if (shapes.length === 1) return shapes[0]!;
  return { type: 'MultiPolygon', coordinates: shapes.flatMap(polygonsOf) };
}

/** Simplification tolerance per level, in degrees (~110 km per degree): coarser for larger areas, below a pixel at the zoom each is seen. */
export const SIMPLIFY_TOLERANCE: Readonly<Record<RegionLevel, number>> = {
  provinsi: 0.005,
  kabkota: 0.002,
  kecamatan: 0.0007,
  desa: 0.0002,
};

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function roundShape(shape: Shape): Shape {
  const polygons = polygonsOf(shape).map((rings) => rings.map((ring) => withoutRepeats(ring.map(([x, y]) => [round6(x!), round6(y!)]))));
  return shape.type === 'Polygon' ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

const isSound = (shape: Shape) => geometryProblem(shape) === null;

/**
 * The shape for display: simplified (Douglas-Peucker, turf) at the level's tolerance, coordinates
 * rounded to 6 decimals (~0.1 m). Simplifying does not keep topology, so a result that crosses
 * itself is retried at a quarter of the tolerance, and the (rounded) original kept if that fails too.
 */
export function simplifyForDisplay(shape: Shape, level: RegionLevel): Shape {
  for (const tolerance of [SIMPLIFY_TOLERANCE[level], SIMPLIFY_TOLERANCE[level] / 4]) {
    const simple = roundShape(simplify(shape, { tolerance, highQuality: false, mutate: false }));
    if (isSound(simple)) return simple;
  }
  return roundShape(shape);
}

/** [west, south, east, north] of a shape. */
export function bboxOf(shape: Shape): Bbox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const rings of polygonsOf(shape))
    for (const [x, y] of rings[0] ?? []) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  return [w, s, e, n];
}

/** The bbox around several (null for none). */
export function unionBbox(boxes: readonly Bbox[]): Bbox | null {
  if (boxes.length === 0) return null;
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** Whether [lng, lat] lies inside a shape (even-odd over every ring, so holes are outside). */
export function containsPoint(shape: Shape, lng: number, lat: number): boolean {
  for (const rings of polygonsOf(shape)) {
    let inside = false;
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi! > lat !== yj! > lat && lng < ((xj! - xi!) * (lat - yi!)) / (yj! - yi!) + xi!) inside = !inside;
      }
    if (inside) return true;
  }
  return false;
}

/**
 * A uniformly random point inside a shape: drawn in its bbox until one falls inside (rejection
 * sampling); `next` is the caller's seeded [0,1) source, so the points repeat per seed. Null after
 * `tries` misses (a sliver of a shape).
 */
/** A placer over desa shapes: a random point inside the shape of the given desa, or null for a desa without one. */
export function pointPlacer(
  shapes: readonly { code: string; geometry: Shape }[],
): (desa: string, next: () => number) => [number, number] | null {
  const byCode = new Map(shapes.map((s) => [s.code, { shape: s.geometry, box: bboxOf(s.geometry) }]));
  return (desa, next) => {
    const s = byCode.get(desa);
    return s ? randomPointIn(s.shape, next, s.box) : null;
  };
}

export function randomPointIn(shape: Shape, next: () => number, box: Bbox = bboxOf(shape), tries = 200): [number, number] | null {
  const [w, s, e, n] = box;
  for (let i = 0; i < tries; i++) {
    const lng = round6(w + (e - w) * next());
    const lat = round6(s + (n - s) * next());
    if (containsPoint(shape, lng, lat)) return [lng, lat];
  }
  return null;
}
