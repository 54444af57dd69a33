// Contract of the regions module: child regions within the user's scope.
import { z } from 'zod';
import { listOf, RegionLevelSchema } from './common.ts';

/** A region as users see it named (the scope of a user, Beranda's region). */
export const RegionRefSchema = z.object({ code: z.string(), name: z.string(), level: RegionLevelSchema });
/** A region of the tree with its parent (null for a province). */
export const RegionSchema = RegionRefSchema.extend({ parent_code: z.string().nullable() });

/** GET /api/v1/regions: provinces without `parent`. */
export const RegionListQuerySchema = z.object({
  parent: z
    .string()
    .regex(/^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{4})?)?)?$/)
    .optional(),
});
export const RegionListSchema = listOf(RegionSchema);

/** How deep GET /api/v1/regions/tree goes below the provinces (kabkota without `depth`). */
export const REGION_TREE_DEPTHS = ['kabkota', 'kecamatan', 'desa'] as const;
export type RegionTreeDepth = (typeof REGION_TREE_DEPTHS)[number];
export const RegionTreeQuerySchema = z.object({ depth: z.enum(['kecamatan', 'desa']).optional() });

// The tree spelled out level by level (not a recursive schema): what the OpenAPI document shows.
// The deepest level asked for has no `children`.
const desaNode = RegionRefSchema;
const kecamatanNode = RegionRefSchema.extend({ children: z.array(desaNode).optional() });
const kabkotaNode = RegionRefSchema.extend({ children: z.array(kecamatanNode).optional() });
/** GET /api/v1/regions/tree: the 38 provinces with their kabupaten/kota (and deeper with `depth`). */
export const RegionTreeSchema = z.array(RegionRefSchema.extend({ children: z.array(kabkotaNode) }));
