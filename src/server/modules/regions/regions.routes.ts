import { z } from 'zod';
import type { FastifyZod } from '../../http/types.ts';
import { actorOf } from '../../http/auth.ts';
import type { AppContext } from '../../platform/context.ts';
import { listRegionChildren } from './regions.service.ts';

export const RegionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['provinsi', 'kabkota', 'kecamatan', 'desa']),
  parent_code: z.string().nullable(),
});

/** Routes of the regions module. */
export function regionsRoutes(app: FastifyZod, ctx: AppContext) {
  app.get(
    '/api/v1/regions',
    {
      schema: {
        operationId: 'listRegions',
        summary: 'Child regions of a region (provinces without `parent`), within the user scope',
        tags: ['regions'],
        querystring: z.object({
          parent: z
            .string()
            .regex(/^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{4})?)?)?$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(RegionSchema) }) },
      },
    },
    async (req) => ({ items: await listRegionChildren(ctx, actorOf(req), req.query.parent ?? null) }),
  );
}
