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
