// Contract of the region shapes (F14): the shapes of a region's children as GeoJSON, and Pusdatin's
// load of boundary files (GeoJSON or zipped Shapefile keyed by Kemendagri code).
import { z } from 'zod';
import { RegionLevelSchema } from './common.ts';

const RegionCodeSchema = z.string().regex(/^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{4})?)?)?$/);

/** GET /api/v1/boundaries: the children of `parent` ('' or none: the provinces), or with `code` that one region's shape. */
export const BoundaryListQuerySchema = z.object({
  parent: z
    .union([z.literal(''), RegionCodeSchema])
    .optional()
    .describe('The region whose children are drawn; empty or absent: the provinces'),
  code: RegionCodeSchema.optional().describe('Only this region (its outline); takes precedence over `parent`'),
});

/** [west, south, east, north] in degrees. */
export const BboxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/**
 * A GeoJSON Polygon or MultiPolygon (longitude, latitude). The coordinates are passed through as
 * stored (checked when they were loaded), not re-validated on every answer.
 */
export const BoundaryGeometrySchema = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.unknown()),
});

/** One region's shape as a GeoJSON Feature whose id is the region code. */
export const BoundaryFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  properties: z.object({ code: z.string(), name: z.string(), level: RegionLevelSchema }),
  geometry: BoundaryGeometrySchema,
});

/** The answer of listBoundaries: a GeoJSON FeatureCollection with the bbox of all its features (null when none has a shape). */
export const BoundaryCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  bbox: BboxSchema.nullable(),
  features: z.array(BoundaryFeatureSchema),
});

/** The largest boundary file accepted (a country's desa, simplified, is far below it). */
export const BOUNDARY_FILE_MAX_BYTES = 50 * 1024 * 1024;

/** Shapes stored per level by one load. */
export const BoundaryLevelCountsSchema = z.object({
  provinsi: z.number().int(),
  kabkota: z.number().int(),
  kecamatan: z.number().int(),
  desa: z.number().int(),
});

/** POST /api/v1/boundaries: what a load stored and what it left out. */
export const BoundaryLoadResultSchema = z.object({
  source: z.string().describe('The file name'),
  features: z.number().int().describe('Features read from the file'),
  loaded: z.number().int().describe('Region shapes stored (pieces of one code are one shape)'),
  replaced: z.number().int().describe('Of those, shapes that replaced an earlier one'),
  byLevel: BoundaryLevelCountsSchema,
  unknownCodes: z.array(z.string()).describe('Codes not in the Kemendagri region list: not loaded'),
  withoutCode: z
    .number()
    .int()
    .describe('Features with no code property (kode, code, kode_wilayah, kode_kemendagri, KDEPUM, KDCPUM, KDPKAB, KDPPUM): not loaded'),
});
