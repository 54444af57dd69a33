// Generated shapes of a demo district, so that the map works on first start with no download: an
// irregular outline inside the district's box, kecamatan as Voronoi cells of generated centres
// clipped to it, and desa as Voronoi cells of centres inside each kecamatan, clipped to their
// kecamatan. Pure: deterministic for a given random source.
import { Delaunay } from 'd3-delaunay';
import polygonClipping, { type MultiPolygon as ClipMultiPolygon, type Pair, type Polygon as ClipPolygon } from 'polygon-clipping';
import type { Polygon } from 'geojson';
import { bboxOf, containsPoint, type Shape } from './boundaries.geometry.ts';

/** A seeded uniform [0, 1) source (the demo generator's Rng), so that the shapes repeat per district. */
export type Random = () => number;

/** A lat/lng rectangle (the demo generator's district box). */
export interface DemoBox {
  latMin: number;
  latMax: number;
  lngMin: number;
  lngMax: number;
}

/** The kecamatan of a district with their desa codes. */
export interface DemoDistrictInput {
  box: DemoBox;
  kecamatan: readonly { code: string; desa: readonly string[] }[];
}

/** Generated shapes by region code: the district's outline, each kecamatan and each desa. */
export interface DemoDistrictShapes {
  district: Polygon;
  kecamatan: Map<string, Shape>;
  desa: Map<string, Shape>;
}

const OUTLINE_VERTICES = 60;
const CANDIDATES = 10;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * An irregular closed ring inside the box: star-shaped around the box's centre (so it cannot cross
 * itself), its radius a sum of a few smooth waves with random phases, counter-clockwise.
 */
export function demoOutline(box: DemoBox, next: Random): Polygon {
  const cx = (box.lngMin + box.lngMax) / 2;
  const cy = (box.latMin + box.latMax) / 2;
  const rx = ((box.lngMax - box.lngMin) / 2) * 0.95;
  const ry = ((box.latMax - box.latMin) / 2) * 0.95;
  const waves = [2, 3, 5, 7].map((k) => ({ k, phase: next() * 2 * Math.PI, amp: next() / k }));
  const ampTotal = waves.reduce((s, w) => s + w.amp, 0);
  const ring: Pair[] = [];
  for (let i = 0; i < OUTLINE_VERTICES; i++) {
    const a = (2 * Math.PI * i) / OUTLINE_VERTICES;
    const wave = waves.reduce((s, w) => s + w.amp * Math.sin(w.k * a + w.phase), 0) / ampTotal; // in [-1, 1]
    const r = 0.78 + 0.2 * wave + 0.02 * (next() - 0.5);
    ring.push([round6(cx + rx * r * Math.cos(a)), round6(cy + ry * r * Math.sin(a))]);
  }
  ring.push([...ring[0]!]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** `n` well-spread points inside a shape (best of a few random candidates each: the farthest from those chosen). */
function spreadPoints(shape: Shape, n: number, next: Random): Pair[] {
  const [w, s, e, north] = bboxOf(shape);
  const points: Pair[] = [];
  const inside = (): Pair | null => {
    for (let t = 0; t < 500; t++) {
      const p: Pair = [w + (e - w) * next(), s + (north - s) * next()];
      if (containsPoint(shape, p[0], p[1])) return p;
    }
    return null;
  };
  for (let i = 0; i < n; i++) {
    let best: Pair | null = null;
    let bestDistance = -1;
    for (let c = 0; c < CANDIDATES; c++) {
      const p = inside();
      if (!p) continue;
      const d = points.reduce((m, q) => Math.min(m, (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2), Infinity);
      if (d > bestDistance) [best, bestDistance] = [p, d];
    }
    // A sliver too thin to hit: nudge the last centre so that every code still gets a cell.
    points.push(best ?? [(w + e) / 2 + i * 1e-7, (s + north) / 2]);
  }
  return points;
}

/** Voronoi cells of `sites`, each clipped to `area`, as GeoJSON shapes (null for a cell the clip leaves empty). */
export function clippedVoronoi(sites: readonly Pair[], area: Shape): (Shape | null)[] {
  const [w, s, e, n] = bboxOf(area);
  const pad = Math.max(e - w, n - s);
  const clip = toClip(area);
  if (sites.length === 1) return [fromClip(polygonClipping.intersection(clip))];
  const voronoi = Delaunay.from(sites).voronoi([w - pad, s - pad, e + pad, n + pad]);
  return sites.map((_, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) return null;
    const ring = cell.map(([x, y]) => [x, y] as Pair);
    return fromClip(polygonClipping.intersection([ring], clip));
  });
}

function toClip(shape: Shape): ClipMultiPolygon {
  const polygons = shape.type === 'Polygon' ? [shape.coordinates] : shape.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.map(([x, y]) => [x!, y!] as Pair)));
}

/** A polygon-clipping result as a GeoJSON shape with coordinates rounded to 6 decimals (null when empty). */
export function fromClip(result: ClipMultiPolygon): Shape | null {
  const polygons = result
    .map((rings: ClipPolygon) =>
      rings.map((ring) => {
        const out: Pair[] = [];
        for (const [x, y] of ring) {
          const p: Pair = [round6(x), round6(y)];
          const last = out[out.length - 1];
          if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
        }
        return out;
      }),
    )
    .filter((rings) => (rings[0]?.length ?? 0) >= 4);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/** The union of shapes (a province drawn from its districts), or null for none. */
export function unionShapes(shapes: readonly Shape[]): Shape | null {
  const [first, ...rest] = shapes.map(toClip);
  if (!first) return null;
  return fromClip(polygonClipping.union(first, ...rest));
}

/**
 * The generated shapes of a district: kecamatan cells tile the outline, desa cells tile their
 * kecamatan, so a kecamatan is exactly the union of its desa and never split in two. Kecamatan
 * without desa get no shape.
 */
export function demoDistrictShapes(input: DemoDistrictInput, next: Random): DemoDistrictShapes {
  const district = demoOutline(input.box, next);
  const kecamatanList = input.kecamatan.filter((k) => k.desa.length > 0);
  const kecamatan = new Map<string, Shape>();
  const desa = new Map<string, Shape>();
  const kecCells = clippedVoronoi(spreadPoints(district, kecamatanList.length, next), district);
  kecamatanList.forEach((k, i) => {
    const cell = kecCells[i];
    if (!cell) return;
    kecamatan.set(k.code, cell);
    const desaCells = clippedVoronoi(spreadPoints(cell, k.desa.length, next), cell);
    k.desa.forEach((code, j) => {
      const d = desaCells[j];
      if (d) desa.set(code, d);
    });
  });
  return { district, kecamatan, desa };
}
