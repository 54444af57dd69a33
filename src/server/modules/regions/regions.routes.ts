import { RegionListQuerySchema, RegionListSchema, RegionTreeQuerySchema, RegionTreeSchema } from '../../../shared/api/regions.ts';
import { defineRoutes } from '../../http/routes.ts';
import { listRegionChildren } from './regions.service.ts';
import { matchesEtag, regionTree } from './regions.tree.ts';

// Browsers and proxies may keep the tree an hour, then revalidate it with its ETag.
const TREE_CACHE_CONTROL = 'public, max-age=3600';

/** Routes of the regions module. */
export const regionsRoutes = defineRoutes('regions', (r, ctx) => {
  r.get('/api/v1/regions', 'listRegions', { querystring: RegionListQuerySchema, response: { 200: RegionListSchema } })
    .summary('Child regions of a region (provinces without `parent`), within the user scope')
    .handle(async ({ actor, query }) => ({ items: await listRegionChildren(ctx, actor, query.parent ?? null) }));
  r.get('/api/v1/regions/tree', 'getRegionsTree', {
    security: [],
    description:
      'Public, no login: the whole nation, the same for everyone. Without `depth` each province holds its kabupaten/kota; ' +
      '`depth=kecamatan` or `depth=desa` goes deeper. Sent with a strong ETag; `If-None-Match` with it answers 304.',
    querystring: RegionTreeQuerySchema,
    response: { 200: RegionTreeSchema },
  })
    .summary('The Kemendagri regions tree of the nation (public)')
    .handle(async ({ query, req, reply }) => {
      const doc = await regionTree(ctx, query.depth ?? 'kabkota');
      reply.header('etag', doc.etag).header('cache-control', TREE_CACHE_CONTROL);
      if (matchesEtag(req.headers['if-none-match'], doc.etag)) return reply.code(304).send();
      // The cached JSON text as it is: neither re-serialised nor re-validated per request.
      return reply.type('application/json; charset=utf-8').send(doc.body);
    });
});
