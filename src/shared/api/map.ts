// Contract of the map (F14): area figures per child region and household points per viewport.
import { z } from 'zod';
import { KabCodeSchema, RegionLevelSchema } from './common.ts';

/** From this zoom on the points route answers single households (when they fit the cap). */
export const MAP_POINTS_MIN_ZOOM = 15;
/** The most single households one points response holds; more answer clusters. */
export const MAP_POINTS_CAP = 5000;
/** The most grid cells a viewport may span at its zoom (a bbox far larger than any screen is refused). */
export const MAP_MAX_CELLS = 20_000;
export const MAP_MAX_ZOOM = 22;

/** The side of a cluster cell in degrees at a zoom: about 64 screen pixels of a 256-pixel tile. */
export function mapCellSize(zoom: number): number {
  return 360 / 2 ** (zoom + 2);
}

/** GET /api/v1/map/figures: the children of `parent` (omitted: the provinces). */
export const MapFiguresQuerySchema = z.object({
  parent: z
    .string()
    .regex(/^([0-9]{2}|[0-9]{4}|[0-9]{6})$/)
    .optional()
    .describe('A province (2 digits), district (4) or kecamatan (6); omitted: the provinces'),
});

/** Use of a district quota: AKTIF members of the list in the area against the district's quota. */
export const QuotaUseSchema = z.object({
  active: z.number(),
  quota: z.number().nullable().describe("The district's quota of the period (null: none, or the area is wider than a district)"),
  use: z.number().nullable().describe('active / quota (the share of the district quota the area takes; null without a quota)'),
});

export const MapAreaFiguresSchema = z.object({
  code: z.string(),
  name: z.string(),
  households: z.number().describe('AKTIF households of the area (within the caller scope)'),
  meanDesil: z.number().nullable().describe('Mean desil of the AKTIF households with a persentil (null: none)'),
  lowDesilShare: z.number().nullable().describe('Share (0–1) of the AKTIF households in desil 1–4 (null: no households)'),
  proposalsWaiting: z.number().describe('BDT proposals not yet decided (MENUNGGU)'),
  kpm: QuotaUseSchema.describe('AKTIF KPM of BPNT against the BPNT quota'),
  pbi: QuotaUseSchema.describe('AKTIF PBI participants against the PBI quota'),
});

export const MapFiguresSchema = z.object({
  parent: z.object({ code: z.string(), name: z.string(), level: RegionLevelSchema }).nullable(),
  level: RegionLevelSchema.describe('The level of the areas'),
  period: z.string().describe('The quota period the use is of'),
  items: z.array(MapAreaFiguresSchema),
});

const within = (x: number | undefined, limit: number): x is number => x !== undefined && Number.isFinite(x) && Math.abs(x) <= limit;
const BboxSchema = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const parts = s.split(',').map((x) => (/^\s*-?[0-9]{1,3}(\.[0-9]{1,15})?\s*$/.test(x) ? Number(x) : Number.NaN));
    const [w, so, e, n] = parts;
    if (parts.length !== 4 || !within(w, 180) || !within(e, 180) || !within(so, 90) || !within(n, 90) || w >= e || so >= n) {
      ctx.addIssue({ code: 'custom', message: 'bbox: west,south,east,north in degrees, west < east, south < north' });
      return z.NEVER;
    }
    return [w, so, e, n] as [number, number, number, number];
  });

/** GET /api/v1/map/points */
export const MapPointsQuerySchema = z
  .object({
    kab: KabCodeSchema,
    bbox: BboxSchema.describe('The viewport: west,south,east,north (WGS84 degrees)'),
    zoom: z.coerce.number().int().min(0).max(MAP_MAX_ZOOM),
  })
  .superRefine((q, ctx) => {
    const cell = mapCellSize(q.zoom);
    const [w, s, e, n] = q.bbox;
    if (((e - w) / cell) * ((n - s) / cell) > MAP_MAX_CELLS)
      ctx.addIssue({ code: 'custom', path: ['bbox'], message: 'bbox too large for the zoom' });
  });

export const MapClusterSchema = z.object({ lat: z.number(), lng: z.number(), count: z.number() });
export const MapPointSchema = z.object({ idbdt: z.string(), desil: z.number().nullable(), lat: z.number(), lng: z.number() });

export const MapPointsSchema = z.object({
  kab: z.string(),
  zoom: z.number(),
  kind: z.enum(['clusters', 'points']).describe('points: single households (zoom ≥ 15 and at most 5,000); clusters otherwise'),
  cellSize: z.number().describe('The side of a cluster cell in degrees at this zoom'),
  total: z.number().describe('AKTIF located households of the caller scope in the viewport'),
  clusters: z.array(MapClusterSchema),
  points: z.array(MapPointSchema),
});
