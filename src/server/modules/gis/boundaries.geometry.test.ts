import type { Position } from 'geojson';
import polygonClipping from 'polygon-clipping';
import { describe, expect, it } from 'vitest';
import { clippedVoronoi, demoDistrictShapes, demoOutline, unionShapes } from './boundaries.demo.ts';
import {
  bboxOf,
  codeProperty,
  containsPoint,
  geometryProblem,
  mergeShapes,
  normaliseRegionCode,
  polygonsOf,
  randomPointIn,
  ringCrossesItself,
  type Shape,
  simplifyForDisplay,
} from './boundaries.geometry.ts';

const ring = (...points: [number, number][]): Position[] => [...points, points[0]!];
const polygon = (...points: [number, number][]): Shape => ({ type: 'Polygon', coordinates: [ring(...points)] });
const unitSquare = polygon([0, 0], [1, 0], [1, 1], [0, 1]);

/** Area of a shape in square degrees (shoelace; holes subtract). */
function area(shape: Shape): number {
  let total = 0;
  for (const rings of polygonsOf(shape))
    rings.forEach((r, i) => {
      let a = 0;
      for (let k = 0; k < r.length - 1; k++) a += r[k]![0]! * r[k + 1]![1]! - r[k + 1]![0]! * r[k]![1]!;
      total += (i === 0 ? 1 : -1) * Math.abs(a / 2);
    });
  return total;
}

