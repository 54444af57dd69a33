import { RegionListQuerySchema, RegionListSchema } from '../../../shared/api/regions.ts';
import type { FastifyZod } from '../../http/types.ts';
import { routeTable } from '../../http/routes.ts';
import type { AppContext } from '../../platform/context.ts';
import { listRegionChildren } from './regions.service.ts';

/** Routes of the regions module. */
export function regionsRoutes(app: FastifyZod, ctx: AppContext) {
  routeTable(app, 'regions')
    .get('/api/v1/regions', 'listRegions', { querystring: RegionListQuerySchema, response: { 200: RegionListSchema } })
    .summary('Child regions of a region (provinces without `parent`), within the user scope')
    .handle(async ({ actor, query }) => ({ items: await listRegionChildren(ctx, actor, query.parent ?? null) }));
}
