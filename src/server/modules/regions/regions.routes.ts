import { RegionListQuerySchema, RegionListSchema } from '../../../shared/api/regions.ts';
import { defineRoutes } from '../../http/routes.ts';
import { listRegionChildren } from './regions.service.ts';

/** Routes of the regions module. */
export const regionsRoutes = defineRoutes('regions', (r, ctx) => {
  r.get('/api/v1/regions', 'listRegions', { querystring: RegionListQuerySchema, response: { 200: RegionListSchema } })
    .summary('Child regions of a region (provinces without `parent`), within the user scope')
    .handle(async ({ actor, query }) => ({ items: await listRegionChildren(ctx, actor, query.parent ?? null) }));
});
