import * as api from '../../../shared/api/households.ts';
import { defineRoutes } from '../../http/routes.ts';
import { exportRoute } from '../finalisations/index.ts';
import { exportHouseholds, getHousehold, listHouseholds } from './households.service.ts';

/** Routes of the households module (View Data Kesos, F13). */
export const householdsRoutes = defineRoutes('households', (r, ctx) => {
  r.get('/api/v1/households', 'listHouseholds', { querystring: api.HouseholdListQuerySchema, response: { 200: api.HouseholdPageSchema } })
    .summary('Households in the user scope, filtered and paged on the server')
    .handle(({ actor, query }) => listHouseholds(ctx, actor, query));
  exportRoute(
    r,
    '/api/v1/households/export',
    'exportHouseholds',
    api.HouseholdExportQuerySchema,
    'The household list (filters of GET /api/v1/households) as xlsx or csv; streamed, logged, masked for roles without personal:unmasked',
    (actor, query) => exportHouseholds(ctx, actor, query),
  );
  r.get('/api/v1/households/:idbdt', 'getHousehold', { params: api.HouseholdParamsSchema, response: { 200: api.HouseholdDetailSchema } })
    .summary('One household with its members and change history')
    .handle(({ actor, params }) => getHousehold(ctx, actor, params.idbdt));
});