/** A seeded [0, 1) source (mulberry32 over a string hash): the tests need repeatable numbers, not the demo's generator. */
function seeded(...parts: (string | number)[]): () => number {
  let a = [...parts.join('|')].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('region codes of boundary files', () => {
  it('normalises dotted, spaced and numeric codes and refuses what is no region code', () => {
    expect(normaliseRegionCode('32.04.01.2001')).toBe('3204012001');
    expect(normaliseRegionCode(' 32 04 ')).toBe('3204');
    expect(normaliseRegionCode(3174)).toBe('3174');
    expect(normaliseRegionCode('31.74.01')).toBe('317401');
    expect(normaliseRegionCode('31')).toBe('31');
    expect(normaliseRegionCode('317')).toBeNull();
    expect(normaliseRegionCode('31740100011')).toBeNull();
    expect(normaliseRegionCode('KOTA')).toBeNull();
    expect(normaliseRegionCode(null)).toBeNull();
  });

  it('reads the code from the most specific property present, whatever its case', () => {
    expect(codeProperty({ KDPPUM: '32', KDPKAB: '32.04', KDCPUM: '32.04.01', KDEPUM: '32.04.01.2001' })).toBe('32.04.01.2001');
    expect(codeProperty({ Kode_Wilayah: '3204' })).toBe('3204');
    expect(codeProperty({ kode: '', code: '3174' })).toBe('3174');
    expect(codeProperty({ nama: 'Tebet' })).toBeUndefined();
    expect(codeProperty(null)).toBeUndefined();
  });
});

describe('geometry checks', () => {
  it('accepts a polygon, a polygon with a hole, and a multipolygon (repeated vertices ignored)', () => {
    expect(geometryProblem(unitSquare)).toBeNull();
    const withHole = { type: 'Polygon', coordinates: [ring([0, 0], [4, 0], [4, 4], [0, 4]), ring([1, 1], [1, 2], [2, 2], [2, 1])] };
    expect(geometryProblem(withHole)).toBeNull();
    expect(
      geometryProblem({ type: 'MultiPolygon', coordinates: [[ring([0, 0], [1, 0], [1, 1])], [ring([5, 5], [6, 5], [6, 6])]] }),
    ).toBeNull();
    expect(geometryProblem({ type: 'Polygon', coordinates: [ring([0, 0], [1, 0], [1, 0], [1, 1], [0, 1])] })).toBeNull();
  });

  it('names what is wrong', () => {
    // A Polygon of one ring taken as written (not closed by the helper).
    const asWritten = (...points: unknown[]) => ({ type: 'Polygon', coordinates: [points] });
    const cases: [unknown, RegExp][] = [
      [{ type: 'Point', coordinates: [0, 0] }, /not a Polygon/],
      [null, /not a Polygon/],
      [{ type: 'MultiPolygon', coordinates: [] }, /no coordinates/],
      [{ type: 'Polygon', coordinates: [] }, /without rings/],
      [polygon([0, 0], [181, 0], [1, 1]), /out of the longitude/],
      [polygon([0, 0], [0, 91], [1, 1]), /out of the longitude/],
      [asWritten([0, 0], [1, 0], [0, 0]), /fewer than 4/],
      [asWritten([0, 0], [1, 0], [1, 1], [0, 1]), /unclosed/],
      [polygon([0, 0], [1, 1], [1, 0], [0, 1]), /intersects itself/],
      [asWritten([0, 0], ['a', 1], [1, 1], [0, 0]), /pairs of numbers/],
    ];
    for (const [geometry, expected] of cases) expect(geometryProblem(geometry)?.en, JSON.stringify(geometry)).toMatch(expected);
  });
});

describe('the sweep for long rings', () => {
  it('finds the same crossings as @turf/kinks', () => {
    const next = seeded('sweep', 1);
    let crossing = 0;
    for (let trial = 0; trial < 300; trial++) {
      // Random rings of a few points: many cross themselves, some touch at a vertex, some are clean.
      const n = 4 + Math.floor(next() * 8);
      const points = Array.from({ length: n }, () => [Math.round(next() * 10), Math.round(next() * 10)] as [number, number]);
      const r = ring(...points).filter((p, i, all) => i === 0 || p[0] !== all[i - 1]![0] || p[1] !== all[i - 1]![1]);
      if (r.length < 4) continue;
      const byKinks = ringCrossesItself(r);
      expect(ringCrossesItself(r, 0), JSON.stringify(r)).toBe(byKinks);
      if (byKinks) crossing++;
    }
    expect(crossing).toBeGreaterThan(50);
  });

  it('checks a detailed outline of 50,000 positions in seconds, not minutes', () => {
    const n = 50_000;
    const outline = Array.from({ length: n }, (_, i) => {
      const a = (2 * Math.PI * i) / n;
      const r = 1 + 0.05 * Math.sin(37 * a);
      return [106 + r * Math.cos(a), -6 + r * Math.sin(a)];
    });
    outline.push(outline[0]!);
    const started = performance.now();
    expect(geometryProblem({ type: 'Polygon', coordinates: [outline] })).toBeNull();
    expect(performance.now() - started).toBeLessThan(5000);
    // The same outline with two neighbouring vertices swapped crosses itself.
    [outline[100], outline[101]] = [outline[101]!, outline[100]!];
    expect(geometryProblem({ type: 'Polygon', coordinates: [outline] })?.en).toMatch(/intersects itself/);
  });
});

describe('simplifying for display', () => {
  it('drops vertices below the tolerance and keeps the shape valid', () => {
    // A square whose edges carry many nearly collinear vertices.
    const edge: [number, number][] = [];
    for (let i = 0; i < 100; i++) edge.push([i / 100, (i % 2) * 1e-6]);
    const wobbly = polygon(...edge, [1, 0], [1, 1], [0, 1]);
    const simple = simplifyForDisplay(wobbly, 'desa');
    expect(polygonsOf(simple)[0]![0]!.length).toBeLessThan(10);
    expect(geometryProblem(simple)).toBeNull();
    expect(area(simple)).toBeCloseTo(1, 4);
  });

  it('keeps a small shape that the tolerance would collapse', () => {
    const tiny = polygon([106.8, -6.2], [106.80005, -6.2], [106.80005, -6.19995], [106.8, -6.19995]);
    expect(geometryProblem(simplifyForDisplay(tiny, 'provinsi'))).toBeNull();
  });

  it('merges the pieces of one code into a multipolygon', () => {
    const merged = mergeShapes([unitSquare, polygon([2, 2], [3, 2], [3, 3])]);
    expect(merged.type).toBe('MultiPolygon');
    expect(polygonsOf(merged)).toHaveLength(2);
  });
});

describe('points in shapes', () => {
  it('tells inside from outside, holes included', () => {
    const withHole: Shape = { type: 'Polygon', coordinates: [ring([0, 0], [4, 0], [4, 4], [0, 4]), ring([1, 1], [1, 3], [3, 3], [3, 1])] };
    expect(containsPoint(withHole, 0.5, 0.5)).toBe(true);
    expect(containsPoint(withHole, 2, 2)).toBe(false);
    expect(containsPoint(withHole, 5, 2)).toBe(false);
  });

  it('draws random points inside a shape, the same ones for the same seed', () => {
    const triangle = polygon([0, 0], [1, 0], [0, 1]);
    const a = Array.from(
      { length: 200 },
      (
        (next) => () =>
          randomPointIn(triangle, next)
      )(seeded('t', 1)),
    );
    const b = Array.from(
      { length: 200 },
      (
        (next) => () =>
          randomPointIn(triangle, next)
      )(seeded('t', 1)),
    );
    expect(a).toEqual(b);
    for (const p of a) expect(p && p[0] + p[1] <= 1).toBe(true);
    expect(bboxOf(triangle)).toEqual([0, 0, 1, 1]);
  });
});

describe('generated demo shapes', () => {
  const box = { latMin: -6.37, latMax: -6.2, lngMin: 106.76, lngMax: 106.87 };

  it('clips Voronoi cells to the area: each holds its site, and together they cover it without overlap', () => {
    const area0 = demoOutline(box, seeded('outline', 1));
    expect(geometryProblem(area0)).toBeNull();
    const sites: [number, number][] = [
      [106.8, -6.3],
      [106.82, -6.28],
      [106.84, -6.31],
      [106.81, -6.25],
    ];
    const cells = clippedVoronoi(sites, area0);
    cells.forEach((cell, i) => {
      expect(cell).not.toBeNull();
      expect(containsPoint(cell!, ...sites[i]!)).toBe(true);
      expect(geometryProblem(cell)).toBeNull();
    });
    const total = cells.reduce((s, c) => s + area(c!), 0);
    expect(total).toBeCloseTo(area(area0), 6);
    expect(area(unionShapes(cells as Shape[])!)).toBeCloseTo(area(area0), 6);
    expect(polygonClipping.intersection(polygonsOf(cells[0]!) as never, polygonsOf(cells[1]!) as never).length).toBe(0);
  });

  it('makes every desa a valid shape inside its kecamatan and is the same for the same seed', () => {
    const kecamatan = ['317401', '317402', '317403'].map((code, i) => ({
      code,
      desa: Array.from({ length: 3 + i * 3 }, (_, j) => `${code}100${j + 1}`),
    }));
    const shapes = demoDistrictShapes({ box, kecamatan }, seeded('demo-shapes', '3174'));
    expect(shapes).toEqual(demoDistrictShapes({ box, kecamatan }, seeded('demo-shapes', '3174')));
    expect([...shapes.kecamatan.keys()]).toEqual(['317401', '317402', '317403']);
    expect(shapes.desa.size).toBe(3 + 6 + 9);
    const [w, s, e, n] = bboxOf(shapes.district);
    expect(w >= box.lngMin && e <= box.lngMax && s >= box.latMin && n <= box.latMax).toBe(true);
    for (const k of kecamatan) {
      const kec = shapes.kecamatan.get(k.code)!;
      let desaArea = 0;
      for (const d of k.desa) {
        const shape = shapes.desa.get(d)!;
        expect(geometryProblem(shape), d).toBeNull();
        desaArea += area(shape);
        // A desa lies inside its kecamatan: what is left of it outside is rounding (6 decimals) only.
        const outside = polygonClipping.difference(polygonsOf(shape) as never, polygonsOf(kec) as never);
        expect(outside.reduce((sum, p) => sum + area({ type: 'Polygon', coordinates: p }), 0)).toBeLessThan(area(kec) * 1e-4);
      }
      expect(desaArea).toBeCloseTo(area(kec), 5);
    }
  });
});
